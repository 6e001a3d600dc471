// Every width: 1440 and 1024 px show every pane; 768 px two columns (the console and a tabbed
// pane); 390 px one column with tabs for Console, Graph, Node, Lab and Text view. The page never
// scrolls sideways. Screenshots go to $KVLAB_SCREENSHOTS (default: a temp folder) to be looked at.
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, startApp } from './support.ts';

const SHOTS = process.env.KVLAB_SCREENSHOTS ?? join(tmpdir(), 'kvlab-screenshots', 'widths');
let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

const visible = (page: import('playwright-core').Page, selector: string) => page.locator(selector).first().isVisible();

describe('e2e: every width', () => {
  for (const [width, height] of [[1440, 900], [1024, 768], [768, 1000], [390, 844]] as const) {
    it(`${width} px: no sideways scrolling; the panes a person needs are reachable`, async () => {
      const browser = await launchBrowser();
      try {
        const page = await browser.newPage(width, height);
        await page.goto(`${app.url}#scenario=issue-2618&mode=buggy`);
        await page.waitForFunction(() => (document.querySelector('[aria-label="Console output"]')?.textContent ?? '').includes('@kv1 CLUSTER NODES'), null, { timeout: 60_000 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
        await page.screenshot({ path: join(SHOTS, `sandbox-${width}.png`) });
        // Every header action is on screen whole: none is cut at the edge or hidden in a scroller.
        const actions = await page.locator('header .actions > *:not(input):not(.sep)').evaluateAll((els) =>
          els.map((el) => ({ name: el.textContent?.trim() || el.getAttribute('aria-label'), ...el.getBoundingClientRect().toJSON() })),
        );
        expect(actions.length).toBeGreaterThanOrEqual(8);
        for (const a of actions) expect({ name: a.name, inside: a.left >= 0 && a.right <= width && a.width > 0 }).toEqual({ name: a.name, inside: true });
        const tabs = page.getByRole('navigation', { name: 'Panels' });
        if (width >= 1024) {
          expect(await tabs.isVisible()).toBe(false);
          for (const s of ['.console-col', '.graph-col', '.side-col', '.bottom-cell']) expect(await visible(page, s)).toBe(true);
          return;
        }
        expect(await tabs.isVisible()).toBe(true);
        // Two columns keep the console; one column shows one pane at a time.
        expect(await visible(page, '.console-col')).toBe(width >= 600);
        await tabs.getByRole('button', { name: 'Node' }).click();
        expect(await visible(page, '.side-col')).toBe(true);
        expect(await visible(page, '.graph-col')).toBe(false);
        await tabs.getByRole('button', { name: 'Text view' }).click();
        expect(await page.getByRole('table').first().isVisible()).toBe(true);
        if (width < 600) {
          await tabs.getByRole('button', { name: 'Console' }).click();
          expect(await visible(page, '.console-col')).toBe(true);
          expect(await visible(page, '.bottom-cell')).toBe(false);
          await page.getByRole('textbox', { name: 'Command' }).fill('PING');
          await page.keyboard.press('Enter');
          await page.getByRole('log', { name: 'Console output' }).locator('.entry').last().getByText('PONG', { exact: true }).waitFor();
        }
        await tabs.getByRole('button', { name: 'Lab' }).click();
        await page.getByText('bootstrap', { exact: false }).first().waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
        await page.screenshot({ path: join(SHOTS, `sandbox-${width}-lab.png`) });
      } finally {
        await browser.close();
      }
    });
  }
});
