/**
 * A lab run headless, the way `kvlab lab` and the lab test suite run it: the bootstrap, then for
 * each step its blocks, its solution and its checks, in one mode; and the plain-text report.
 */
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import { formatDuration } from '../duration.ts';
import type { RunResult } from '../session.ts';
import { transcriptOf } from '../script.ts';
import type { CheckResult } from './check-eval.ts';
import { LabRunner, type StepReport } from './runner.ts';
import type { Lab, LabStep } from './types.ts';

export interface StepRun {
  readonly step: LabStep;
  readonly inputs: readonly RunResult[];
  readonly report: StepReport;
}

export interface LabRun {
  readonly lab: Lab;
  readonly mode: BehaviourMode;
  readonly bootstrap: readonly RunResult[];
  readonly steps: readonly StepRun[];
  /** Checks whose outcome is not what the lab expects in this mode. */
  readonly unexpected: readonly CheckResult[];
}

/** Runs the lab's own path in `mode`; a console error in the lab's commands throws LabError. */
export function runLab(lab: Lab, mode: BehaviourMode = lab.mode, seed: number | string = lab.seed): LabRun {
  const runner = new LabRunner(lab, { mode, seed });
  const bootstrap = [...runner.transcript];
  const steps: StepRun[] = [];
  for (;;) {
    const { inputs, report } = runner.followPath();
    steps.push({ step: runner.step, inputs, report });
    if (!runner.next()) break;
  }
  const unexpected = steps.flatMap((s) => s.report.results.filter((r) => !r.ok));
  return { lab, mode, bootstrap, steps, unexpected };
}

function checkLines(lab: Lab, mode: BehaviourMode, result: CheckResult): string[] {
  const where = `${lab.file}:${result.check.line}`;
  if (result.ok && result.status === 'pass') return [`  pass  ${result.check.source}${result.waitedMs > 0 ? `  (after ${formatDuration(result.waitedMs)})` : ''}`];
  if (result.ok) return [`  fail  ${result.check.source}`, `        as the lab expects in ${mode} mode: ${result.message}`];
  if (result.status === 'fail') return [`  FAIL  ${where}: ${result.check.source}`, `        ${result.message}`];
  return [`  PASS  ${where}: ${result.check.source}`, `        the lab expects this check to fail in ${mode} mode, but: ${result.message}`];
}

/** The report `kvlab lab` prints; with `transcript`, each step's console transcript too. */
export function formatLabRun(run: LabRun, transcript = false): string {
  const { lab, mode } = run;
  const out: string[] = [`${lab.file}: ${lab.title} (mode ${mode})`];
  const echo = (results: readonly RunResult[]) => {
    if (transcript) for (const r of results) out.push(...transcriptOf(r).split('\n').map((l) => `    ${l}`));
  };
  if (run.bootstrap.length > 0 && transcript) {
    out.push(`bootstrap${lab.bootstrap.name ? ` ${lab.bootstrap.name}` : ''}`);
    echo(run.bootstrap);
  }
  let expected = 0;
  let expectedFailures = 0;
  let skipped = 0;
  for (const { step, inputs, report } of run.steps) {
    out.push(`step ${step.index + 1}/${lab.steps.length} ${step.id}: ${step.title}`);
    echo(inputs);
    for (const result of report.results) {
      out.push(...checkLines(lab, mode, result));
      if (result.ok) expected++;
      if (result.ok && result.status === 'fail') expectedFailures++;
    }
    skipped += report.skipped;
  }
  const parts = [`${expected} check${expected === 1 ? '' : 's'} as expected${expectedFailures > 0 ? ` (${expectedFailures} expected to fail in ${mode} mode)` : ''}`, `${run.unexpected.length} unexpected`];
  if (skipped > 0) parts.push(`${skipped} not for ${mode} mode`);
  out.push(`${lab.id} ${mode}: ${parts.join(', ')}`);
  return `${out.join('\n')}\n`;
}
