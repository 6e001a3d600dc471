/**
 * Replay from seed + input log. A world is a pure function of its seed and the inputs applied at
 * given virtual times, so any earlier moment is rebuilt by replaying the prefix of the log.
 */
export interface InputRecord<I> {
  readonly at: number;
  readonly input: I;
}

export interface Replayable<I> {
  now(): number;
  runUntil(time: number): void;
  /** Applies one input; an input that lets time pass must not run past `limit`. */
  apply(input: I, limit: number): void;
}

/** Rebuilds a world at virtual time `time` by applying every input recorded at or before it. */
export function replayTo<W extends Replayable<I>, I>(create: () => W, log: readonly InputRecord<I>[], time: number): W {
  const world = create();
  for (const record of log) {
    if (record.at > time) break;
    if (record.at > world.now()) world.runUntil(record.at);
    world.apply(record.input, time);
  }
  if (time > world.now()) world.runUntil(time);
  return world;
}

/** The inputs of a branch: everything up to `time`; what came after is dropped. */
export function truncateLog<I>(log: readonly InputRecord<I>[], time: number): InputRecord<I>[] {
  return log.filter((record) => record.at <= time);
}
