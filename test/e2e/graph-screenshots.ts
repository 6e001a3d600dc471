/**
 * Screenshots of the graph, inspector, topology panel and text mirror in the production build, for
 * people to look at (not a test):   npx tsx test/e2e/graph-screenshots.ts [out-dir]
 * (default /tmp/kvlab-graph-screenshots).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
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
  console.log(shots.join('\n'));
} finally {
  await app.stop();
}
