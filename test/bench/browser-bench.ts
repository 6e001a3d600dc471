/**
 * Browser benchmarks on the production build in headless Chromium (design §6: measured, never
 * asserted). `npm run bench browser`.
 * - console ready: navigation start -> the Command field is enabled and a typed PING shows PONG;
 *   median of several loads, each with the HTTP cache disabled (a returning visitor: the welcome
 *   is dismissed; no saved session). Target <= 300 ms.
 * - start-up JS: gzip size of the entry chunk and its static imports (manifest), i.e. everything
 *   the console needs; lazily loaded chunks (the graph with Cytoscape, panels, docs) excluded.
 *   Target <= 80 KB.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { ensureBuild, launchBrowser, startPreview } from '../e2e/support.ts';
import { median } from './stats.ts';

const LOADS = 9;

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

// Strings, not functions: tsx would wrap named functions in a helper the page lacks.
const RETURNING_VISITOR = `localStorage.setItem('kvlab.welcome.dismissed', 'yes'); localStorage.removeItem('kvlab.sandbox.v1');`;

/**
 * Marks when the Command field is there and enabled, and when PONG is on screen. With `typeItself`
 * the page types PING the moment the field appears (input + Enter events, as a keyboard makes
 * them), so the figure has no automation latency in it.
 */
const watch = (typeItself: boolean) => `(() => {
  const marks = (window.__kvlabMarks = {});
  new MutationObserver(() => {
    const field = document.querySelector('#console-command');
    if (!marks.field && field && !field.disabled) {
      marks.field = performance.now();
      if (${typeItself}) {
        field.value = 'PING';
        field.dispatchEvent(new InputEvent('input', { bubbles: true }));
        field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      }
    }
    const log = document.querySelector('[aria-label="Console output"]');
    if (!marks.pong && log && /> PING\\nPONG/.test(log.textContent)) marks.pong = performance.now();
  }).observe(document, { childList: true, subtree: true, characterData: true });
})()`;

type Marks = { field: number; pong: number };

async function oneLoad(page: Page, url: string, typeItself: boolean): Promise<Marks> {
  await page.addInitScript(RETURNING_VISITOR);
  await page.addInitScript(watch(typeItself));
  await page.goto(url, { waitUntil: 'commit' });
  if (!typeItself) {
    const field = page.getByRole('textbox', { name: 'Command' });
    await field.fill('PING');
    await field.press('Enter');
  }
  await page.waitForFunction('window.__kvlabMarks.pong !== undefined');
  return page.evaluate('window.__kvlabMarks') as Promise<Marks>;
}

async function loads(url: string, typeItself: boolean): Promise<Marks[]> {
  const browser = await launchBrowser();
  try {
    const samples: Marks[] = [];
    for (let i = 0; i < LOADS; i++) {
      const page = await browser.newPage();
      const cdp = await browser.context.newCDPSession(page);
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      samples.push(await oneLoad(page, url, typeItself));
      await page.close();
    }
    return samples;
  } finally {
    await browser.close();
  }
}

export async function consoleReady(url: string): Promise<string[]> {
  const page = await loads(url, true);
  const cdp = await loads(url, false);
  const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
  return [
    `console ready (navigation -> Command field enabled -> typed PING shows PONG): median ${ms(page.map((s) => s.pong))} over ${LOADS} cold loads (target <= 300 ms)`,
    `  field enabled at ${ms(page.map((s) => s.field))}; all loads: ${page.map((s) => s.pong.toFixed(0)).join(', ')} ms`,
    `  typed through the automation protocol instead (its round trips included): median ${ms(cdp.map((s) => s.pong))}`,
  ];
}

/** The entry chunk and, recursively, its static imports: what runs before the console works. */
export function startupChunks(manifest: Manifest): { js: string[]; css: string[]; lazy: string[] } {
  const entry = Object.entries(manifest).find(([, chunk]) => chunk.isEntry)?.[0];
  if (!entry) throw new Error('no entry chunk in the manifest');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]!.imports ?? []) visit(next);
  };
  visit(entry);
  const js = [...seen].map((key) => manifest[key]!.file);
  const css = [...seen].flatMap((key) => manifest[key]!.css ?? []);
  const lazy = Object.keys(manifest).filter((key) => !seen.has(key) && manifest[key]!.file.endsWith('.js')).map((key) => manifest[key]!.file);
  return { js, css, lazy };
}

export function startupBundle(outDir: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  const { js, css, lazy } = startupChunks(manifest);
  const gz = (file: string) => gzipSync(readFileSync(join(outDir, file))).length;
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const jsGz = js.reduce((sum, file) => sum + gz(file), 0);
  const graph = lazy.filter((file) => /ClusterGraph/.test(file));
  return [
    `start-up JS (entry + static imports, gzip): ${kb(jsGz)} in ${js.length} chunk(s) (target <= 80 KB); CSS ${kb(css.reduce((s, f) => s + gz(f), 0))}`,
    `  lazily loaded, not counted: ${lazy.length} chunks, graph ${graph.map((f) => kb(gz(f))).join(', ') || 'absent'}`,
  ];
}

/** The `browser` section of `npm run bench`. */
export async function browserBench(): Promise<string[]> {
  const outDir = await ensureBuild();
  const preview = await startPreview(outDir);
  try {
    return [
      ...startupBundle(outDir),
      ...(await consoleReady(preview.url)),
      // Graph frame times for 100 and 500 nodes: the `graph` section (test/bench/graph-bench.ts).
    ];
  } finally {
    await preview.stop();
  }
}
