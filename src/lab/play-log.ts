/**
 * Replaying a branch's input log (engine/history.ts) onto a Session, input by input at the
 * virtual times they were typed. `.wait` is the one input that moves time, so it gets care: a
 * replay that stops inside a wait leaves the wait unapplied and runs the world to the stop time
 * (the world mid-wait), and its line joins the transcript when time reaches the wait's end.
 */
import type { InputRecord } from '../engine/history.ts';
import { formatDuration, formatTime, parseDuration, sessionTimeProblem } from './duration.ts';
import type { RunResult, Session } from './session.ts';

export interface Played {
  readonly results: RunResult[];
  /** How many records of the log have been applied. */
  readonly applied: number;
  /** True when the next record is a `.wait` under way at the stop time. */
  readonly midWait: boolean;
}

/** When a `.wait` record's wait ends (as dot-commands.ts parses it); null for other inputs. */
export function waitEnd(record: InputRecord<string>): number | null {
  // Most inputs are not waits: look at the start before splitting (a SETNODES input is 35 KB at 500 nodes).
  if (!/^\s*\.wait\s/i.test(record.input)) return null;
  const [name = '', ...args] = record.input.trim().split(/\s+/);
  if (name.toLowerCase() !== '.wait' || args.length !== 1) return null;
  const duration = parseDuration(args[0]!);
  return duration.ok ? record.at + duration.ms : null;
}

/** Applies records from index `start` up to `time`, then runs the world to `time`. */
export function playLog(session: Session, log: readonly InputRecord<string>[], start: number, time: number): Played {
  const results: RunResult[] = [];
  let i = start;
  for (; i < log.length; i++) {
    const record = log[i]!;
    if (record.at > time) break;
    if (record.at > session.now()) session.runUntil(record.at);
    const end = waitEnd(record);
    if (end !== null && end > time) {
      session.runUntil(time);
      return { results, applied: i, midWait: true };
    }
    results.push(session.run(record.input));
  }
  if (time > session.now()) session.runUntil(time);
  return { results, applied: i, midWait: false };
}

/**
 * What a `.wait` under way on `session` prints when it completes, as dot-commands.ts writes it:
 * only time passes during a wait, so the prompt is the one it was typed at. Null when the wait
 * would fail (past the session limit): then only running it says how.
 */
export function pendingWaitResult(session: Session, record: InputRecord<string>): RunResult | null {
  const end = waitEnd(record);
  if (end === null || sessionTimeProblem(end, '') !== null) return null;
  const output = `# waited ${formatDuration(end - record.at)}, now ${formatTime(end)}`;
  return { at: record.at, prompt: session.prompt(), input: record.input, output, error: null, argv: null, tookMs: 0 };
}
