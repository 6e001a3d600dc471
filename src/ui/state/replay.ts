/**
 * The page's replays: fresh sessions with the page's trace limit, and the log played onto them
 * (lab/play-log.ts).
 */
import type { InputRecord } from '../../engine/history.ts';
import { playLog, waitEnd, type Played } from '../../lab/play-log.ts';
import { Session, type RunResult, type SessionOptions } from '../../lab/session.ts';

export { pendingWaitResult, playLog, waitEnd, type Played } from '../../lab/play-log.ts';

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
