/**
 * End-to-end support: the production build (built once per source state, shared by every e2e
 * file and the browser benchmark), `vite preview` on a free 127.0.0.1 port, and Debian's
 * Chromium through playwright-core with a fresh profile per launch.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.KVLAB_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
const CACHE = join(ROOT, 'node_modules', '.cache', 'kvlab-e2e');
const BUILD_INPUTS = ['src', 'labs', 'docs', 'public', 'index.html', 'vite.config.ts', 'svelte.config.js', 'package.json'];

function* files(path: string): Generator<string> {
  if (!existsSync(path)) return;
  if (statSync(path).isDirectory()) for (const name of readdirSync(path).sort()) yield* files(join(path, name));
  else yield path;
}

/** A digest of everything the build reads: the same sources reuse the same build. */
function sourceDigest(): string {
  const hash = createHash('sha256');
  for (const input of BUILD_INPUTS) {
    for (const file of files(join(ROOT, input))) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Builds the app (with a manifest) unless a build of the same sources exists. Parallel test
 * files share one build: the first takes a lock directory, the others wait for its marker.
 */
export async function ensureBuild(): Promise<string> {
  const outDir = join(CACHE, sourceDigest());
  const done = join(outDir, '.complete');
  const lock = `${outDir}.lock`;
  mkdirSync(CACHE, { recursive: true });
  for (const deadline = Date.now() + 180_000; !existsSync(done); ) {
    try {
      mkdirSync(lock);
    } catch {
      if (Date.now() > deadline) throw new Error(`timed out waiting for the build in ${outDir}`);
      const held = statSync(lock, { throwIfNoEntry: false });
      if (held && Date.now() - held.mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      await sleep(250);
      continue;
    }
    try {
      if (existsSync(done)) break;
      // Vitest sets NODE_ENV=test, which would give a development build: this is the production one.
      const env = { ...process.env, NODE_ENV: 'production' };
      const args = [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn'];
      const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env });
      if (run.status !== 0) throw new Error(`vite build failed:\n${run.stdout}\n${run.stderr}`);
      writeFileSync(done, new Date().toISOString());
      // Older builds may still be served by a test file that started before a source change.
      for (const old of readdirSync(CACHE)) {
        const path = join(CACHE, old);
        if (path !== outDir && Date.now() - statSync(path).mtimeMs > 3_600_000) rmSync(path, { recursive: true, force: true });
      }
    } finally {
      rmSync(lock, { recursive: true, force: true });
    }
  }
  return outDir;
}

/** `KVLAB_PORTS=41000-41999` keeps the servers in a range (engineers sharing a machine); else any free port. */
const PORT_RANGE = /^(\d+)-(\d+)$/.exec(process.env.KVLAB_PORTS ?? '');

async function freePort(): Promise<number> {
  if (!PORT_RANGE) return listenOn(0);
  const [low, high] = [Number(PORT_RANGE[1]), Number(PORT_RANGE[2])];
  const start = low + Math.floor(Math.random() * (high - low + 1));
  for (let i = 0; i <= high - low; i++) {
    const port = low + ((start - low + i) % (high - low + 1));
    try {
      return await listenOn(port);
    } catch {
      // taken: try the next one
    }
  }
  throw new Error(`no free port in ${process.env.KVLAB_PORTS}`);
}

function listenOn(wanted: number): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(wanted, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Preview {
  readonly url: string;
  stop(): Promise<void>;
}

/** `vite preview` of a build on a free port, up and answering before this returns. */
export async function startPreview(outDir: string): Promise<Preview> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [VITE, 'preview', '--outDir', outDir, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}/`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(3000)]);
  };
  for (const deadline = Date.now() + 30_000; ; ) {
    if (child.exitCode !== null) throw new Error(`vite preview exited:\n${output}`);
    try {
      if ((await fetch(url)).ok) return { url, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`vite preview did not answer on ${url}:\n${output}`);
    }
    await sleep(100);
  }
}

export interface Browser {
  readonly context: BrowserContext;
  newPage(width?: number, height?: number): Promise<Page>;
  close(): Promise<void>;
}

/** Chromium with the project's flags and a fresh user-data-dir (removed on close). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set KVLAB_CHROMIUM)`);
  const profile = mkdtempSync(join(tmpdir(), 'kvlab-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async newPage(width = 1280, height = 800) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Everything an e2e file needs, started in beforeAll and stopped in afterAll. */
export async function startApp(): Promise<{ url: string; browser: Browser; stop(): Promise<void> }> {
  const preview = await startPreview(await ensureBuild());
  const browser = await launchBrowser();
  return {
    url: preview.url,
    browser,
    async stop() {
      await browser.close();
      await preview.stop();
    },
  };
}
