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

  it('the text mirror is the keyboard path: arrows move between nodes and select them', async () => {
    const { page } = await openSandbox();
    await page.locator('button[data-node="kv1"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('tr[data-row="kv2"].selected').waitFor();
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.node)).toBe('kv2');
    await page.keyboard.press('End');
    await page.locator('tr[data-row="kv3"].selected').waitFor();
    expect(await page.locator('button[data-node="kv3"]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('button[data-node="kv3"]').getAttribute('tabindex')).toBe('0');
    expect(await page.locator('button[data-node="kv1"]').getAttribute('tabindex')).toBe('-1');
    await page.close();
  });

  it('fault buttons run console inputs: crashing kv2 shows in the console and styles the node down', async () => {
    const { page, sandbox } = await openSandbox();
    await page.locator('button[data-node="kv2"]').click();
    await page.getByRole('region', { name: 'node inspector' }).locator('button[data-fault="crash"]').click();
    expect(await sandbox.outputOf('.crash kv2')).toBe('# kv2 crashed');
    await expect.poll(() => classesOf(page, 'kv2')).toContain('down');
    await page.close();
  });

  it('the topology panel pushes S1, then S2 controller-style (#2841): kv3 is never told and becomes a ghost', async () => {
    const { page, sandbox } = await openSandbox();
    await page.getByRole('tab', { name: 'Topology' }).click();
    const panel = page.getByRole('region', { name: 'topology' });
    await panel.getByRole('button', { name: '1 master + 2 replicas (S1)' }).click();
    await panel.getByRole('button', { name: 'Push to 3 nodes' }).click();
    const transcript = await sandbox.transcript();
    expect(transcript.filter((e) => /> @kv\d CLUSTERX SET/.test(e.split('\n')[0]!))).toHaveLength(6);
    expect(await sandbox.outputOf('@kv3 CLUSTERX SETNODEID 0bf1f0cfcfcec3e719806c472f60925f76589f70')).toBe('OK');
    await sandbox.type('.wait 1s');
    expect(await classesOf(page, 'repl:kv3->kv1')).toEqual(['repl', 'connected']);

    await panel.getByRole('button', { name: 'remove kv3 (S2)' }).click();
    await panel.getByRole('button', { name: /only the nodes in the new topology/ }).click();
    await panel.getByRole('button', { name: 'Push to 2 nodes' }).click();
    await sandbox.type('.wait 1s');
    expect(await classesOf(page, 'repl:kv3->kv1')).toEqual(['repl', 'connected', 'ghost']);
    expect(await classesOf(page, 'topo:kv3->kv1')).toEqual(['topo', 'one-sided']);
    await page.close();
  });

  it('right-clicking a node opens its fault menu; a fault there runs in the console', async () => {
    const { page, sandbox } = await openSandbox();
    const at = await page.evaluate(() => {
      const cy = (window as unknown as { __kvlabGraph: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } }).__kvlabGraph;
      return cy.getElementById('kv3').renderedPosition();
    });
    const box = (await page.getByTestId('cluster-graph').boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y, { button: 'right' });
    const menu = page.getByRole('dialog', { name: 'kv3: faults' });
    await menu.locator('button[data-fault="restart"]').click();
    expect(await sandbox.outputOf('.restart kv3')).toBe('# kv3 restarting (listening again in 30ms)');
    expect(await menu.count()).toBe(0);
    await page.close();
  });
});
