/**
 * Checkpoints for seeking: sessions parked at points on the replay path of a branch's log, so a
 * seek plays on from the nearest one before its target instead of replaying from t=0.
 *
 * A parked session is a real replay stopped right after applying record j-1 (before time runs on
 * to record j), a state every replay to a later moment passes through, so a seek from it is
 * exactly a replay from t=0: same inputs, same clock advances, same trace. The model holds
 * closures (timers, actors), so a world cannot be copied: a seek takes a parked session over, and
 * `build` replays from t=0 again, a record at a time, to park a new one (the page calls it in idle
 * time). Where they sit: where the replay's work crosses a multiple of the spacing, and at the end
 * of the log; the spacing doubles until at most `capacity` fit, so memory stays bounded however
 * long the session grows, and a seek replays at most about 1/(capacity-1) of the whole.
 */
import type { InputRecord } from '../engine/history.ts';
import { playLog, waitEnd, type Played } from './play-log.ts';
import type { RunResult, Session } from './session.ts';

/** A replay with records [0, applied) applied: where a seek starts, and what those records printed. */
export interface Start {
  readonly session: Session;
  readonly applied: number;
  readonly results: RunResult[];
}

interface Builder extends Start {
  applied: number;
  /** The work of reading records [0, applied). */
  inputs: number;
  /** The boundary it parks at. */
  readonly target: number;
  /** Time being run toward in installments: record `applied`'s time, or the end of its `.wait`. */
  toward: number | null;
  /** Record `applied`, a `.wait` already run (its time is `toward`): what it printed. */
  waited: RunResult | null;
}

export interface CheckpointOptions {
  /** The least work between checkpoints (units below). */
  readonly spacing?: number;
  /** The most sessions parked at once (each is a whole world in memory). */
  readonly capacity?: number;
}

/**
 * The work of a replay, in units of about a microsecond (measured on the seek bench's sessions):
 * a timer fired (an actor's transition, a delivery) ~50, an input ~40 plus ~1 per 64 bytes (a
 * 500-line SETNODES payload is read, split and parsed).
 */
const TIMER_COST = 50;
const inputCost = (input: string): number => 40 + (input.length >> 6);
/**
 * The most timers one `build` call fires (~50 µs each, see TIMER_COST): idle-time building never
 * holds a frame, however long the gap before an input or the `.wait` it replays (at 1,000 nodes,
 * the first seconds of a cluster are ~750 ms of replay).
 */
const TIMERS_PER_BUILD = 64;

export class Checkpoints {
  readonly capacity: number;
  private readonly base: number;
  private parked: Start[] = [];
  private builder: Builder | null = null;
  /** The log replayed; for each boundary j walked, the work done and the time reached after record j-1. */
  private log: readonly InputRecord<string>[] = [];
  private costs: number[] = [0];
  private times: number[] = [0];

  constructor(
    private readonly create: () => Session,
    options: CheckpointOptions = {},
  ) {
    this.base = options.spacing ?? 20_000;
    this.capacity = Math.max(2, options.capacity ?? 8);
  }

  /** How many sessions are parked. */
  get size(): number {
    return this.parked.length;
  }

  /** `log` replayed to `time` from the nearest checkpoint before it: what a replay from t=0 gives. */
  seek(log: readonly InputRecord<string>[], time: number): Played & { session: Session } {
    const start = this.take(log, time);
    const played = playLog(start.session, log, start.applied, time);
    return { session: start.session, results: [...start.results, ...played.results], applied: played.applied, midWait: played.midWait };
  }

  /** Takes the replay furthest along `log` not past `time` (it is not kept), or a fresh session. */
  take(log: readonly InputRecord<string>[], time: number): Start {
    this.follow(log);
    let best: Start | null = null;
    for (const p of this.parked) if (p.session.now() <= time && p.applied > (best?.applied ?? 0)) best = p;
    // The builder is on the path too: it may be further along.
    const b = this.builder;
    if (b && b.toward === null && b.session.now() <= time && b.applied > (best?.applied ?? 0)) {
      this.builder = null;
      return { session: b.session, applied: b.applied, results: b.results };
    }
    if (!best) return { session: this.create(), applied: 0, results: [] };
    this.parked = this.parked.filter((p) => p !== best);
    return { ...best, results: [...best.results] };
  }

