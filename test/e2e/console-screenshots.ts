/**
 * Screenshots of the console's points of issue 9 in the production build, for people to look at
 * (not a test):   npx tsx test/e2e/console-screenshots.ts [out-dir]   (default /tmp/kvlab-console-screenshots)
 * A topology typed while paused (the hint, Paused), CLUSTER NODES and .nodes scrolling sideways,
 * a copy button, Ctrl+R, and a first visit playing at 1x; at 1440 and 1024 px, light and dark.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { issue2618Commands, SandboxPage } from './sandbox-page.ts';
import { startApp } from './support.ts';

const out = process.argv[2] ?? '/tmp/kvlab-console-screenshots';
mkdirSync(out, { recursive: true });
const app = await startApp();
const shots: string[] = [];

async function shoot(page: Page, name: string, crop = false): Promise<void> {
  const path = join(out, `${name}.png`);
  await page.waitForTimeout(400);
  await page.screenshot({ path });
  shots.push(path);
  if (!crop) return;
  const column = join(out, `${name}-console.png`);
  await page.locator('#console-column').screenshot({ path: column });
  shots.push(column);
}

try {
  for (const width of [1440, 1024]) {
    for (const theme of ['light', 'dark'] as const) {
      const page = await app.browser.newPage(width, 860);
      const sandbox = new SandboxPage(page);
      await sandbox.open(app.url);
      await page.evaluate((t) => localStorage.setItem('kvlab.theme', t), theme);
      await page.reload();
      await sandbox.command.waitFor();
      const [first, ...rest] = issue2618Commands().slice(0, 6);
      await sandbox.type(first!);
      await shoot(page, `console-paused-hint-${width}-${theme}`, true);
      for (const input of rest) await sandbox.type(input);
      await sandbox.type('.wait 2s');
      await sandbox.type('@kv1 CLUSTER NODES');
      await sandbox.type('.nodes');
      await page.locator('.entry').last().hover();
      await shoot(page, `console-output-${width}-${theme}`, true);
      await sandbox.command.click();
      await page.keyboard.press('Control+r');
      await page.keyboard.type('SETNODEID');
      await shoot(page, `console-search-${width}-${theme}`, true);
      await page.keyboard.press('Escape');
      await page.close();
    }
  }
  const first = await app.browser.newPage(1440, 860);
  const sandbox = new SandboxPage(first);
  await sandbox.open(app.url, { clock: 'first-visit' });
  await sandbox.type('PING');
  await first.waitForTimeout(1500);
  await shoot(first, 'console-first-visit-playing-1440-light', true);
  await first.close();
  console.log(shots.join('\n'));
} finally {
  await app.stop();
}
