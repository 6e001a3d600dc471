/**
 * Screenshots of a 1,000-node cluster (controller shards of 4, kv2 removed: a ghost) at 1440 and
 * 390 px, light and dark, for people to look at (not a test):
 *   npx tsx test/e2e/big-cluster-screenshots.ts [out-dir]   (default /tmp/kvlab-big-cluster-screenshots)
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { serialise, STORAGE_KEY } from '../../src/ui/state/persistence.ts';
import { startApp } from './support.ts';

const out = process.argv[2] ?? '/tmp/kvlab-big-cluster-screenshots';
const nodes = Number(process.argv[3] ?? 1000);
mkdirSync(out, { recursive: true });
const app = await startApp();
const log = ['.controller start', '.controller create 4', '.controller remove kv2'].map((input, i) => ({ at: i < 2 ? 0 : 8000, input }));
const saved = serialise({ seed: 1, mode: 'buggy', nodes, log, time: 10_000, horizon: 10_000 });
try {
  for (const [width, height] of [[1440, 900], [390, 844]] as const) {
    for (const theme of ['light', 'dark']) {
      const page = await app.browser.newPage(width, height);
      await page.goto(new URL('favicon.svg', app.url).href);
      await page.evaluate(([key, value, t]) => {
        localStorage.clear();
        localStorage.setItem('kvlab.welcome.dismissed', 'yes');
        localStorage.setItem('kvlab.theme', t!);
        localStorage.setItem('kvlab.clock.v1', JSON.stringify({ playing: false, speed: 1 }));
        localStorage.setItem(key!, value!);
      }, [STORAGE_KEY, saved, theme]);
      await page.goto(`${app.url}?test`);
      await page.waitForFunction((n) => (window as unknown as { __kvlabGraph?: { nodes(s: string): { length: number } } }).__kvlabGraph?.nodes('.kvnode').length === n, nodes, { timeout: 120_000 });
      // Below 1,024 px the panes are behind the Panels buttons; the graph is one of them.
      if (width < 1024) await page.getByRole('navigation', { name: 'Panels' }).getByRole('button', { name: 'Graph' }).click();
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(out, `${nodes}-${width}-${theme}-fitted.png`) });
      const search = page.getByRole('combobox', { name: 'Find a node' });
      await search.fill('kv8');
      await page.waitForTimeout(200);
      await page.screenshot({ path: join(out, `${nodes}-${width}-${theme}-searching.png`) });
      await search.press('Enter');
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(out, `${nodes}-${width}-${theme}-framed-kv8.png`) });
      await page.close();
    }
  }
  console.log(out);
} finally {
  await app.stop();
}
