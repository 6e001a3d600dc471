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
 */
import type { InputRecord } from '../../engine/history.ts';
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import type { RunResult, Session, SessionOptions } from '../../lab/session.ts';
import { serialise, STORAGE_KEY, validateSavedSession, type SavedSession } from './persistence.ts';
import { freshSession, playLog, replay, waitEnd, waitResult, type Played } from './replay.ts';

export type SandboxOptions = SessionOptions;

export const DEFAULT_OPTIONS: SandboxOptions = { seed: 1, mode: 'buggy', nodes: 3 };

/** Speeds offered by the time controls (virtual seconds per real second). */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

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
  playing = $state(false);
  speed = $state(1);
  selected: string | null = $state(null);
  /** The furthest virtual time reached on this branch: the end of the timeline. */
  horizon = $state(0);
  /** The full input log of this branch, which can run past the current time after a seek back. */
  private branchLog: InputRecord<string>[] = [];
  private applied = 0;
  private pendingWait: { result: RunResult; endsAt: number } | null = null;
  /** Time passed since the last save (the play loop saves through `flush`, not every frame). */
  private dirty = false;

  constructor(
    private readonly storage: Storage | null = null,
    options: SandboxOptions = DEFAULT_OPTIONS,
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
    return this.branchLog.length - this.applied;
  }

  /** Runs one console input at the current time. Typing after a seek back starts a branch there. */
  run(input: string): RunResult {
    const now = this.session.now();
    if (now < this.horizon || this.applied < this.branchLog.length) {
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
    if (ms <= 0) return;
    this.advanceTo(this.session.now() + ms);
    this.dirty = true;
  }

  /** Jumps to the next scheduled event or recorded input; false when there is neither. */
  stepToNextEvent(): boolean {
    const now = this.session.now();
    const deadline = this.session.world.sim.clock.nextDeadline();
    const input = this.pendingWait?.endsAt ?? this.branchLog[this.applied]?.at;
    const candidates = [deadline, input].filter((t): t is number => t !== undefined && t > now);
    if (candidates.length === 0) return false;
    this.advanceTo(Math.min(...candidates));
    this.save();
    return true;
  }

  /** Rebuilds the model at `time` by replaying the branch's inputs (engine/history.ts). */
  seek(time: number): void {
    const target = Math.max(0, Math.min(time, Math.max(this.horizon, this.session.now())));
    this.adopt(this.options, this.branchLog, target);
    this.changed(false);
  }

  reset(options: SandboxOptions): void {
    this.session = freshSession(options);
    this.transcript = [];
    this.branchLog = [];
    this.applied = 0;
    this.pendingWait = null;
    this.horizon = 0;
    this.selected = null;
    this.playing = false;
    this.changed(true);
  }

  /** What a reload restores and what "export" writes. */
  snapshot(): SavedSession {
    const { seed, mode, nodes } = this.options;
    return { seed, mode, nodes, log: [...this.branchLog], time: this.session.now(), horizon: this.horizon };
  }

  /** Replaces the session with a saved one; on failure (it throws) nothing changes. */
  restore(saved: SavedSession): void {
    this.adopt(saved, [...saved.log], saved.time);
    this.horizon = Math.max(saved.horizon, this.session.now());
    this.selected = null;
    this.playing = false;
    this.changed(false);
  }

  /** Saves if time passed since the last save (called by the play loop and on page hide). */
  flush(): void {
    if (this.dirty) this.save();
  }

  private advanceTo(target: number): void {
    const session = this.session;
    const results: RunResult[] = [];
    if (this.pendingWait && target >= this.pendingWait.endsAt) {
      session.runUntil(this.pendingWait.endsAt);
      results.push(this.pendingWait.result);
      this.applied++;
      this.pendingWait = null;
    }
    if (!this.pendingWait) this.record(playLog(session, this.branchLog, this.applied, target), results);
    else session.runUntil(target);
    if (results.length > 0) this.transcript = [...this.transcript, ...results];
    this.horizon = Math.max(this.horizon, session.now());
    this.revision++;
  }

  /** Replaces the session with a replay of `log` to `time` (seek and restore). */
  private adopt(options: SandboxOptions, log: InputRecord<string>[], time: number): void {
    const played = replay(options, log, time);
    const transcript: RunResult[] = [];
    this.branchLog = log;
    this.session = played.session;
    this.record(played, transcript);
    this.transcript = transcript;
  }

  /** Takes in what a replay applied; a `.wait` left under way prints when it ends. */
  private record(played: Played, into: RunResult[]): void {
    into.push(...played.results);
    this.applied = played.applied;
    this.pendingWait = null;
    if (played.midWait) {
      const endsAt = waitEnd(this.branchLog[played.applied]!)!;
      this.pendingWait = { endsAt, result: waitResult(this.options, this.branchLog, played.applied) };
    }
  }

  private changed(extendsHorizon: boolean): void {
    if (extendsHorizon) this.horizon = Math.max(this.horizon, this.session.now());
    this.revision++;
    this.save();
  }

  private save(): void {
    this.dirty = false;
    try {
      this.storage?.setItem(STORAGE_KEY, serialise(this.snapshot()));
    } catch {
      // Storage full or disabled: the session lives on in memory; export still works.
    }
  }
}
