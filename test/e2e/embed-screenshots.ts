/**
 * Screenshots of <kvrocks-lab>, for people to look at (not a test):
 *   npx tsx test/e2e/embed-screenshots.ts [out-dir]      (default: /tmp/kvlab-embed-screenshots)
 * The demo page (light and dark), one element at 600 px (a scenario, a lab, light and dark), the
 * error state, and the iframe page.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { hostHtml, openHost, waitHeard } from './embed-page.ts';
import { startApp } from './support.ts';

const out = process.argv[2] ?? '/tmp/kvlab-embed-screenshots';
mkdirSync(out, { recursive: true });
const app = await startApp();
const shots: string[] = [];

async function shoot(page: Page, name: string, fullPage = false) {
  const path = join(out, `${name}.png`);
  await page.screenshot({ path, fullPage });
  shots.push(path);
}

async function single(name: string, element: string, scheme: 'light' | 'dark' = 'light', width = 600, height = 620) {
  const page = await app.browser.newPage(width, height);
  await page.emulateMedia({ colorScheme: scheme });
  await openHost(page, app.url, hostHtml(element).replace('<style>', '<style>body { margin: 0; background: #fff; } '));
  const id = /id="([^"]+)"/.exec(element)![1]!;
  if (element.includes('autoplay')) await waitHeard(page, 'kvlab-finished', id);
  else await page.waitForTimeout(300);
  await page.waitForTimeout(700);
  await shoot(page, name);
  await page.close();
}

try {
  await single('single-600-2618-buggy', '<kvrocks-lab id="e" scenario="issue-2618" mode="buggy" autoplay speed="20"></kvrocks-lab>');
  await single('single-600-2618-fixed-readonly', '<kvrocks-lab id="e" scenario="issue-2618" mode="fixed" autoplay readonly speed="20"></kvrocks-lab>');
  await single('single-600-lab-2618', '<kvrocks-lab id="e" lab="issue-2618" autoplay speed="20"></kvrocks-lab>');
  await single('single-600-dark-2841', '<kvrocks-lab id="e" scenario="issue-2841" mode="fixed" autoplay speed="20" theme="dark"></kvrocks-lab>');
  await single('single-600-system-dark', '<kvrocks-lab id="e" scenario="issue-2618" mode="buggy" autoplay speed="20"></kvrocks-lab>', 'dark');
  await single('single-600-ready', '<kvrocks-lab id="e" scenario="issue-2618" mode="fixed"></kvrocks-lab>');
  await single('error-state', '<kvrocks-lab id="e" scenario="issue-26l8" mode="buggyy" nodes="0" seed="two words"></kvrocks-lab>', 'light', 600, 300);
  await single('error-script-line', '<kvrocks-lab id="e" script="PING&#10;@kv1 SET a 1&#10;.wiat 5s"></kvrocks-lab>', 'dark', 600, 260);
  await single('wide-1100-2618-buggy', '<kvrocks-lab id="e" scenario="issue-2618" mode="buggy" autoplay speed="20"></kvrocks-lab>', 'light', 1100, 620);

  for (const scheme of ['light', 'dark'] as const) {
    const page = await app.browser.newPage(900, 1000);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${app.url}demo.html`);
    await page.waitForFunction(() => (document.querySelector('.heard[data-for="demo-2618-buggy"]')?.textContent ?? '').includes('kvlab-finished'), null, { timeout: 60_000 });
    await shoot(page, `demo-${scheme}-top`);
    await page.evaluate(() => document.getElementById('demo-2841')!.scrollIntoView());
    await page.waitForTimeout(9000);
    await shoot(page, `demo-${scheme}-2841`);
    await page.evaluate(() => document.getElementById('snippet-form')!.scrollIntoView());
    await page.waitForTimeout(300);
    await shoot(page, `demo-${scheme}-snippet`);
    if (scheme === 'light') await shoot(page, 'demo-light-full', true);
    await page.close();
  }

  const frame = await app.browser.newPage(700, 560);
  await frame.goto(`${app.url}embed.html?scenario=issue-2618&mode=fixed&autoplay&speed=20`);
  await frame.waitForFunction(() => document.querySelector('kvrocks-lab')?.shadowRoot?.textContent?.includes('23/23'), null, { timeout: 30_000 });
  await frame.waitForTimeout(700);
  await shoot(frame, 'iframe-page');
  await frame.goto(`${app.url}embed.html?scenario=issue-2618&color=red&autoplay=later`);
  await frame.waitForTimeout(500);
  await shoot(frame, 'iframe-page-error');
  await frame.close();
} finally {
  await app.stop();
}
console.log(shots.join('\n'));
