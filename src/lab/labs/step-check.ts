/** A step's checks, evaluated in order in the session's current mode. */
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import type { Session } from '../session.ts';
import { evaluateCheck, expectation, type CheckResult, type Outcome } from './check-eval.ts';
import type { Check, LabStep } from './types.ts';

export interface StepReport {
  readonly step: number;
  readonly id: string;
  /** Every check that applies in the mode the session is in, in file order. */
  readonly results: readonly CheckResult[];
  /** Checks that do not apply in this mode. */
  readonly skipped: number;
  /** Every applicable check had the outcome the lab expects. */
  readonly complete: boolean;
  /** The step gives commands and none ran yet: nothing was checked. */
  readonly notRun?: boolean;
}

/** The checks of a step that apply in `mode`, with the outcome the lab expects. */
export function applicable(step: LabStep, mode: BehaviourMode): { check: Check; expected: Outcome }[] {
  return step.checks.flatMap((check) => {
    const expected = expectation(check, mode);
    return expected === null ? [] : [{ check, expected }];
  });
}

/** Evaluates the step's applicable checks in order; `reads` are the log indexes of their reads. */
export function checkStep(session: Session, step: LabStep): { report: StepReport; reads: number[] } {
  const results: CheckResult[] = [];
  const start = session.log.length;
  for (const { check } of applicable(step, session.world.mode)) results.push(evaluateCheck(session, check));
  const reads = Array.from({ length: session.log.length - start }, (_, i) => start + i);
  const complete = results.every((r) => r.ok);
  return { report: { step: step.index, id: step.id, results, skipped: step.checks.length - results.length, complete }, reads };
}
