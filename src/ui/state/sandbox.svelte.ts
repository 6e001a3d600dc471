/**
 * The sandbox's state: one Session (engine + console language) plus what the page adds: the
 * transcript, time controls, the selected node, persistence. Components read `revision` (bumped
 * after every change to the model) to know when to recompute their views from `session`.
 *
 * The timeline is a view over the branch's input log (engine/history.ts): seeking back rebuilds
 * the model by replay; playing forward from there re-applies the recorded inputs at their times;
 * typing at an earlier time drops the recorded future and starts a new branch.
 * Invariant: every log record with `at <= now` has been applied to `session`.
 */
import { truncateLog, type InputRecord } from '../../engine/history.ts';
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import { Session, type RunResult } from '../../lab/session.ts';
import { serialise, STORAGE_KEY, validateSavedSession, type SavedSession } from './persistence.ts';

export interface SandboxOptions {
  readonly seed: number | string;
  readonly mode: BehaviourMode;
  readonly nodes: number;
}

export const DEFAULT_OPTIONS: SandboxOptions = { seed: 1, mode: 'buggy', nodes: 3 };

/** Speeds offered by the time controls (virtual seconds per real second). */
export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100] as const;

export interface Storage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export class Sandbox {
  /** The live model. Replaced (never mutated from outside) on reset and seek. */
  session: Session = $state.raw(new Session(DEFAULT_OPTIONS));
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
  /** Time passed since the last save (the play loop saves through `flush`, not every frame). */
  private dirty = false;

  constructor(
    private readonly storage: Storage | null = null,
    options: SandboxOptions = DEFAULT_OPTIONS,
  ) {
    const raw = storage?.getItem(STORAGE_KEY) ?? null;
    const saved = raw ? validateSavedSession(raw) : null;
    if (saved?.ok && this.tryRestore(saved.session)) return;
    // Keep what could not be read, so a bad save is never silently destroyed.
    if (raw && saved && !saved.ok) storage?.setItem(`${STORAGE_KEY}.unreadable`, raw);
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
    const now = this.now;
    return this.branchLog.filter((r) => r.at > now).length;
  }

  /** Runs one console input at the current time. Typing after a seek back starts a branch there. */
  run(input: string): RunResult {
    const now = this.session.now();
    if (now < this.horizon) {
      this.branchLog = truncateLog(this.branchLog, now);
      this.horizon = now;
    }
    const result = this.session.run(input);
    this.branchLog.push({ at: result.at, input });
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
    const input = this.branchLog.find((r) => r.at > now)?.at;
    const candidates = [deadline, input].filter((t): t is number => t !== undefined);
    if (candidates.length === 0) return false;
    this.advanceTo(Math.min(...candidates));
    this.save();
    return true;
  }

  /** Rebuilds the model at `time` by replaying the branch's inputs (engine/history.ts). */
  seek(time: number): void {
    const target = Math.max(0, Math.min(time, Math.max(this.horizon, this.session.now())));
    const { session, transcript } = replay(this.options, this.branchLog, target);
    this.session = session;
    this.transcript = transcript;
    this.changed(false);
  }

  reset(options: SandboxOptions): void {
    this.session = new Session({ seed: options.seed, mode: options.mode, nodes: options.nodes });
    this.transcript = [];
    this.branchLog = [];
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
    const log = [...saved.log];
    const { session, transcript } = replay(saved, log, saved.time);
    this.branchLog = log;
    this.horizon = Math.max(saved.horizon, session.now());
    this.session = session;
    this.transcript = transcript;
    this.selected = null;
    this.playing = false;
    this.changed(false);
  }

  /** Saves if time passed since the last save (called by the play loop and on page hide). */
  flush(): void {
    if (this.dirty) this.save();
  }

  private tryRestore(saved: SavedSession): boolean {
    try {
      this.restore(saved);
      return true;
    } catch {
      return false;
    }
  }

  private advanceTo(target: number): void {
    const results = playLog(this.session, this.branchLog, this.session.now(), target);
    if (results.length > 0) this.transcript = [...this.transcript, ...results];
    this.horizon = Math.max(this.horizon, this.session.now());
    this.revision++;
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

/** Replays `log` up to `time` on a fresh session, keeping what each input printed. */
export function replay(options: SandboxOptions, log: readonly InputRecord<string>[], time: number): { session: Session; transcript: RunResult[] } {
  const session = new Session({ seed: options.seed, mode: options.mode, nodes: options.nodes });
  return { session, transcript: playLog(session, log, -1, time) };
}

/**
 * Applies the records after `from` up to `time` at their own times, then runs to `time`.
 * A `.wait` may carry the session past `time`: the records up to where it landed were typed
 * live before anything later, so they are applied too (keeping the invariant at the top).
 */
function playLog(session: Session, log: readonly InputRecord<string>[], from: number, time: number): RunResult[] {
  const results: RunResult[] = [];
  for (const record of log) {
    if (record.at <= from) continue;
    if (record.at > time && record.at > session.now()) break;
    if (record.at > session.now()) session.runUntil(record.at);
    results.push(session.run(record.input));
  }
  if (time > session.now()) session.runUntil(time);
  return results;
}
