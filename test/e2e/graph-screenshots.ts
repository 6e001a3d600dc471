/**
 * Screenshots of the graph, inspector, topology panel and text mirror in the production build, for
 * people to look at (not a test):   npx tsx test/e2e/graph-screenshots.ts [out-dir]
 * (default /tmp/kvlab-graph-screenshots).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { serialise, STORAGE_KEY } from '../../src/ui/state/persistence.ts';
import { issue2618Commands, SandboxPage } from './sandbox-page.ts';
import { startApp } from './support.ts';

const out = process.argv[2] ?? '/tmp/kvlab-graph-screenshots';
mkdirSync(out, { recursive: true });
const app = await startApp();
const shots: string[] = [];

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(out, `${name}.png`);
  await page.waitForTimeout(700);
  await page.screenshot({ path });
  shots.push(path);
}

async function open(theme: 'light' | 'dark', mode: 'buggy' | 'fixed'): Promise<{ page: Page; sandbox: SandboxPage }> {
  const page = await app.browser.newPage(1440, 900);
  const sandbox = new SandboxPage(page);
  await sandbox.open(`${app.url}?test`);
  await page.evaluate((t) => localStorage.setItem('kvlab.theme', t), theme);
  await page.reload();
  await sandbox.command.waitFor();
  await page.waitForFunction(() => '__kvlabGraph' in window);
  if (mode === 'fixed') await sandbox.chooseMode('fixed');
  return { page, sandbox };
}

async function select(page: Page, node: string): Promise<void> {
  await page.locator(`button[data-node="${node}"]`).click();
}

try {
  for (const theme of ['light', 'dark'] as const) {
    const { page, sandbox } = await open(theme, 'buggy');
    for (const command of issue2618Commands()) await sandbox.type(command);
    await select(page, 'kv3');
    await shoot(page, `graph-buggy-2618-${theme}`);
    await page.getByRole('tab', { name: 'Topology' }).click();
    await shoot(page, `topology-${theme}`);
    if (theme === 'light') {
      const at = await page.evaluate(() => {
        const cy = (window as unknown as { __kvlabGraph: { getElementById(id: string): { renderedPosition(): { x: number; y: number } } } }).__kvlabGraph;
        return cy.getElementById('kv1').renderedPosition();
      });
      const box = (await page.getByTestId('cluster-graph').boundingBox())!;
      await page.mouse.click(box.x + at.x, box.y + at.y, { button: 'right' });
      await page.locator('details.legend summary').click();
      await shoot(page, 'graph-node-menu-and-legend-light');
    }
    await page.close();
  }
  const { page, sandbox } = await open('light', 'fixed');
  const commands = issue2618Commands();
  const wait = commands.indexOf('.wait 5s');
  for (const command of commands.slice(0, wait)) await sandbox.type(command);
  await select(page, 'kv1');
  await shoot(page, 'graph-fixed-2618-just-removed-light');
  for (const command of commands.slice(wait)) await sandbox.type(command);
  await select(page, 'kv3');
  await shoot(page, 'graph-fixed-2618-after-5s-light');
  await page.close();

  // 100 nodes created by the controller (shards of 1 + 3), then kv2 removed its way (#2841).
  const big = await app.browser.newPage(1440, 900);
  await big.goto(app.url);
  const log = ['.controller start', '.controller create 4', '.controller remove kv2'].map((input, i) => ({ at: i < 2 ? 0 : 6000, input }));
  const saved = serialise({ seed: 1, mode: 'buggy', nodes: 100, log, time: 8000, horizon: 8000 });
  await big.evaluate(([key, value]) => {
    localStorage.clear();
    localStorage.setItem('kvlab.welcome.dismissed', 'yes');
    localStorage.setItem(key!, value!);
  }, [STORAGE_KEY, saved]);
  await big.goto(`${app.url}?test`);
  await big.waitForFunction(() => '__kvlabGraph' in window);
  await big.getByRole('button', { name: 'Arrange by shard' }).click();
  await select(big, 'kv2');
  await shoot(big, 'graph-100-nodes-controller-removed-kv2-light');
  await big.close();
  console.log(shots.join('\n'));
} finally {
  await app.stop();
}
