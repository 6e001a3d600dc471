/**
 * The repro script for real Kvrocks (src/lab/repro.ts), run for real: the model writes the script
 * for a case, `sh` runs it with redis-cli against a fresh real cluster at the addresses given on
 * its command line, and its output is read back into Entries (split at the prompt lines it
 * echoes) so compare.ts can hold it against the model, as it does the harness's own console.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reproScript } from '../../../src/lab/repro.ts';
import { scriptInputs } from '../../../src/lab/script.ts';
import { Session } from '../../../src/lab/session.ts';
import { fromBasePort, type ConformanceCase, type RealMode } from '../cases.ts';
import type { Entry } from '../entry.ts';
import { runModel, splitTiming } from '../model-run.ts';
import { RealCluster } from './cluster.ts';
import type { RealRunOptions } from './run-case.ts';

/** The cases whose repro script is run against real Kvrocks on every live run. */
export const REPRO_CASES = ['scenarios/issue-2618'];

/** The script the model writes for `c` in `mode` (the sandbox's "Export repro script" writes the same). */
export function reproFor(c: ConformanceCase, mode: RealMode): string {
  const session = new Session({ nodes: c.nodes, seed: 1, mode: c.modelSetting(mode) });
  const results = scriptInputs(c.script(mode), c.source).map((input) => session.run(input.text));
  const nodes = session.world.nodes.map((n) => ({ name: n.name, host: n.host, port: n.port }));
  return reproScript(results, session.now(), { title: `${c.id}, mode ${mode}, seed 1`, nodes });
}

function runSh(file: string, args: readonly string[]): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
  });
}

export async function runRepro(c: ConformanceCase, mode: RealMode, options: RealRunOptions): Promise<Entry[]> {
  const script = reproFor(c, mode);
  const model = runModel(c.script(mode), { nodes: c.nodes, seed: 1, mode: c.modelSetting(mode) });
  const dir = join(options.workdir, `repro-${c.id.replace(/\//g, '_')}`, mode);
  const cluster = await RealCluster.start(options.binary, c.nodes, options.basePort, dir, c.conf);
  let out: { stdout: string; stderr: string; code: number | null };
  try {
    const file = join(dir, 'repro.sh');
    writeFileSync(file, script);
    out = await runSh(file, cluster.nodes.map((n, i) => `kv${i + 1}=127.0.0.1:${n.port}`));
  } finally {
    await cluster.stop();
  }
  if (out.code !== 0) throw new Error(`the repro script exited ${out.code}: ${out.stderr.slice(0, 400)}`);
  return readTranscript(fromBasePort(out.stdout, options.basePort, c.nodes), model);
}

/** Where `head` stands as whole lines of `text`, at or after `from`; -1 if nowhere. */
function findLines(text: string, head: string, from: number): number {
  for (let at = text.indexOf(head, from); at >= 0; at = text.indexOf(head, at + 1)) {
    const after = at + head.length;
    if ((at === 0 || text[at - 1] === '\n') && (after === text.length || text[after] === '\n')) return at;
  }
  return -1;
}

/** The script's output, split into one Entry per model input at the `prompt + input` lines it echoes. */
export function readTranscript(text: string, model: readonly Entry[]): Entry[] {
  const entries: Entry[] = [];
  let at = 0;
  const heads = model.map((m) => (m.kind === 'comment' ? m.input : `${m.prompt}${m.input}`));
  for (const [i, m] of model.entries()) {
    const head = heads[i]!;
    const start = findLines(text, head, at);
    if (start < 0) throw new Error(`the repro script's output lacks line ${m.line}: ${head.split('\n')[0]}`);
    let end = text.length;
    for (let j = i + 1; j < heads.length; j++) {
      const found = findLines(text, heads[j]!, start + head.length);
      if (found >= 0) {
        end = found;
        break;
      }
    }
    const body = text.slice(start + head.length, end).replace(/^\n/, '').replace(/\n$/, '');
    const { output, tookMs } = splitTiming(body);
    entries.push({ ...m, output: m.kind === 'comment' ? '' : output, tookMs });
    at = end;
  }
  return entries;
}
