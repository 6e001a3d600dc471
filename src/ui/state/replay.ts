/**
 * Replaying a branch's input log (engine/history.ts) onto a Session, input by input at the
 * virtual times they were typed. `.wait` is the one input that moves time, so it gets care: a
 * replay that stops inside a wait leaves the wait unapplied and runs the world to the stop time
 * (the world mid-wait), and its line joins the transcript when time reaches the wait's end.
 */
import type { InputRecord } from '../../engine/history.ts';
import { parseDuration } from '../../lab/duration.ts';
import { Session, type RunResult, type SessionOptions } from '../../lab/session.ts';

export interface Played {
  readonly results: RunResult[];
  /** How many records of the log have been applied. */
  readonly applied: number;
  /** True when the next record is a `.wait` under way at the stop time. */
  readonly midWait: boolean;
}

/** When a `.wait` record's wait ends (as dot-commands.ts parses it); null for other inputs. */
export function waitEnd(record: InputRecord<string>): number | null {
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

/** How many recent trace entries the page keeps: the views read only recent ones. */
export const PAGE_TRACE_LIMIT = 200_000;

export function freshSession(options: SessionOptions): Session {
  const session = new Session({ seed: options.seed, mode: options.mode, nodes: options.nodes });
  session.world.sim.trace.limit = PAGE_TRACE_LIMIT;
  return session;
}

/** A new session at `time`: the log replayed onto a fresh world. */
export function replay(options: SessionOptions, log: readonly InputRecord<string>[], time: number): Played & { session: Session } {
  const session = freshSession(options);
  return { session, ...playLog(session, log, 0, time) };
}

/**
 * What the `.wait` at `index` prints when it completes, found by replaying up to its end on a
 * scratch session (the output names the end time, so it is only known once it has run).
 */
export function waitResult(options: SessionOptions, log: readonly InputRecord<string>[], index: number): RunResult {
  const end = waitEnd(log[index]!)!;
  const { results } = replay(options, log.slice(0, index + 1), end);
  return results.at(-1)!;
}
