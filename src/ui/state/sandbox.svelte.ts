/**
 * The sandbox's state: one Session (engine + console language) plus what the page adds: the
 * transcript, time controls, the selected node, persistence. Components read `revision` (bumped
 * after every change to the model) to know when to recompute their views from `session`.
 *
 * The timeline is a view over the branch's input log (replay.ts): seeking back rebuilds the model
 * by replay; playing forward from there re-applies the recorded inputs at their times; typing at
 * an earlier time drops the recorded future and starts a new branch.
 * Invariant: the first `applied` records of `branchLog` have been applied to `session`; when
 * `pendingWait` is set, the next record is a `.wait` under way, due to print at `endsAt`.
 *
 * An owner (a guided lab, src/ui/labs) can take the session over for a while: `attach`, then
 * `sync` after each change it makes, then `detach` gives the sandbox its own session back. While
 * owned, inputs run through the owner, the end of the timeline is the owner's live session, and
 * scrubbing back shows a replay of its log (typing or playing past it returns to the live one).
 */
import type { InputRecord } from '../../engine/history.ts';
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import { MAX_SESSION_MS } from '../../lab/duration.ts';
import type { RunResult, Session, SessionOptions } from '../../lab/session.ts';
import { serialise, STORAGE_KEY, validateSavedSession, type SavedSession } from './persistence.ts';
import { Checkpoints } from '../../lab/checkpoints.ts';
import { freshSession, pendingWaitResult, playLog, waitEnd, waitResult, type Played } from './replay.ts';

export type SandboxOptions = SessionOptions;

export const DEFAULT_OPTIONS: SandboxOptions = { seed: 1, mode: 'buggy', nodes: 3 };

/** Speeds offered by the time controls (virtual seconds per real second). */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

/** Something outside the sandbox that owns its session for a while (a guided lab). */
export interface SessionOwner {
  /** The live session; when the owner replaces it, it calls `sandbox.sync()`. */
  readonly session: Session;
  /** What the console shows for it. */
  readonly transcript: readonly RunResult[];
  /** A console input: the owner runs it, so its own records stay complete. */
  run(input: string): RunResult;
  /** True for log entries the console does not show (a lab's check reads). */
  hidden?(index: number): boolean;
  /** Called where the sandbox would save its own session: the owner saves its progress. */
  persist?(): void;
  /** The sandbox let go of the owner's session (a new session or an import replaced it). */
  released?(): void;
}

/** Runs `work` in idle time until it returns false (the page: requestIdleCallback). */
export type IdleRunner = (work: () => boolean) => void;

export interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export class Sandbox {
  /** The live model. Replaced (never mutated from outside) on reset and seek. */
  session: Session = $state.raw(freshSession(DEFAULT_OPTIONS));
  /** Bumped after every change to the model; views derive from it. */
  revision = $state(0);
  transcript: RunResult[] = $state.raw([]);
  /** Whether virtual time runs (the play loop); `plays` counts the times it was started. */
  get playing(): boolean {
    return this.running;
  }
  set playing(on: boolean) {
    if (on && !this.running) this.plays++;
    this.running = on;
  }
  plays = 0;
  speed = $state(1);
  selected: string | null = $state(null);
  /** The furthest virtual time reached on this branch: the end of the timeline. */
  horizon = $state(0);
  /** The later inputs the last input dropped (it was typed at an earlier time), for Undo. */
  dropped: { readonly log: InputRecord<string>[]; readonly horizon: number; readonly time: number; readonly count: number } | null = $state.raw(null);
  /** Who owns the session, when it is not the sandbox's own (see `attach`). */
  owner: SessionOwner | null = $state.raw(null);
  /** The sandbox's own session, kept while an owner has the page. */
  private stash: SavedSession | null = null;
  /** The full input log of this branch, which can run past the current time after a seek back. */
  private branchLog: InputRecord<string>[] = [];
  private applied = 0;
  private running = $state(false);
  /** Told of every input that runs, whoever ran it (the console's history listens). */
  private listeners = new Set<(result: RunResult) => void>();
  private pendingWait: { result: RunResult; endsAt: number } | null = null;
  /** Time passed since the last save (the play loop saves through `flush`, not every frame). */
  private dirty = false;

  /** Replays parked along the branch so a seek starts near its target (lab/checkpoints.ts). */
  private checkpoints: { key: string; store: Checkpoints } | null = null;

  constructor(
    private readonly storage: Storage | null = null,
    options: SandboxOptions = DEFAULT_OPTIONS,
    private readonly idle: IdleRunner | null = null,
  ) {
    const raw = storage?.getItem(STORAGE_KEY) ?? null;
    const saved = raw ? validateSavedSession(raw) : null;
    if (saved?.ok) {
      try {
        this.restore(saved.session);
        return;
      } catch {
        // It does not replay: keep it aside (below) and start afresh.
      }
    }
    // Keep what could not be read, so a bad save is never silently destroyed.
    if (raw) storage?.setItem(`${STORAGE_KEY}.unreadable`, raw);
    this.reset(options);
  }

  get options(): SandboxOptions {
    return this.session.options;
  }

  /** The current virtual time (reactive: reads `revision`). */
  get now(): number {
    void this.revision;
    return this.session.now();
  }

  /** The behaviour mode in force now (`.mode` inputs change it; reactive). */
  get mode(): BehaviourMode {
    void this.revision;
    return this.session.world.mode;
  }

  /** The branch's inputs, including any recorded after the current time. */
  get log(): readonly InputRecord<string>[] {
    void this.revision;
    return this.branchLog;
  }

  /** How many recorded inputs lie after the current time (typing now would drop them). */
  get futureInputs(): number {
    void this.revision;
    // An owner's inputs are never dropped: typing returns to its live session instead.
    return this.owner ? 0 : this.branchLog.length - this.applied;
  }

  /** Calls `listener` after every input that runs from now on; returns the unsubscribe. */
  listen(listener: (result: RunResult) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Runs one console input at the current time. Typing after a seek back starts a branch there. */
  run(input: string): RunResult {
    const result = this.runHere(input);
    for (const listener of this.listeners) listener(result);
    return result;
  }

  private runHere(input: string): RunResult {
    if (this.owner) {
      const result = this.owner.run(input);
      this.sync();
      return result;
    }
    const now = this.session.now();
    this.dropped = null;
    if (now < this.horizon || this.applied < this.branchLog.length) {
      const count = this.branchLog.length - this.applied;
      if (count > 0) this.dropped = { log: this.branchLog, horizon: this.horizon, time: now, count };
      this.branchLog = this.branchLog.slice(0, this.applied);
      this.pendingWait = null;
      this.horizon = now;
    }
    const result = this.session.run(input);
    this.branchLog.push({ at: result.at, input });
    this.applied = this.branchLog.length;
    this.transcript = [...this.transcript, result];
    this.changed(true);
    return result;
  }

  /** Lets virtual time pass (the play loop), re-applying recorded inputs that fall inside it. */
  advance(ms: number): void {
    // Time stops at the session limit, as `.wait` does (lab/duration.ts).
    const target = Math.min(this.session.now() + ms, MAX_SESSION_MS);
    if (target <= this.session.now()) return;
    this.advanceTo(target);
    this.dirty = true;
  }

  /** Jumps to the next scheduled event or recorded input; false when there is neither. */
  stepToNextEvent(): boolean {
    const now = this.session.now();
    const deadline = this.session.world.sim.clock.nextDeadline();
    const input = this.pendingWait?.endsAt ?? this.branchLog[this.applied]?.at;
    const candidates = [deadline, input].filter((t): t is number => t !== undefined && t > now && t <= MAX_SESSION_MS);
    if (candidates.length === 0) return false;
    this.advanceTo(Math.min(...candidates));
    this.save();
    return true;
  }

  /** Rebuilds the model at `time` by replaying the branch's inputs (engine/history.ts). */
  seek(time: number): void {
    const target = Math.max(0, Math.min(time, Math.max(this.horizon, this.session.now())));
    if (this.owner && target >= this.owner.session.now()) return this.sync();
    this.adopt(this.options, this.branchLog, target);
    this.changed(false);
  }

  /** Undoes the last input's drop: the dropped branch comes back (that input goes), at the same time. */
  undoDrop(): boolean {
    const dropped = this.dropped;
    if (!dropped || this.owner) return false;
    this.dropped = null;
    this.adopt(this.options, [...dropped.log], dropped.time);
    this.horizon = Math.max(dropped.horizon, this.session.now());
    this.changed(false);
    return true;
  }

  reset(options: SandboxOptions): void {
    this.release();
    this.dropped = null;
    this.session = freshSession(options);
    this.transcript = [];
    this.branchLog = [];
    this.applied = 0;
    this.pendingWait = null;
    this.horizon = 0;
    this.selected = null;
    // The clock stays as the person set it: a fresh cluster's time passes if time was running.
    this.changed(true);
  }

  /** What a reload restores and what "export" writes. */
  snapshot(): SavedSession {
    const { seed, mode, nodes } = this.options;
    return { seed, mode, nodes, log: [...this.branchLog], time: this.session.now(), horizon: this.horizon };
  }

  /** Replaces the session with a saved one; on failure (it throws) nothing changes. */
  restore(saved: SavedSession): void {
    this.release();
    this.dropped = null;
    this.adopt(saved, [...saved.log], saved.time);
    this.horizon = Math.max(saved.horizon, this.session.now());
    this.selected = null;
    this.playing = false;
    this.changed(false);
  }

  /**
   * Hands the page to an owner: its session, transcript and timeline are shown from now on. The
   * sandbox's own session is saved first and comes back on `detach`.
   */
  attach(owner: SessionOwner): void {
    if (!this.owner) {
      this.save();
      this.stash = this.snapshot();
    }
    this.owner = owner;
    this.playing = false;
    this.sync();
  }

  /** The owner changed its session (ran, checked, went back, replaced it): show it live. */
  sync(): void {
    const owner = this.owner;
    if (!owner) return;
    this.session = owner.session;
    this.transcript = [...owner.transcript];
    this.branchLog = owner.session.log.map((r) => ({ ...r }));
    this.applied = this.branchLog.length;
    this.pendingWait = null;
    this.horizon = this.session.now();
    if (this.selected !== null && !this.session.world.find(this.selected)) this.selected = null;
    this.revision++;
    this.save();
  }

  /** The owner is done: the sandbox's own session comes back as it was. */
  detach(): void {
    const stash = this.stash;
    this.owner = null;
    this.stash = null;
    this.playing = false;
    this.selected = null;
    try {
      if (stash) return this.restore(stash);
    } catch {
      // It replayed when it was stashed; should it not now, a fresh cluster beats a broken one.
    }
    this.reset(stash ? { seed: stash.seed, mode: stash.mode, nodes: stash.nodes } : DEFAULT_OPTIONS);
  }

  /** Saves if time passed since the last save (called by the play loop and on page hide). */
  flush(): void {
    if (this.dirty) this.save();
  }

  private advanceTo(target: number): void {
    const owner = this.owner;
    if (owner && this.session !== owner.session && target >= owner.session.now()) {
      // Playing a replay of the owner's log past its live time: carry on with the live session.
      this.sync();
    }
    const session = this.session;
    const results: RunResult[] = [];
    if (this.pendingWait && target >= this.pendingWait.endsAt) {
      session.runUntil(this.pendingWait.endsAt);
      results.push(this.pendingWait.result);
      this.applied++;
      this.pendingWait = null;
    }
    if (!this.pendingWait) this.record(playLog(session, this.branchLog, this.applied, target), results, this.applied);
    else session.runUntil(target);
    if (results.length > 0) this.transcript = [...this.transcript, ...results];
    this.horizon = Math.max(this.horizon, session.now());
    this.revision++;
  }

  /** Replaces the session with a replay of `log` to `time` (seek and restore). */
  private adopt(options: SandboxOptions, log: InputRecord<string>[], time: number): void {
    const played = this.checkpointsFor(options).seek(log, time);
    const transcript: RunResult[] = [];
    this.branchLog = log;
    this.session = played.session;
    this.record(played, transcript, 0);
    this.transcript = transcript;
  }

  /** Takes in what a replay applied; a `.wait` left under way prints when it ends. */
  private record(played: Played, into: RunResult[], start: number): void {
    const owner = this.owner;
    into.push(...(owner?.hidden ? played.results.filter((_, k) => !owner.hidden!(start + k)) : played.results));
    this.applied = played.applied;
    this.pendingWait = null;
    if (played.midWait) {
      const endsAt = waitEnd(this.branchLog[played.applied]!)!;
      const record = this.branchLog[played.applied]!;
      this.pendingWait = { endsAt, result: pendingWaitResult(this.session, record) ?? waitResult(this.options, this.branchLog, played.applied) };
    }
  }

  /** The checkpoints for sessions with these options (about 3,000 nodes' worth of worlds in memory). */
  private checkpointsFor(options: SandboxOptions): Checkpoints {
    const key = JSON.stringify([options.seed, options.mode, options.nodes]);
    if (this.checkpoints?.key !== key) {
      const store = new Checkpoints(() => freshSession(options), { capacity: Math.min(16, Math.floor(3000 / options.nodes)) });
      this.checkpoints = { key, store };
    }
    return this.checkpoints.store;
  }

  /** Builds the missing checkpoints of the branch in idle time (nothing without an idle runner). */
  private refill(): void {
    if (!this.idle || this.owner) return;
    const store = this.checkpointsFor(this.options);
    this.idle(() => !this.owner && store === this.checkpoints?.store && store.build(this.branchLog));
  }

  private changed(extendsHorizon: boolean): void {
    if (extendsHorizon) this.horizon = Math.max(this.horizon, this.session.now());
    this.revision++;
    this.save();
    this.refill();
  }

  /** An owner that lets go because the sandbox replaces its session is told so. */
  private release(): void {
    const owner = this.owner;
    if (!owner) return;
    this.owner = null;
    this.stash = null;
    owner.released?.();
  }

  private save(): void {
    this.dirty = false;
    if (this.owner) return this.owner.persist?.();
    try {
      this.storage?.setItem(STORAGE_KEY, serialise(this.snapshot()));
    } catch {
      // Storage full or disabled: the session lives on in memory; export still works.
    }
  }
}
