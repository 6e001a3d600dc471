// Accessibility with a number: axe-core in Chromium on every page and state people use, light and
// dark: no violation of impact moderate or higher.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp } from './support.ts';

const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

/** Violations of impact moderate, serious or critical, one line each (rule, impact, where). */
async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, where: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  return found.filter((v) => ['moderate', 'serious', 'critical'].includes(v.impact)).map((v) => `${v.impact} ${v.id}: ${v.where.join(' | ')}`);
}

async function sandbox(scheme: 'light' | 'dark', hash = ''): Promise<Page> {
  const page = await app.browser.newPage(1440, 900);
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(`${app.url}${hash}`);
  await page.getByRole('textbox', { name: 'Command' }).waitFor();
  return page;
}

describe('e2e: accessibility (axe-core)', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`the sandbox, ${scheme}: fresh (welcome), after #2618, with the inspector, topology and lab panels open`, async () => {
      const page = await sandbox(scheme);
      await page.evaluate(() => localStorage.clear());
      await page.reload();
      await page.getByRole('dialog').first().waitFor();
      expect(await violations(page)).toEqual([]);
      await page.close();

      const played = await sandbox(scheme, '#scenario=issue-2618&mode=buggy');
      await played.waitForFunction(() => (document.querySelector('[aria-label="Console output"]')?.textContent ?? '').includes('@kv1 CLUSTER NODES'), null, { timeout: 60_000 });
      expect(await violations(played)).toEqual([]);
      // The inspector on kv3 (selected from the text view's table), then the topology and lab tabs.
      await played.getByRole('button', { name: 'kv3', exact: true }).first().click();
      await played.getByRole('tab', { name: 'Node' }).click();
      expect(await violations(played)).toEqual([]);
      await played.getByRole('tab', { name: 'Topology' }).click();
      expect(await violations(played)).toEqual([]);
      await played.getByRole('tab', { name: 'Labs' }).click();
      await played.getByText('bootstrap', { exact: false }).first().waitFor();
      expect(await violations(played)).toEqual([]);
      await played.close();
    });
  }

  it('demo.html and embed.html', async () => {
    const page = await app.browser.newPage(1280, 900);
    await page.goto(`${app.url}demo.html`);
    await page.locator('kvrocks-lab').first().locator('canvas').first().waitFor({ timeout: 20_000 });
    expect(await violations(page)).toEqual([]);
    await page.goto(`${app.url}embed.html?scenario=issue-2618`);
    await page.locator('kvrocks-lab').getByText('Press Play to run this scenario', { exact: false }).waitFor();
    expect(await violations(page)).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
