/**
 * Screenshots of the behaviour control and the bug catalogue, for people to look at (not a test):
 *   npx tsx test/e2e/catalogue-screenshots.ts [out-dir]      (default: /tmp/kvlab-screenshots/catalogue)
 * The header with a custom setting, the behaviour list, the catalogue, and a catalogue scenario
 * after it ran; light and dark, 1440 and 390 wide.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startApp } from './support.ts';

const out = process.argv[2] ?? '/tmp/kvlab-screenshots/catalogue';
mkdirSync(out, { recursive: true });
const app = await startApp();
const shots: string[] = [];

async function shoot(page: Page, name: string) {
  const path = join(out, `${name}.png`);
  await page.waitForTimeout(300);
  await page.screenshot({ path });
  shots.push(path);
}

async function fresh(width: number, theme: 'light' | 'dark'): Promise<Page> {
  const page = await app.browser.newPage(width, width > 1000 ? 900 : 844);
  await page.goto(app.url);
  await page.evaluate((t) => {
    localStorage.clear();
    localStorage.setItem('kvlab.theme', t);
    localStorage.setItem('kvlab.welcome.dismissed', 'yes');
  }, theme);
  await page.reload();
  await page.getByLabel('Command').waitFor();
  return page;
}

try {
  for (const width of [1440, 390]) {
    for (const theme of ['light', 'dark'] as const) {
      const page = await fresh(width, theme);
      await page.getByRole('radio', { name: /^fixed/ }).check();
      await page.getByRole('button', { name: /^All behaviours/ }).click();
      const list = page.getByRole('dialog', { name: 'Behaviours' });
      await list.getByRole('checkbox', { name: 'drop-orphans-2850' }).check();
      await shoot(page, `behaviours-${theme}-${width}`);
      await page.keyboard.press('Escape');
      await shoot(page, `header-custom-${theme}-${width}`);
      await page.getByRole('button', { name: 'Catalogue', exact: true }).click();
      await shoot(page, `catalogue-${theme}-${width}`);
      await page.getByRole('button', { name: 'Run issue-2618 in buggy' }).click();
      await page.getByRole('button', { name: 'Replace', exact: true }).click();
      await page.getByRole('button', { name: 'Run the rest now' }).click();
      await page.getByText(/^Ran issue-2618 in buggy/).waitFor();
      await shoot(page, `catalogue-ran-${theme}-${width}`);
      await page.close();
    }
  }
  console.log(shots.join('\n'));
} finally {
  await app.stop();
}
