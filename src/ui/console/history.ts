/** Console history: the inputs typed, oldest first, kept across reloads. */
import { PREF_KEYS, writePref } from '../prefs.ts';
import type { Storage } from '../state/sandbox.svelte.ts';

export const HISTORY_LIMIT = 500;

export function loadHistory(storage: Storage | null): string[] {
  try {
    const data: unknown = JSON.parse(storage?.getItem(PREF_KEYS.history) ?? '[]');
    return Array.isArray(data) ? data.filter((item): item is string => typeof item === 'string').slice(-HISTORY_LIMIT) : [];
  } catch {
    return [];
  }
}

/** Appends an input unless it repeats the last one, keeping the newest HISTORY_LIMIT. */
export function remember(history: readonly string[], input: string): string[] {
  if (input.trim() === '' || history.at(-1) === input) return [...history];
  return [...history, input].slice(-HISTORY_LIMIT);
}

export function saveHistory(storage: Storage | null, history: readonly string[]): void {
  writePref(storage, PREF_KEYS.history, JSON.stringify(history));
}
