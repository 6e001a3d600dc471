/**
 * The built `kvlab` command (dist/cli/kvlab.mjs, run through src/cli/bin.mjs): tests run what a
 * user runs. It is built once if missing or older than the sources; parallel test files share one
 * build through a lock directory.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '../..');
export const BIN = join(ROOT, 'src', 'cli', 'bin.mjs');
const BUILT = join(ROOT, 'dist', 'cli', 'kvlab.mjs');
const LOCK = join(ROOT, 'node_modules', '.cache', 'kvlab-cli.lock');

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

const isFresh = () =>
  existsSync(BUILT) && statSync(BUILT).mtimeMs >= Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'vite.cli.config.ts')));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function ensureBuiltCli(): Promise<void> {
  mkdirSync(join(ROOT, 'node_modules', '.cache'), { recursive: true });
  for (const deadline = Date.now() + 120_000; !isFresh(); ) {
    try {
      mkdirSync(LOCK);
    } catch {
      if (Date.now() > deadline) throw new Error('timed out waiting for the CLI build');
      await sleep(200);
      continue;
    }
    try {
      if (isFresh()) break;
      const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
      const run = spawnSync(process.execPath, [vite, 'build', '--config', 'vite.cli.config.ts'], { cwd: ROOT, encoding: 'utf8' });
      if (run.status !== 0) throw new Error(`CLI build failed:\n${run.stdout}\n${run.stderr}`);
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `kvlab <args>` as a user would, with `input` on standard input. */
export function kvlab(args: readonly string[], input = ''): Ran {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', input, timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}
