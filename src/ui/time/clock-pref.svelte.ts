/**
 * Whether virtual time runs, and how fast: a page preference, kept across reloads. A first visit
 * plays at 1x: a live cluster's time passes, so a newcomer who pushes a topology and waits sees
 * the replica connect. A reload restores what the person left (playing or paused, the speed).
 */
import { PREF_KEYS, writePref } from '../prefs.ts';
import { SPEEDS, type Sandbox, type Storage } from '../state/sandbox.svelte.ts';

export interface ClockPref {
  readonly playing: boolean;
  readonly speed: number;
}

export const FIRST_VISIT_CLOCK: ClockPref = { playing: true, speed: 1 };

/** The saved clock, or the first visit's when there is none (or it cannot be read). */
export function loadClock(storage: Storage | null): ClockPref {
  try {
    const data = JSON.parse(storage?.getItem(PREF_KEYS.clock) ?? 'null') as Partial<ClockPref> | null;
    if (typeof data?.playing !== 'boolean') return FIRST_VISIT_CLOCK;
    const speed = (SPEEDS as readonly number[]).includes(data.speed ?? NaN) ? data.speed! : 1;
    return { playing: data.playing, speed };
  } catch {
    return FIRST_VISIT_CLOCK;
  }
}

export function saveClock(storage: Storage | null, clock: ClockPref): void {
  writePref(storage, PREF_KEYS.clock, JSON.stringify({ playing: clock.playing, speed: clock.speed }));
}

/**
 * Sets the sandbox's clock from storage, then saves it whenever it changes. A link or a lab that
 * restores a session pauses it afterwards, as before. Returns the cleanup.
 */
export function keepClock(sandbox: Sandbox, storage: Storage | null): () => void {
  const clock = loadClock(storage);
  sandbox.speed = clock.speed;
  sandbox.playing = clock.playing;
  return $effect.root(() => {
    $effect(() => saveClock(storage, { playing: sandbox.playing, speed: sandbox.speed }));
  });
}
