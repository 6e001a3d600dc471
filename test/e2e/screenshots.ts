/**
 * Screenshots of every view of the sandbox shell, for people to look at (not a test):
 *   npx tsx test/e2e/screenshots.ts [out-dir]      (default: /tmp/kvlab-screenshots)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './support.ts';

const out = process.argv[2] ?? '/tmp/kvlab-screenshots';
mkdirSync(out, { recursive: true });
const app = await startApp();
const shots: string[] = [];

async function shoot(page: Page, name: string) {
  const path = join(out, `${name}.png`);
  await page.screenshot({ path });
  shots.push(path);
}

async function fresh(width: number, height: number, theme: 'light' | 'dark', welcome: boolean): Promise<Page> {
  const page = await app.browser.newPage(width, height);
  await page.goto(app.url);
  await page.evaluate(([t, w]) => {
    localStorage.clear();
    localStorage.setItem('kvlab.theme', t!);
    if (w === 'no') localStorage.setItem('kvlab.welcome.dismissed', 'yes');
  }, [theme, welcome ? 'yes' : 'no']);
  await page.reload();
  await page.getByLabel('Command').waitFor();
  await page.waitForTimeout(600);
  return page;
}

async function reproduce(page: Page) {
  await page.getByRole('button', { name: 'Reproduce #2618', exact: true }).click();
  await page.getByRole('button', { name: 'Replace', exact: true }).click();
  await page.getByRole('button', { name: 'Run the rest now' }).click();
  await page.getByRole('status').getByText(/Reproduced #2618|Removed cleanly/).waitFor();
  await page.waitForTimeout(500);
}

try {
  for (const width of [1280, 1024]) {
    const height = width === 1280 ? 800 : 768;
    const welcome = await fresh(width, height, 'light', true);
    await shoot(welcome, `welcome-${width}`);
    await welcome.close();
    for (const theme of ['light', 'dark'] as const) {
      const page = await fresh(width, height, theme, false);
      await page.getByLabel('Command').fill('.help');
      await page.getByLabel('Command').press('Enter');
      await page.waitForTimeout(300);
      await shoot(page, `sandbox-${theme}-${width}`);
      await reproduce(page);
      await shoot(page, `after-2618-${theme}-${width}`);
      await page.close();
    }
  }
  const page = await fresh(1280, 800, 'light', false);
  await page.getByRole('button', { name: 'Reproduce #2618', exact: true }).click();
  await page.waitForTimeout(2200);
  await shoot(page, 'reproducing-1280');
  await page.getByRole('button', { name: 'Run the rest now' }).click();
  await page.getByRole('status').getByText(/Reproduced #2618/).waitFor();
  await page.getByRole('slider', { name: 'Timeline' }).fill('4200');
  await page.waitForTimeout(600);
  await shoot(page, 'scrubbed-back-1280');
  await page.getByLabel('Command').fill('CLUSTERX SET');
  await page.getByLabel('Command').press('Tab');
  await shoot(page, 'completion-1280');
  await page.getByRole('button', { name: 'New session…' }).click();
  await page.getByRole('dialog', { name: 'New session' }).waitFor();
  await shoot(page, 'new-session-1280');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Docs' }).click();
  await page.waitForTimeout(400);
  await shoot(page, 'docs-1280');
  await page.keyboard.press('Escape');
  await page.locator('input[type=file]').setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from('{"seed": 1, "mode": "chaotic"}') });
  await page.waitForTimeout(300);
  await shoot(page, 'import-error-1280');
  console.log(shots.join('\n'));
} finally {
  await app.stop();
}
