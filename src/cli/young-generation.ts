/**
 * `kvlab serve` runs with a small young generation (V8's --max-semi-space-size=1). A scavenge
 * copies everything young that is still alive, and the million argument strings of a huge command
 * all are: with Node's default semi-spaces (16 MB) one scavenge stops every client for 15-20 ms,
 * with 1 MB about 1 ms (more often; redis-benchmark GET is about 13% slower, docs/cli.md). V8
 * reads the flag only at start-up, so serve starts itself again with it.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export const SMALL_YOUNG_GENERATION = '--max-semi-space-size=1';

/** True when `argv` is a serve that should run in a child with the flag (unless one was given). */
export function wantsSmallYoungGeneration(argv: readonly string[]): boolean {
  if (argv[0] !== 'serve' || argv.includes('--help') || argv.includes('-h')) return false;
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return !given.some((flag) => flag.startsWith('--max-semi-space-size'));
}

/** Runs this same script on `argv` in a child under the flag; resolves to the child's exit code. */
export function rerunWithSmallYoungGeneration(argv: readonly string[]): Promise<number> {
  const child = spawn(process.execPath, [...process.execArgv, SMALL_YOUNG_GENERATION, process.argv[1]!, ...argv], { stdio: 'inherit' });
  // Ctrl-C reaches both (one process group); a signal sent to this process alone is passed on.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('error', (e) => {
      process.stderr.write(`kvlab serve: cannot start: ${e.message}\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}
