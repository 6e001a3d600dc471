/**
 * `kvlab` from its TypeScript source, for tests and benchmarks that need it as its own process
 * (`node --import tsx test/support/kvlab-source.ts serve ...`), whether or not dist/ is built.
 */
import { main } from '../../src/cli/main.ts';
import { rerunWithSmallYoungGeneration, wantsSmallYoungGeneration } from '../../src/cli/young-generation.ts';

const argv = process.argv.slice(2);
process.exitCode = wantsSmallYoungGeneration(argv) ? await rerunWithSmallYoungGeneration(argv) : await main(argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile: async (path) => (await import('node:fs/promises')).readFile(path, 'utf8'),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
});
