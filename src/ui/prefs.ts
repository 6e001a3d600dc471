/** The page's own preferences in localStorage (the session itself: state/persistence.ts). */
import type { Storage } from './state/sandbox.svelte.ts';

export const PREF_KEYS = {
  welcomeDismissed: 'kvlab.welcome.dismissed',
  theme: 'kvlab.theme',
  history: 'kvlab.console.history.v1',
  layout: 'kvlab.layout.v1',
  /** Playing or paused, and the speed (time/clock-pref.svelte.ts). */
  clock: 'kvlab.clock.v1',
  /** The console's share of the console | graph split (app/split.ts). */
  split: 'kvlab.split.v1',
} as const;

/** localStorage, or null where it is disabled (private windows, sandboxed iframes). */
export function browserStorage(): Storage | null {
  try {
    const storage = window.localStorage;
    storage.getItem(PREF_KEYS.theme);
    return storage;
  } catch {
    return null;
  }
}

/** Writes that may fail (quota, disabled storage) never break the page. */
export function writePref(storage: Storage | null, key: string, value: string): void {
  try {
    storage?.setItem(key, value);
  } catch {
    // Preferences are a convenience; the page works without them.
  }
}
