/**
 * Embed benchmarks on the production build in headless Chromium (design §6: measured, never
 * asserted). `npm run bench embed`.
 * - embed script: gzip size of dist/kvrocks-lab.js, what a docs page loads to define
 *   <kvrocks-lab> (target <= 200 KB); the graph module it imports when a graph comes into view,
 *   and the demo page's script, are listed apart.
 * - three embeds ready: navigation start -> every one of three elements (the demo page's trio:
 *   #2618 buggy, #2618 fixed, #2841) has its console rendered, on a plain page, median of cold
 *   loads with the HTTP cache disabled (target <= 500 ms); and -> all three graphs drawn.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { ensureBuild, launchBrowser, startPreview } from '../e2e/support.ts';
import { median } from './stats.ts';

const LOADS = 9;
export const EMBED_FILES = { script: 'kvrocks-lab.js', graph: 'kvrocks-lab-graph.js', demo: 'demo.js' } as const;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>three embeds</title>
<script>
  // Marks, kept off window: the observer's closure holds them until the page reads them back.
  const marks = {};
  const ids = ['a', 'b', 'c'];
  const ready = (id) => document.getElementById(id)?.shadowRoot?.querySelector('[aria-label="Console output"]') != null;
  const drawn = (id) => document.getElementById(id)?.shadowRoot?.querySelector('canvas') != null;
  const check = () => {
    if (!marks.ready && ids.every(ready)) marks.ready = performance.now();
    if (!marks.graphs && ids.every(drawn)) marks.graphs = performance.now();
    if (marks.ready && marks.graphs) document.title = JSON.stringify(marks);
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
</script>
</head><body>
<kvrocks-lab id="a" scenario="issue-2618" mode="buggy" autoplay readonly height="300"></kvrocks-lab>
<kvrocks-lab id="b" scenario="issue-2618" mode="fixed" autoplay readonly height="300"></kvrocks-lab>
<kvrocks-lab id="c" scenario="issue-2841" mode="fixed" autoplay height="300"></kvrocks-lab>
<script src="./kvrocks-lab.js"></script>
</body></html>`;

type Marks = { ready: number; graphs: number };

async function oneLoad(page: Page, url: string): Promise<Marks> {
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: PAGE }));
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => document.title.startsWith('{'), null, { timeout: 30_000 });
  return JSON.parse(await page.title()) as Marks;
}

export async function threeEmbedsReady(base: string): Promise<string[]> {
  const browser = await launchBrowser();
  const samples: Marks[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const page = await browser.newPage(1280, 1000);
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      samples.push(await oneLoad(page, `${base}three-embeds.html`));
      await page.close();
    }
  } finally {
    await browser.close();
  }
  const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
  return [
    `three embeds ready (navigation -> each of 3 elements' console rendered): median ${ms(samples.map((s) => s.ready))} over ${LOADS} cold loads (target <= 500 ms)`,
    `  all loads: ${samples.map((s) => s.ready.toFixed(0)).join(', ')} ms; all three graphs drawn (lazy Cytoscape module): median ${ms(samples.map((s) => s.graphs))}`,
  ];
}

export function embedSizes(outDir: string): string[] {
  const gz = (file: string) => gzipSync(readFileSync(join(outDir, file))).length;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const raw = (file: string) => readFileSync(join(outDir, file)).length;
  return [
    `embed script ${EMBED_FILES.script} (gzip): ${kb(gz(EMBED_FILES.script))} (target <= 200 KB); ${kb(raw(EMBED_FILES.script))} minified`,
    `  loaded when a graph first comes into view, not counted: ${EMBED_FILES.graph} ${kb(gz(EMBED_FILES.graph))}; demo page script ${EMBED_FILES.demo} ${kb(gz(EMBED_FILES.demo))}`,
  ];
}

/** The `embed` section of `npm run bench`. */
export async function embedBench(): Promise<string[]> {
  const outDir = await ensureBuild();
  const preview = await startPreview(outDir);
  try {
    return [...embedSizes(outDir), ...(await threeEmbedsReady(preview.url))];
  } finally {
    await preview.stop();
  }
}
