/**
 * Lab progress in localStorage, one entry per lab and mode (LabRunner.progress() as JSON), and
 * which lab is in progress. Everything read back is untrusted: it is checked, and what cannot be
 * restored is kept aside under `<key>.unreadable` before the lab starts afresh.
 */
import { isMode, type BehaviourMode } from '../../kvrocks/mode.ts';
import { LabRunner, validateOutcomes, validateProgress, type Lab, type ModeOutcomes } from '../../lab/labs/index.ts';
import type { Storage } from '../state/sandbox.svelte.ts';
import { LAB_KEYS } from './keys.ts';

/** Larger entries are refused before parsing (localStorage itself holds about 5 MB). */
export const MAX_PROGRESS_CHARS = 5_000_000;

export interface ActiveLab {
  readonly id: string;
  readonly mode: BehaviourMode;
}

export type Restored =
  | { readonly kind: 'none' }
  | { readonly kind: 'restored'; readonly runner: LabRunner }
  | { readonly kind: 'unreadable'; readonly reason: string; readonly keptAs: string };

/** Where a saved progress stands, read without replaying it (for the lab list). */
export interface ProgressSummary {
  readonly step: number;
  readonly passed: number;
}

export class LabStore {
  constructor(private readonly storage: Storage | null) {}

  readActive(): ActiveLab | null {
    const raw = this.read(LAB_KEYS.active);
    if (!raw) return null;
    try {
      const data: unknown = JSON.parse(raw);
      const d = data as Record<string, unknown> | null;
      if (typeof d !== 'object' || d === null || typeof d.id !== 'string' || !/^[a-z0-9-]{1,100}$/.test(d.id)) return null;
      if (typeof d.mode !== 'string' || !isMode(d.mode)) return null;
      return { id: d.id, mode: d.mode };
    } catch {
      return null;
    }
  }

  writeActive(active: ActiveLab | null): void {
    this.write(LAB_KEYS.active, active ? JSON.stringify({ id: active.id, mode: active.mode }) : '');
  }

  summary(lab: Lab, mode: BehaviourMode): ProgressSummary | null {
    const data = this.parse(this.read(LAB_KEYS.progress(lab.id, mode)));
    if (data === undefined) return null;
    const progress = validateProgress(data, lab);
    if (typeof progress === 'string' || progress.mode !== mode) return null;
    return { step: progress.step, passed: progress.passed.filter((id) => lab.steps.some((s) => s.id === id)).length };
  }

  /** The saved progress replayed, nothing saved, or why it could not be (then it is kept aside). */
  restore(lab: Lab, mode: BehaviourMode): Restored {
    const key = LAB_KEYS.progress(lab.id, mode);
    const raw = this.read(key);
    if (!raw) return { kind: 'none' };
    const reason = this.check(raw, lab, mode);
    if (typeof reason !== 'string') return { kind: 'restored', runner: reason };
    const keptAs = `${key}${LAB_KEYS.unreadable}`;
    this.write(keptAs, raw);
    this.write(key, '');
    return { kind: 'unreadable', reason, keptAs };
  }

  save(runner: LabRunner): void {
    this.write(LAB_KEYS.progress(runner.lab.id, runner.mode), JSON.stringify(runner.progress()));
  }

  /** What the lab's checks read in `mode` the last time each step was checked (null: never, or unreadable). */
  readOutcomes(lab: Lab, mode: BehaviourMode): ModeOutcomes | null {
    const outcomes = validateOutcomes(this.parse(this.read(LAB_KEYS.outcomes(lab.id, mode))));
    return outcomes?.mode === mode ? outcomes : null;
  }

  saveOutcomes(lab: Lab, outcomes: ModeOutcomes): void {
    this.write(LAB_KEYS.outcomes(lab.id, outcomes.mode), JSON.stringify(outcomes));
  }

  discard(lab: Lab, mode: BehaviourMode): void {
    this.write(LAB_KEYS.progress(lab.id, mode), '');
  }

  private check(raw: string, lab: Lab, mode: BehaviourMode): LabRunner | string {
    if (raw.length > MAX_PROGRESS_CHARS) return `it is larger than ${MAX_PROGRESS_CHARS / 1_000_000} MB`;
    const data = this.parse(raw);
    if (data === undefined) return 'it is not JSON';
    if ((data as { mode?: unknown } | null)?.mode !== mode) return `it is not progress in ${mode} mode`;
    try {
      const restored = LabRunner.restore(lab, data);
      return restored.ok ? restored.runner : restored.error;
    } catch (e) {
      return `it does not replay: ${e instanceof Error ? e.message : String(e)}`;
    }
  }

  private parse(raw: string | null): unknown {
    if (!raw || raw.length > MAX_PROGRESS_CHARS) return undefined;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return undefined;
    }
  }

  private read(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private write(key: string, value: string): void {
    try {
      this.storage?.setItem(key, value);
    } catch {
      // Storage full or disabled: the lab goes on in memory.
    }
  }
}
