// The findings strip in the production build: what is wrong now, clickable to select and frame
// the node; a scenario's conclusion as a `#` line; and no notice covering a control.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxPage } from './sandbox-page.ts';
import { startApp } from './support.ts';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

async function openSandbox(width = 1440): Promise<{ page: Page; sandbox: SandboxPage }> {
  const page = await app.browser.newPage(width, 800);
  const sandbox = new SandboxPage(page);
  await sandbox.open(`${app.url}?test`);
  return { page, sandbox };
}

/** The visible buttons whose middle is covered by something that is not part of them. */
function coveredButtons(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')].flatMap((b) => {
      const r = b.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight) return [];
      // Scrolled out of its pane (a reply's copy button above the transcript's top) is not covered.
      const x = r.left + r.width / 2;
      const y = r.top + r.height / 2;
      for (let p = b.parentElement; p; p = p.parentElement) {
        if (getComputedStyle(p).overflow === 'visible') continue;
        const c = p.getBoundingClientRect();
        if (x < c.left || x > c.right || y < c.top || y > c.bottom) return [];
      }
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return top && (b === top || b.contains(top)) ? [] : [b.textContent?.trim() || b.getAttribute('aria-label') || '?'];
    }),
  );
}

describe('e2e: findings', () => {
  it('a fresh cluster: no findings, and the strip says there is no topology yet', async () => {
    const { page, sandbox } = await openSandbox();
    await expect.poll(() => sandbox.findings.textContent()).toContain('No topology yet: every node is at version -1');
    expect(await sandbox.findingTexts()).toEqual([]);
    await page.close();
  });

  it('#2618 buggy: the ghost link and kv3\'s role stay listed; the conclusion is a # line; a click selects and frames', async () => {
    const { page, sandbox } = await openSandbox();
    const conclusion = await sandbox.reproduce2618();
    expect(conclusion).toMatch(/^# Reproduced #2618: kv3 was removed from the topology, yet kv3 reports role:slave and kv1 reports connected_slaves:2\./);
    expect((await sandbox.transcript()).at(-1)).toBe(conclusion);
    await expect.poll(() => sandbox.findingTexts()).toEqual(['Ghost link kv3 → kv1', 'kv3 runs slave, told: not in topology']);

    // Long after any notice would have faded, the findings are still there.
    await page.waitForTimeout(10_000);
    expect(await sandbox.findingTexts()).toEqual(['Ghost link kv3 → kv1', 'kv3 runs slave, told: not in topology']);

    // Panned far away first: nothing of the cluster is in view.
    await page.evaluate(() => (window as unknown as { __kvlabGraph: { pan(p: { x: number; y: number }): void } }).__kvlabGraph.pan({ x: 5000, y: 5000 }));
    await sandbox.findings.getByRole('button', { name: /Ghost link kv3 → kv1/ }).click();
    await page.locator('tr[data-row="kv3"].selected').waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'node inspector' }).locator('h2').textContent()).toMatch(/^kv3 /);
    // Framed: kv3 and kv1 are back in view.
    const framed = await page.evaluate(() => {
      type Box = { x1: number; x2: number; y1: number; y2: number };
      const cy = (window as unknown as { __kvlabGraph: { extent(): Box; getElementById(id: string): { boundingBox(): Box } } }).__kvlabGraph;
      const view = cy.extent();
      const inside = (b: Box) => b.x1 >= view.x1 && b.x2 <= view.x2 && b.y1 >= view.y1 && b.y2 <= view.y2;
      return { kv3: inside(cy.getElementById('kv3').boundingBox()), kv1: inside(cy.getElementById('kv1').boundingBox()) };
    });
    expect(framed).toEqual({ kv3: true, kv1: true });
    await page.close();
  });

  it('version skew while a push is half done, naming the nodes behind', async () => {
    const { page, sandbox } = await openSandbox();
    await sandbox.type('@kv1 CLUSTERX SETNODEID 7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3');
    await sandbox.type('@kv1 CLUSTERX SETNODES "7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3 127.0.0.1 30001 master - 0-16383" 1');
    await expect.poll(() => sandbox.findingTexts()).toEqual(['Version skew']);
    expect(await sandbox.findings.getByRole('button', { name: /Version skew/ }).textContent()).toContain('kv1 at 1; kv2, kv3 at -1 (no topology)');
    await sandbox.findings.getByRole('button', { name: /Version skew/ }).click();
    await page.locator('tr[data-row="kv2"].selected').waitFor();
    await page.close();
  });

  it('at 1024 px with the lab panel open, the conclusion notice covers no control', async () => {
    const { page, sandbox } = await openSandbox(1024);
    await sandbox.reproduce2618();
    await page.getByRole('tab', { name: 'Labs' }).click();
    await page.getByRole('region', { name: 'Findings' }).waitFor();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Reproduced #2618' }).count()).toBeGreaterThan(0);
    expect(await coveredButtons(page)).toEqual([]);
    await page.close();
  });
});
