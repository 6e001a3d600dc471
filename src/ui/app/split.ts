/** The console | graph split: the console's share of the two columns, kept in prefs. */
import { PREF_KEYS, writePref } from '../prefs.ts';
import type { Storage } from '../state/sandbox.svelte.ts';

export const SPLIT_DEFAULT = 0.48;
export const SPLIT_MIN = 0.2;
export const SPLIT_MAX = 0.75;
/** One arrow key press; Page Up/Down move five times as far. */
export const SPLIT_STEP = 0.02;

export const clampSplit = (share: number) => Math.min(SPLIT_MAX, Math.max(SPLIT_MIN, Number.isFinite(share) ? share : SPLIT_DEFAULT));

export function loadSplit(storage: Storage | null): number {
  const saved = Number(storage?.getItem(PREF_KEYS.split) ?? NaN);
  return Number.isFinite(saved) ? clampSplit(saved) : SPLIT_DEFAULT;
}

export function saveSplit(storage: Storage | null, share: number): void {
  writePref(storage, PREF_KEYS.split, clampSplit(share).toFixed(3));
}

/** The share a key sets, or null for a key the separator does not take. */
export function splitKey(share: number, key: string): number | null {
  const moves: Record<string, number> = { ArrowLeft: -SPLIT_STEP, ArrowRight: SPLIT_STEP, PageDown: -5 * SPLIT_STEP, PageUp: 5 * SPLIT_STEP };
  if (key in moves) return clampSplit(share + moves[key]!);
  if (key === 'Home') return SPLIT_MIN;
  if (key === 'End') return SPLIT_MAX;
  return null;
}
