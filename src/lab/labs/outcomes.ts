/**
 * A lab's outcomes in two modes, side by side: what each check read the last time the learner
 * checked its step in each mode, and the rows worth showing together: the checks the lab expects
 * to differ between the modes, and those whose readings differed. Plain JSON, so the page keeps
 * it beside the progress (which a restart in another mode discards).
 */
import { isMode, type BehaviourMode } from '../../kvrocks/mode.ts';
import { expectation, type Outcome } from './check-eval.ts';
import type { StepReport } from './step-check.ts';
import type { Lab } from './types.ts';

export interface SeenCheck {
  readonly status: Outcome;
  /** What the read showed: `kv1 INFO replication: connected_slaves:2` (a failure's "got" side). */
  readonly reading: string;
}

export interface ModeOutcomes {
  readonly mode: BehaviourMode;
  /** By the check's line in the lab file. */
  readonly seen: Readonly<Record<string, SeenCheck>>;
}

export interface OutcomeRow {
  readonly step: number;
  readonly line: number;
  readonly source: string;
  readonly a: SeenCheck | null;
  readonly b: SeenCheck | null;
}

/** `kv1 INFO replication: expected connected_slaves:1, got connected_slaves:2 (after 5s)` reads as `kv1 INFO replication: connected_slaves:2`. */
export function readingOf(message: string): string {
  const match = /^(.+?): expected .+?, got (.+?)( \(after [^)]+\))?$/s.exec(message);
  return match ? `${match[1]}: ${match[2]}` : message;
}

/** The outcomes so far with one step's report taken in (a later check of a step replaces the earlier). */
export function recordOutcomes(previous: ModeOutcomes | null, mode: BehaviourMode, report: StepReport): ModeOutcomes {
  const seen: Record<string, SeenCheck> = { ...(previous?.mode === mode ? previous.seen : {}) };
  for (const r of report.results) seen[String(r.check.line)] = { status: r.status, reading: readingOf(r.message) };
  return { mode, seen };
}

/** Checks read in both modes whose expectation or reading differs, in file order. */
export function compareOutcomes(lab: Lab, a: ModeOutcomes, b: ModeOutcomes): OutcomeRow[] {
  return lab.steps.flatMap((step) =>
    step.checks.flatMap((check) => {
      const key = String(check.line);
      const ea = expectation(check, a.mode);
      const eb = expectation(check, b.mode);
      const sa = a.seen[key] ?? null;
      const sb = b.seen[key] ?? null;
      if (!sa && !sb) return [];
      const expectedToDiffer = ea !== eb;
      const readDifferently = sa !== null && sb !== null && (sa.status !== sb.status || sa.reading !== sb.reading);
      return expectedToDiffer || readDifferently ? [{ step: step.index, line: check.line, source: check.source, a: sa, b: sb }] : [];
    }),
  );
}

/** Untrusted saved outcomes: the typed value, or null. */
export function validateOutcomes(value: unknown): ModeOutcomes | null {
  const v = value as { mode?: unknown; seen?: unknown } | null;
  if (typeof v !== 'object' || v === null || typeof v.mode !== 'string' || !isMode(v.mode) || typeof v.seen !== 'object' || v.seen === null) return null;
  for (const [key, s] of Object.entries(v.seen as Record<string, unknown>)) {
    const c = s as { status?: unknown; reading?: unknown } | null;
    if (!/^\d+$/.test(key) || typeof c !== 'object' || c === null || (c.status !== 'pass' && c.status !== 'fail') || typeof c.reading !== 'string') return null;
  }
  return value as ModeOutcomes;
}
