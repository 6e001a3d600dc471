// A 1,000-node cluster a person can read (issue 10): search, filter counts, `@kv8` and the fault
// picker each select a node and the graph frames it. Checked on Cytoscape's own viewport (?test).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialise, STORAGE_KEY } from '../../src/ui/state/persistence.ts';
import { SandboxPage } from './sandbox-page.ts';
import { startApp } from './support.ts';

let app: Awaited<ReturnType<typeof startApp>>;
let page: Page;
let sandbox: SandboxPage;

type Cy = {
  zoom(): number;
  width(): number;
  height(): number;
  nodes(s: string): { length: number };
  getElementById(id: string): { hasClass(c: string): boolean; renderedPosition(): { x: number; y: number } };
};

/** Whether `name` is selected and framed: centred within a tenth of the canvas, at a zoom where it reads. */
function framed(name: string): Promise<string> {
  return page.evaluate((n) => {
    const cy = (window as unknown as { __kvlabGraph: Cy }).__kvlabGraph;
    const node = cy.getElementById(n);
    const at = node.renderedPosition();
    const off = Math.max(Math.abs(at.x - cy.width() / 2) / cy.width(), Math.abs(at.y - cy.height() / 2) / cy.height());
    return `${node.hasClass('selected') ? 'selected' : 'not selected'}, ${off < 0.1 ? 'centred' : `off by ${off.toFixed(2)}`}, ${cy.zoom() >= 1 ? 'readable' : `zoom ${cy.zoom().toFixed(2)}`}`;
  }, name);
}

const FRAMED = 'selected, centred, readable';

beforeAll(async () => {
  app = await startApp();
  page = await app.browser.newPage(1440, 900);
  sandbox = new SandboxPage(page);
  await page.goto(new URL('favicon.svg', app.url).href);
  // 1,000 nodes in shards of 4 by the controller, then kv2 removed its way: its link is a ghost (#2841).
  const log = ['.controller start', '.controller create 4', '.controller remove kv2'].map((input, i) => ({ at: i < 2 ? 0 : 8000, input }));
  const saved = serialise({ seed: 1, mode: 'buggy', nodes: 1000, log, time: 10_000, horizon: 10_000 });
  await page.evaluate(([key, value]) => {
    localStorage.clear();
    localStorage.setItem('kvlab.welcome.dismissed', 'yes');
    localStorage.setItem('kvlab.clock.v1', JSON.stringify({ playing: false, speed: 1 }));
    localStorage.setItem(key!, value!);
  }, [STORAGE_KEY, saved]);
  await page.goto(`${app.url}?test`);
  await page.waitForFunction(() => (window as unknown as { __kvlabGraph?: Cy }).__kvlabGraph?.nodes('.kvnode').length === 1000, null, { timeout: 120_000 });
}, 240_000);
afterAll(async () => {
  await app?.stop();
});

describe('e2e: a 1,000-node cluster', () => {
  it('the search box finds kv500 by name and frames it; Enter on a port finds kv642', async () => {
    const search = page.getByRole('combobox', { name: 'Find a node' });
    await search.fill('kv500');
    await expect.poll(() => page.getByRole('listbox', { name: 'Find a node: matches' }).getByRole('option').first().textContent()).toContain('kv500');
    await search.press('Enter');
    await expect.poll(() => framed('kv500')).toBe(FRAMED);
    await search.fill('30642');
    await search.press('Enter');
    await expect.poll(() => framed('kv642')).toBe(FRAMED);
  });

  it('the ghost-link count says 1; clicking it selects and frames kv2', async () => {
    const chip = page.locator('button[data-filter="ghost"]');
    await expect.poll(() => chip.textContent()).toBe('1 ghost link');
    await chip.click();
    await expect.poll(() => framed('kv2')).toBe(FRAMED);
  });

  it('`@kv8 PING` in the console frames kv8', async () => {
    await sandbox.type('@kv8 PING');
    await expect.poll(() => framed('kv8')).toBe(FRAMED);
  });

  it('the partition picker filters 999 nodes down to the few that match', async () => {
    await page.getByRole('tab', { name: 'Node' }).click();
    const picker = page.getByRole('combobox', { name: 'node to partition kv8 from' });
    await picker.fill('kv99');
    const options = page.getByRole('listbox', { name: 'node to partition kv8 from: matches' }).getByRole('option');
    await expect.poll(() => options.count()).toBe(8);
    expect((await options.allTextContents()).map((t) => t.replace(/127.*/, '').trim())).toEqual(['kv99', 'kv990', 'kv991', 'kv992', 'kv993', 'kv994', 'kv995', 'kv996']);
    await picker.press('ArrowDown');
    await picker.press('Enter');
    expect(await page.locator('button[data-fault="partition"]').getAttribute('title')).toBe('cut the link: .partition kv8 kv990');
  });
});