  /**
   * Replays a little further toward a missing checkpoint of `log` (one input, or up to
   * TIMERS_PER_BUILD timers before or inside it); false when none is missing.
   */
  build(log: readonly InputRecord<string>[]): boolean {
    this.follow(log);
    if (!this.builder) {
      const target = this.missing();
      if (target === null) return false;
      this.builder = { session: this.create(), applied: 0, results: [], inputs: 0, target, toward: null, waited: null };
    }
    const b = this.builder;
    if (b.applied >= b.target) {
      this.builder = null;
      this.park({ session: b.session, applied: b.applied, results: b.results });
      return true;
    }
    const record = log[b.applied]!;
    if (b.toward === null && record.at > b.session.now()) b.toward = record.at;
    if (b.toward !== null) {
      // Mid-advance the clock is where a single run would be at that point: nothing else may use it.
      if (!b.session.runToward(b.toward, TIMERS_PER_BUILD)) return true;
      b.toward = null;
      if (b.waited === null) return true;
      this.applied(b, record, b.waited);
      return true;
    }
    // A `.wait` hands its end back (Session.deferWaits) and its time runs in installments above.
    b.session.deferWaits = true;
    let result: RunResult;
    try {
      result = b.session.run(record.input);
    } finally {
      b.session.deferWaits = false;
    }
    const until = b.session.deferredWait;
    b.session.deferredWait = null;
    if (until !== null) {
      b.toward = until;
      b.waited = result;
      return true;
    }
    this.applied(b, record, result);
    return true;
  }

  private applied(b: Builder, record: InputRecord<string>, result: RunResult): void {
    b.waited = null;
    b.results.push(result);
    b.inputs += inputCost(record.input);
    b.applied++;
    this.costs[b.applied] = TIMER_COST * b.session.world.sim.clock.fired + b.inputs;
    this.times[b.applied] = b.session.now();
  }

  /** Forgets everything (a new session). */
  clear(): void {
    this.parked = [];
    this.builder = null;
    this.log = [];
    this.costs = [0];
    this.times = [0];
  }

  /** The boundaries checkpoints belong at, among those walked (the end once it has been). */
  positions(): Set<number> {
    const walked = this.costs.length - 1;
    const total = this.costs[walked]!;
    let spacing = this.base;
    // Grid lines at multiples of the spacing; capacity - 1 of them at most (the end takes one place).
    while (Math.floor(total / spacing) > this.capacity - 1) spacing *= 2;
    const out = new Set<number>();
    let pending = false;
    for (let j = 1; j <= walked; j++) {
      if (Math.floor(this.costs[j]! / spacing) > Math.floor(this.costs[j - 1]! / spacing)) pending = true;
      if (pending && this.parkable(j)) {
        out.add(j);
        pending = false;
      }
    }
    if (walked === this.log.length && walked > 0) out.add(walked);
    return out;
  }

  /**
   * A boundary worth parking at: inputs typed at the same moment after it are applied by every
   * seek that gets there, so a checkpoint waits for the last of them (a `.wait` starts a new moment).
   */
  private parkable(j: number): boolean {
    const next = this.log[j];
    return next === undefined || next.at > this.times[j]! || waitEnd(next) !== null;
  }

  /** The first checkpoint not parked yet, or the end when the log has not been walked that far. */
  private missing(): number | null {
    const have = new Set(this.parked.map((p) => p.applied));
    for (const j of [...this.positions()].sort((a, b) => a - b)) if (!have.has(j)) return j;
    return this.costs.length - 1 < this.log.length ? this.log.length : null;
  }

  /** Parks a replay; those no longer at a checkpoint's place go first when over capacity. */
  private park(start: Start): void {
    this.parked.push(start);
    const places = this.positions();
    this.parked = this.parked.filter((p) => places.has(p.applied));
    while (this.parked.length > this.capacity) this.parked.shift();
  }

  /** Keeps what still lies on `log`'s replay path: a replay at boundary j needs records [0, j) unchanged. */
  private follow(log: readonly InputRecord<string>[]): void {
    if (log === this.log) return;
    const old = this.log;
    let same = 0;
    const limit = Math.min(old.length, log.length);
    while (same < limit && (old[same] === log[same] || (old[same]!.at === log[same]!.at && old[same]!.input === log[same]!.input))) same++;
    this.log = log;
    this.costs.length = Math.min(this.costs.length, same + 1);
    this.times.length = this.costs.length;
    this.parked = this.parked.filter((p) => p.applied <= same);
    const b = this.builder;
    // A builder advancing toward record `applied` (or inside its `.wait`) depends on that record too.
    if (b && (b.applied + (b.toward === null ? 0 : 1) > same || b.target > log.length)) this.builder = null;
  }
}
