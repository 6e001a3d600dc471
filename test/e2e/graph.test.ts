// The #2618 ghost link in the graph of the production build: shown in buggy mode only. Checked on
// Cytoscape's own element data (window.__kvlabGraph, exposed with ?test) and in the text mirror.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue2618Commands, SandboxPage } from './sandbox-page.ts';
import { startApp } from './support.ts';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

const GHOST = 'repl:kv3->kv1';

/** The classes of one Cytoscape element (without the transient `pulse`), or null when there is none. */
function classesOf(page: Page, id: string): Promise<string[] | null> {
  return page.evaluate((edge) => {
    const cy = (window as unknown as { __kvlabGraph?: { getElementById(id: string): { empty(): boolean; classes(): string[] } } }).__kvlabGraph;
    if (!cy) throw new Error('no window.__kvlabGraph: is ?test set and the graph loaded?');
    const element = cy.getElementById(edge);
    return element.empty() ? null : element.classes().filter((name) => name !== 'pulse');
  }, id);
}

const mirrorGhost = (page: Page, node: string) => page.locator(`tr[data-row="${node}"] td[data-ghost]`).textContent();

async function openSandbox(): Promise<{ page: Page; sandbox: SandboxPage }> {
  const page = await app.browser.newPage(1400, 900);
  const sandbox = new SandboxPage(page);
  await sandbox.open(`${app.url}?test`);
  await page.waitForFunction(() => '__kvlabGraph' in window, null, { timeout: 30_000 });
  await page.locator('tr[data-row="kv3"]').waitFor();
  return { page, sandbox };
}

describe('e2e: the #2618 ghost link in the graph', () => {
  it('buggy: repl:kv3->kv1 stays, classed ghost, and the mirror marks both ends', async () => {
    const { page, sandbox } = await openSandbox();
    for (const command of issue2618Commands()) await sandbox.type(command);

    expect(await classesOf(page, GHOST)).toEqual(['repl', 'connected', 'ghost']);
    expect(await classesOf(page, 'repl:kv2->kv1')).toEqual(['repl', 'connected']);
    expect(await classesOf(page, 'topo:kv3->kv1')).toBeNull();
    // The mirror follows the model at most 4 times a second.
    await expect.poll(() => mirrorGhost(page, 'kv3')).toBe('ghost: replicates kv1');
    expect(await mirrorGhost(page, 'kv1')).toBe('ghost: feeds kv3');
    expect(await mirrorGhost(page, 'kv2')).toBe('-');
    await page.close();
  });

  it('fixed: right after the removal only kv1 still feeds kv3 (a ghost); ~5 s later the edge is gone', async () => {
    const { page, sandbox } = await openSandbox();
    await sandbox.chooseMode('fixed');
    const commands = issue2618Commands();
    const wait = commands.indexOf('.wait 5s');
    for (const command of commands.slice(0, wait)) await sandbox.type(command);
    expect(await classesOf(page, GHOST)).toEqual(['repl', 'feed-only', 'ghost']);
    await expect.poll(() => mirrorGhost(page, 'kv1')).toBe('ghost: feeds kv3');

    await sandbox.type('.wait 5s');
    expect(await classesOf(page, GHOST)).toBeNull();
    expect(await classesOf(page, 'repl:kv2->kv1')).toEqual(['repl', 'connected']);
    await expect.poll(() => mirrorGhost(page, 'kv1')).toBe('-');
    expect(await mirrorGhost(page, 'kv3')).toBe('-');
    await page.close();
  });

  it('clicking a node in the graph selects it in the inspector and the mirror', async () => {
    const { page } = await openSandbox();
    const at = await page.evaluate(() => {
      const cy = (window as unknown as { __kvlabGraph: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } }).__kvlabGraph;
      return cy.getElementById('kv2').renderedPosition();
    });
    const box = (await page.getByTestId('cluster-graph').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.locator('tr[data-row="kv2"].selected').waitFor();
    expect(await page.getByRole('region', { name: 'node inspector' }).getByRole('heading', { level: 2 }).textContent()).toMatch(/^kv2 /);
    await page.close();
  });
});
