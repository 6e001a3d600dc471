// One meaning per look, in the production build: a crashed master's links read the same on every
// replica (the ghost marked besides), selection keeps the red halo, and the legend, the graph and
// the text view use the same words.
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

async function after2618(): Promise<{ page: Page; sandbox: SandboxPage }> {
  const page = await app.browser.newPage(1440, 900);
  const sandbox = new SandboxPage(page);
  await sandbox.open(`${app.url}?test`);
  await sandbox.reproduce2618();
  return { page, sandbox };
}

const masterLink = (page: Page, node: string) => page.locator(`tr[data-row="${node}"] td`).nth(3).textContent();

describe('e2e: one meaning per look', () => {
  it('after crashing kv1 every replica\'s link reads "link down"; kv3\'s is marked ghost besides', async () => {
    const { page, sandbox } = await after2618();
    await sandbox.type('.crash kv1');
    await sandbox.type('.wait 500ms');
    await expect.poll(async () => (await sandbox.graphElement('repl:kv2->kv1'))?.label).toBe('link down');
    expect(await sandbox.graphElement('repl:kv2->kv1', ['line-style'])).toMatchObject({ classes: ['repl', 'broken'], style: { 'line-style': 'dotted' } });
    expect(await sandbox.graphElement('repl:kv3->kv1', ['line-style'])).toMatchObject({ classes: ['repl', 'broken', 'ghost'], label: 'link down · ghost', style: { 'line-style': 'dotted' } });
    await expect.poll(() => masterLink(page, 'kv2')).toBe('kv1 link down (kReplConnecting)');
    expect(await masterLink(page, 'kv3')).toBe('kv1 link down (kReplConnecting)');
    expect(await sandbox.findingTexts()).toEqual(['Ghost link kv3 → kv1', 'kv3 runs slave, told: not in topology', 'Link down kv2 → kv1', 'Link down kv3 → kv1', 'kv1 is down']);
    await page.close();
  });

  it('selecting kv3 draws a ring outside its red halo, which stays as it was', async () => {
    const { page, sandbox } = await after2618();
    const looks = ['underlay-opacity', 'underlay-color', 'overlay-opacity', 'outline-width'];
    const before = (await sandbox.graphElement('kv3', looks))!;
    expect(before.classes).toContain('mismatch');
    expect(Number(before.style['underlay-opacity'])).toBeGreaterThan(0);
    await page.locator('button[data-node="kv3"]').click();
    await expect.poll(async () => (await sandbox.graphElement('kv3'))?.classes).toContain('selected');
    const selected = (await sandbox.graphElement('kv3', looks))!;
    expect(selected.style['underlay-opacity']).toBe(before.style['underlay-opacity']);
    expect(selected.style['underlay-color']).toBe(before.style['underlay-color']);
    expect(Number(selected.style['overlay-opacity'])).toBe(0);
    expect(parseFloat(selected.style['outline-width']!)).toBeGreaterThan(0);
    await page.close();
  });

  it('a node missing from its own topology and a connecting link look different', async () => {
    const { page, sandbox } = await after2618();
    const kv3 = (await sandbox.graphElement('kv3', ['border-style', 'border-color']))!;
    expect(kv3.classes).toContain('told-not-in-topology');
    expect(kv3.style['border-style']).toBe('double');
    // A connecting link, drawn by the page's own stylesheet (a probe edge, removed at once).
    const connecting = await page.evaluate(() => {
      type El = { style(k: string): string; remove(): void };
      const cy = (window as unknown as { __kvlabGraph: { add(def: object): El } }).__kvlabGraph;
      const probe = cy.add({ group: 'edges', data: { id: 'probe', source: 'kv2', target: 'kv1' }, classes: 'repl connecting' });
      const look = { lineStyle: probe.style('line-style'), lineColor: probe.style('line-color') };
      probe.remove();
      return look;
    });
    expect(connecting.lineStyle).toBe('dashed');
    expect(kv3.style['border-color']).not.toBe(connecting.lineColor);
    const legend = page.locator('details.legend summary');
    expect((await legend.textContent())?.replace(/\s+/g, ' ').trim()).toBe('Legend told link up connecting link down ghost');
    await page.close();
  });
});
