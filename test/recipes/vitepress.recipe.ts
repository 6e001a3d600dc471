// The VitePress recipe of docs/embed.md, as written there: a fresh VitePress site from the npm
// registry with the element on one page, built (server-side render included), served on
// 127.0.0.1 and checked in Chromium: the element runs #2618 and the page hears it finish.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureBuild, launchBrowser, ROOT } from '../e2e/support.ts';

const VITEPRESS = '1.6.4';

/** The files of one recipe: each block after a `<!-- recipe: NAME PATH -->` line of docs/embed.md. */
export function recipeFiles(markdown: string, name: string): Map<string, string> {
  const files = new Map<string, string>();
  const pattern = /<!-- recipe: (\S+) (\S+) -->\n```\w*\n([\s\S]*?)\n```/g;
  for (const [, recipe, path, body] of markdown.matchAll(pattern)) if (recipe === name) files.set(path!, `${body}\n`);
  return files;
}

const site = mkdtempSync(join(tmpdir(), 'kvlab-vitepress-'));
afterAll(() => rmSync(site, { recursive: true, force: true }));

describe('recipe: VitePress', () => {
  it('docs/embed.md gives the config and the page', () => {
    const files = recipeFiles(readFileSync(join(ROOT, 'docs/embed.md'), 'utf8'), 'vitepress');
    expect([...files.keys()]).toEqual(['docs/.vitepress/config.mjs', 'docs/index.md']);
  });

  it('builds with VitePress from the registry and runs in Chromium', async () => {
    const files = recipeFiles(readFileSync(join(ROOT, 'docs/embed.md'), 'utf8'), 'vitepress');
    writeFileSync(join(site, 'package.json'), JSON.stringify({ name: 'kvlab-recipe', private: true, type: 'module' }));
    const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `vitepress@${VITEPRESS}`, 'vue'], { cwd: site, encoding: 'utf8' });
    expect(install.status, install.stderr).toBe(0);
    for (const [path, text] of files) {
      mkdirSync(dirname(join(site, path)), { recursive: true });
      writeFileSync(join(site, path), text);
    }
    const dist = await ensureBuild();
    mkdirSync(join(site, 'docs/public/kvlab'), { recursive: true });
    for (const file of ['kvrocks-lab.js', 'kvrocks-lab-graph.js']) cpSync(join(dist, file), join(site, 'docs/public/kvlab', file));
    const build = spawnSync(process.execPath, [join(site, 'node_modules/vitepress/bin/vitepress.js'), 'build', 'docs'], { cwd: site, encoding: 'utf8' });
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    const out = join(site, 'docs/.vitepress/dist');
    // The server-side render left the element in the HTML for the browser to define.
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('kvrocks-lab.js');

    const server = createServer((req, res) => {
      let file = normalize(join(out, decodeURIComponent((req.url ?? '/').split(/[?#]/)[0]!)));
      if (!file.startsWith(out)) return void res.writeHead(403).end();
      if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) return void res.writeHead(404).end();
      const type = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' }[extname(file)] ?? 'application/octet-stream';
      res.writeHead(200, { 'Content-Type': type }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage(1280, 1000);
      const problems: string[] = [];
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('response', (r) => {
        if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) problems.push(`HTTP ${r.status()}: ${r.url()}`);
      });
      await page.goto(`http://127.0.0.1:${(server.address() as { port: number }).port}/`);
      // The Vue ref heard kvlab-finished from the element: the scenario played to its end.
      await page.waitForFunction(() => document.getElementById('outcome')?.textContent?.startsWith('finished'), null, { timeout: 60_000 });
      const text = await page.evaluate(() => document.querySelector('kvrocks-lab')!.shadowRoot!.textContent!);
      expect(text).toContain('role:slave');
      expect(await page.locator('kvrocks-lab').locator('canvas').count()).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
