/**
 * One case in one mode against a fresh real cluster: start it on its own port range, run the
 * script's inputs through the real console, stop it, and return the transcript with the ports
 * mapped back to 30001.. (so it reads like the model's and can be recorded).
 */
import { join } from 'node:path';
import { scriptInputs } from '../../../src/lab/script.ts';
import { fromBasePort, toBasePort, type ConformanceCase, type RealMode } from '../cases.ts';
import type { Entry } from '../entry.ts';
import { runModel } from '../model-run.ts';
import { RealCluster } from './cluster.ts';
import { RealConsole } from './console.ts';

export interface RealRunOptions {
  readonly binary: string;
  readonly basePort: number;
  readonly workdir: string;
}

export async function runReal(c: ConformanceCase, mode: RealMode, options: RealRunOptions): Promise<Entry[]> {
  const script = c.script(mode);
  const real = toBasePort(script, options.basePort, c.nodes);
  const inputs = scriptInputs(real, c.source);
  const canonical = scriptInputs(script, c.source);
  // The model's own run tells the real console how long each command blocks (its nominal clock).
  const model = runModel(script, { nodes: c.nodes, seed: 1, mode: c.modelSetting(mode) });
  const cluster = await RealCluster.start(options.binary, c.nodes, options.basePort, join(options.workdir, c.id.replace(/\//g, '_'), mode), c.conf);
  const back = (text: string) => fromBasePort(text, options.basePort, c.nodes);
  try {
    const console = await RealConsole.open(cluster);
    const entries: Entry[] = [];
    try {
      for (const [i, input] of inputs.entries()) {
        const e = await console.run(input.text, input.line, model[i]?.tookMs ?? 0);
        entries.push({ ...e, input: canonical[i]!.text, prompt: back(e.prompt), output: back(e.output), argv: e.argv && e.argv.map(back) });
      }
    } finally {
      console.close();
    }
    return entries;
  } finally {
    await cluster.stop();
  }
}
