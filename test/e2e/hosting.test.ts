// Hosting the build anywhere: under a subpath of another site, with a favicon and no failed
// request; the iframe page telling its parent its height (the snippet's listener sizes the frame);
// "Open in Cluster Lab" leading to the sandbox beside the script; and `npm start` (the dev server)
// serving the sandbox, demo.html and embed.html.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labIds, scenarioIds } from '../../src/embed/catalogue.ts';
import { makeSnippet } from '../../src/embed/snippet.ts';
import { ensureBuild, launchBrowser, ROOT, type Browser } from './support.ts';

const SUBPATH = '/docs/kvlab/';
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.map': 'application/json' };

/** A plain static server: `dist` under SUBPATH, and `pages` (path to HTML) for the host pages. */
function staticServer(dist: string, pages: Map<string, string>): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent((req.url ?? '/').split(/[?#]/)[0]!);
    const page = pages.get(path);
    if (page !== undefined) {
      res.writeHead(200, { 'Content-Type': 'text/html' }).end(page);
      return;
    }
    if (!path.startsWith(SUBPATH)) {
      res.writeHead(404).end('not here');
      return;
    }
    let file = normalize(join(dist, path.slice(SUBPATH.length)));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404).end('no such file');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

/** Every request that failed or answered 400+, and every page error, on `page`. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return problems;
}

let browser: Browser;
let site: { server: Server; origin: string };
const pages = new Map<string, string>();

beforeAll(async () => {
  const dist = await ensureBuild();
  site = await staticServer(dist, pages);
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  site?.server.close();
});

describe('e2e: the build under a subpath', () => {
  it('the sandbox, demo.html and embed.html load from /docs/kvlab/ with a favicon and no failed request', async () => {
    const page = await browser.newPage(1280, 800);
    const problems = watch(page);
    await page.goto(`${site.origin}${SUBPATH}`);
    await page.getByRole('textbox', { name: 'Command' }).waitFor();
    const icon = await page.evaluate(() => (document.querySelector('link[rel="icon"]') as HTMLLinkElement | null)?.href ?? null);
    expect(icon).toBe(`${site.origin}${SUBPATH}favicon.svg`);
    expect((await page.request.get(icon!)).status()).toBe(200);
    // Something lazily loaded (the graph's chunk) comes from the subpath too.
    await page.locator('canvas').first().waitFor({ timeout: 20_000 });

    await page.goto(`${site.origin}${SUBPATH}demo.html`);
    expect(await page.locator('kvrocks-lab').count()).toBe(3);
    await page.locator('kvrocks-lab').first().locator('canvas').first().waitFor({ timeout: 20_000 });

    await page.goto(`${site.origin}${SUBPATH}embed.html?scenario=issue-2841`);
    await page.locator('kvrocks-lab').getByText('Press Play to run this scenario', { exact: false }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('e2e: the iframe on a docs page', () => {
  it("posts its height; the snippet's listener sizes the frame to it, and only from its origin", async () => {
    const made = makeSnippet(
      { source: { kind: 'scenario', id: 'issue-2618' }, mode: 'fixed', seed: '', nodes: '', autoplay: false, readonly: false },
      `${site.origin}${SUBPATH}kvrocks-lab.js`,
      `${site.origin}${SUBPATH}embed.html`,
      { scenarios: scenarioIds(), labs: labIds() },
    );
    if (!made.ok) throw new Error('no snippet');
    // The parent is on another origin (localhost vs 127.0.0.1), as on a real docs site.
    const port = new URL(site.origin).port;
    pages.set('/guide.html', `<!doctype html><title>guide</title><link rel="icon" href="data:,"><p>Docs.</p>\n${made.snippet.iframeHtml}`);
    const page = await browser.newPage(1000, 900);
    const problems = watch(page);
    await page.goto(`http://localhost:${port}/guide.html`);
    const frame = page.locator('iframe');
    // 560 px element plus nothing else: the frame is sized to exactly its content.
    await page.waitForFunction(() => document.querySelector('iframe')!.style.height === '560px');
    expect((await frame.boundingBox())!.height).toBe(560);
    // A message from anyone but the frame changes nothing.
    await page.evaluate(() => window.postMessage({ type: 'kvrocks-lab:height', height: 90 }, '*'));
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => document.querySelector('iframe')!.style.height)).toBe('560px');
    // A shorter content (an error) makes a shorter frame.
    await page.evaluate(() => (document.querySelector('iframe')!.src += '&nodes=0'));
    await page.waitForFunction(() => parseInt(document.querySelector('iframe')!.style.height, 10) < 400);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe('e2e: Open in Cluster Lab', () => {
  it('an embed links to the sandbox beside its script with the same scenario, mode and seed', async () => {
    const page = await browser.newPage(1000, 800);
    await page.goto(`${site.origin}${SUBPATH}embed.html?scenario=issue-2841&mode=fixed&seed=9`);
    const link = page.locator('kvrocks-lab').getByRole('link', { name: /Open in Cluster Lab/ });
    expect(await link.getAttribute('href')).toBe(`${site.origin}${SUBPATH}#scenario=issue-2841&mode=fixed&seed=9`);
    expect(await link.getAttribute('target')).toBe('_blank');
    // The reader sees no repository path anywhere in the element.
    const text = await page.evaluate(() => document.querySelector('kvrocks-lab')!.shadowRoot!.textContent!);
    expect(text).not.toMatch(/labs\/|\.kvlab|\.md\b/);
    await page.close();
  });
});

describe('e2e: the sandbox opens links', () => {
  it("an embed's Open in Cluster Lab link plays that scenario in that mode and seed, on a first visit, without the welcome", async () => {
    const page = await browser.newPage(1440, 900);
    const problems = watch(page);
    await page.goto(`${site.origin}${SUBPATH}embed.html?scenario=issue-2618&mode=fixed&seed=9`);
    const href = (await page.locator('kvrocks-lab').getByRole('link', { name: /Open in Cluster Lab/ }).getAttribute('href'))!;
    await page.goto(href);
    const log = page.getByRole('log', { name: 'Console output' });
    await page.waitForFunction(() => (document.querySelector('[aria-label="Console output"]')?.textContent ?? '').includes('@kv1 CLUSTER NODES'), null, { timeout: 60_000 });
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.locator('input[name="behaviour"][value="fixed"]').isChecked()).toBe(true);
    const text = (await log.textContent())!;
    expect(text).toContain('role:master');
    // The fragment is read once: a reload does not open it again.
    expect(new URL(page.url()).hash).toBe('');
    const session = await page.evaluate(() => localStorage.getItem('kvlab.sandbox.v1') ?? '');
    expect(session).toContain('"seed":9');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a bad link is named and changes nothing', async () => {
    const page = await browser.newPage(1440, 900);
    await page.goto(`${site.origin}${SUBPATH}`);
    await page.evaluate(() => localStorage.setItem('kvlab.welcome.dismissed', 'yes'));
    await page.reload();
    await page.getByRole('textbox', { name: 'Command' }).fill('SET kept 1');
    await page.keyboard.press('Enter');
    await page.goto(`${site.origin}${SUBPATH}#scenario=issue-9999&mode=weird`);
    await page.getByText('This link cannot be opened', { exact: false }).waitFor();
    const notice = (await page.getByText('This link cannot be opened', { exact: false }).textContent())!;
    expect(notice).toContain('unknown scenario "issue-9999"');
    expect(notice).toContain('unknown mode "weird"');
    expect(notice).toContain('Nothing was changed');
    expect(await page.getByRole('log', { name: 'Console output' }).textContent()).toContain('SET kept 1');
    await page.close();
  });
});

describe('e2e: npm start', () => {
  let dev: ChildProcess;
  let url = '';
  beforeAll(async () => {
    dev = spawn(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), '--host', '127.0.0.1', '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the dev server did not start:\n${output}`)), 60_000);
      const read = (d: Buffer) => {
        output += d;
        const found = /Local:\s+(http:\/\/127\.0\.0\.1:\d+\/)/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''));
        if (found) {
          clearTimeout(timer);
          resolve(found[1]!);
        }
      };
      dev.stdout!.on('data', read);
      dev.stderr!.on('data', read);
    });
  }, 90_000);
  afterAll(() => {
    dev?.kill('SIGTERM');
  });

  it('serves the sandbox, demo.html and embed.html', async () => {
    const page = await browser.newPage(1280, 800);
    const problems = watch(page);
    await page.goto(url);
    await page.getByRole('textbox', { name: 'Command' }).waitFor({ timeout: 60_000 });
    // Its lazy panels load before we leave (leaving earlier would abort their requests).
    await page.locator('canvas').first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.goto(`${url}embed.html?scenario=issue-2618&mode=fixed`);
    await page.locator('kvrocks-lab').getByText('Press Play to run this scenario', { exact: false }).waitFor({ timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    await page.goto(`${url}demo.html`);
    await page.waitForFunction(() => document.querySelectorAll('kvrocks-lab').length === 3 && document.querySelector('#snippet-html')!.textContent!.includes('<kvrocks-lab'), null, { timeout: 60_000 });
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
