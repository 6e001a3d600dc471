/**
 * A guided lab as a conformance case: the lab's own path (bootstrap, each step's blocks, its
 * solution and the reads its checks make), as the model ran it in that mode, written out as a
 * console script whose `.wait`s reproduce every moment an input ran at, including the time a
 * `within` check let pass.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { LabRunner, parseLab } from '../../src/lab/labs/index.ts';
import { Session } from '../../src/lab/session.ts';
import type { ConformanceCase, RealMode } from './cases.ts';
import { DEFAULT_TOLERANCE_MS, notComparableReason, REAL_MODES } from './cases.ts';

function pathScript(file: string, text: string, mode: RealMode): string {
  const lab = parseLab(text, file);
  const runner = new LabRunner(lab, { mode });
  for (;;) {
    runner.followPath();
    if (!runner.next()) break;
  }
  const out: string[] = [`# ${lab.title} (${lab.file}, mode ${mode}: the lab's own path)`];
  // Replayed as it is written, so each `.wait` covers only the time the lab let pass (its own
  // waits and its checks' `within`), not the time a blocking command takes by itself.
  const replay = new Session({ nodes: lab.nodes, seed: runner.seed, mode });
  for (const { at, input } of runner.session.log) {
    if (input.trim().startsWith('.wait')) continue;
    const gap = Math.round((at - replay.now()) * 1000) / 1000;
    if (gap > 0) {
      out.push(`.wait ${gap}ms`);
      replay.run(`.wait ${gap}ms`);
    }
    out.push(input);
    replay.run(input);
  }
  return `${out.join('\n')}\n`;
}

export function labScript(file: string, root: string): ConformanceCase {
  const text = readFileSync(file, 'utf8');
  const source = relative(root, file);
  const lab = parseLab(text, source);
  const modes = REAL_MODES.filter((m) => lab.modes.includes(m));
  const scripts = new Map<RealMode, string>();
  const script = (mode: RealMode) => {
    let s = scripts.get(mode);
    if (s === undefined) scripts.set(mode, (s = pathScript(source, text, mode)));
    return s;
  };
  const first = modes[0];
  return {
    id: `labs/${lab.id}`,
    source,
    title: lab.title,
    nodes: lab.nodes,
    modes,
    toleranceMs: DEFAULT_TOLERANCE_MS,
    conf: [],
    modelSetting: (mode) => mode,
    script,
    notComparable: first === undefined ? 'the lab is written for guarded mode only' : notComparableReason(script(first)),
    modelOnlyModes: lab.modes.filter((m) => !(REAL_MODES as readonly string[]).includes(m)),
  };
}
