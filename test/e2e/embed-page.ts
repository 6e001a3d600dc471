/**
 * Driving `<kvrocks-lab>` elements in the production build: plain host pages served at the
 * preview's origin (so ./kvrocks-lab.js resolves), what the host page heard, and reads from inside
 * each element's shadow root.
 */
import type { Page } from 'playwright-core';

export interface HeardEvent {
  readonly name: string;
  readonly id: string;
  readonly detail: Record<string, unknown>;
}

export const EVENTS = ['kvlab-ready', 'kvlab-step', 'kvlab-check', 'kvlab-finished', 'kvlab-error', 'kvlab-resize'];

/**
 * A plain page (no framework): its own styles, a listener for every event, and a snapshot of its
 * globals and stylesheets taken before the embed script loads, then `body` and the script.
 */
export function hostHtml(body: string, head = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>host</title>
<link rel="icon" href="./favicon.svg">
<style>body { color: rgb(1, 2, 3); font: 17px serif; } p { color: rgb(10, 20, 30); } pre, code, button, textarea { color: rgb(200, 0, 0) !important; font-size: 30px; }</style>
<script>
  window.heard = [];
  window.before = null;
  for (const name of ${JSON.stringify(EVENTS)}) document.addEventListener(name, (e) => heard.push({ name, id: e.target.id, detail: JSON.parse(JSON.stringify(e.detail)) }));
  window.before = { keys: Object.getOwnPropertyNames(window), sheets: document.styleSheets.length, head: document.head.children.length, storage: localStorage.length };
</script>
${head}
</head>
<body>
<p class="host">A docs page.</p>
${body}
<script src="./kvrocks-lab.js"></script>
</body>
</html>`;
}

/** Serves `html` at `<base>host-<n>.html` and opens it. */
let pages = 0;
export async function openHost(page: Page, base: string, html: string): Promise<void> {
  const url = `${base}host-${++pages}.html`;
  await page.route(url, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
  await page.goto(url);
}

export async function heard(page: Page, name?: string, id?: string): Promise<HeardEvent[]> {
  const all = (await page.evaluate('window.heard')) as HeardEvent[];
  return all.filter((e) => (name === undefined || e.name === name) && (id === undefined || e.id === id));
}

export async function waitHeard(page: Page, name: string, id: string, count = 1): Promise<void> {
  await page.waitForFunction(([n, i, c]) => (window as unknown as { heard: HeardEvent[] }).heard.filter((e) => e.name === n && e.id === i).length >= Number(c), [name, id, String(count)], { timeout: 30_000 });
}

/** The transcript entries of one element, read from inside its shadow root. */
export function transcriptOf(page: Page, id: string): Promise<string[]> {
  return page.evaluate((i) => {
    const root = document.getElementById(i)!.shadowRoot!;
    return [...root.querySelectorAll('[aria-label="Console output"] .entry')].map((e) => e.textContent ?? '');
  }, id);
}

/** The output of the last entry whose first line is `<prompt>input`. */
export async function lastOutputOf(page: Page, id: string, input: string): Promise<string | undefined> {
  const entries = await transcriptOf(page, id);
  const entry = entries.reverse().find((e) => e.split('\n')[0]!.endsWith(`> ${input}`));
  return entry?.split('\n').slice(1).join('\n');
}

export function shadowText(page: Page, id: string): Promise<string> {
  return page.evaluate((i) => document.getElementById(i)!.shadowRoot!.textContent ?? '', id);
}
