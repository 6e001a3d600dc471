/**
 * The `kvlab` process: main() wired to this process's streams and files. Built to
 * dist/cli/kvlab.mjs (vite.cli.config.ts), which src/cli/bin.mjs runs: no TypeScript at run time.
 */
import { readFile } from 'node:fs/promises';
import { main } from './main.ts';
import { rerunWithSmallYoungGeneration, wantsSmallYoungGeneration } from './young-generation.ts';

/** Whole lines reach a pipe as they are written; a closed pipe (`| head`) ends the run quietly. */
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const argv = process.argv.slice(2);
process.exitCode = wantsSmallYoungGeneration(argv) ? await rerunWithSmallYoungGeneration(argv) : await main(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: (path) => readFile(path, 'utf8'),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
});
