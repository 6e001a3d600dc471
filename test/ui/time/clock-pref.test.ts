import { describe, expect, it } from 'vitest';
import { clampSplit, loadSplit, saveSplit, SPLIT_DEFAULT, SPLIT_MAX, SPLIT_MIN, splitKey } from '../../../src/ui/app/split.ts';
import { FIRST_VISIT_CLOCK, loadClock, saveClock } from '../../../src/ui/time/clock-pref.svelte.ts';
import { PREF_KEYS } from '../../../src/ui/prefs.ts';
import type { Storage } from '../../../src/ui/state/sandbox.svelte.ts';

class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}

describe('clock pref', () => {
  it('a first visit plays at 1x; a saved clock comes back; unreadable or odd values fall back', () => {
    const storage = new MemoryStorage();
    expect(loadClock(storage)).toEqual({ playing: true, speed: 1 });
    expect(loadClock(null)).toBe(FIRST_VISIT_CLOCK);
    saveClock(storage, { playing: false, speed: 25 });
    expect(loadClock(storage)).toEqual({ playing: false, speed: 25 });
    storage.setItem(PREF_KEYS.clock, '{"playing":false,"speed":3}');
    expect(loadClock(storage)).toEqual({ playing: false, speed: 1 });
    storage.setItem(PREF_KEYS.clock, '{"playing":"yes"}');
    expect(loadClock(storage)).toBe(FIRST_VISIT_CLOCK);
    storage.setItem(PREF_KEYS.clock, 'not json');
    expect(loadClock(storage)).toBe(FIRST_VISIT_CLOCK);
  });
});

describe('console | graph split', () => {
  it('arrow keys step, Page keys step five times, Home/End go to the ends, other keys are not taken', () => {
    expect(splitKey(0.5, 'ArrowRight')).toBeCloseTo(0.52);
    expect(splitKey(0.5, 'ArrowLeft')).toBeCloseTo(0.48);
    expect(splitKey(0.5, 'PageUp')).toBeCloseTo(0.6);
    expect(splitKey(SPLIT_MAX, 'ArrowRight')).toBe(SPLIT_MAX);
    expect(splitKey(0.5, 'Home')).toBe(SPLIT_MIN);
    expect(splitKey(0.5, 'End')).toBe(SPLIT_MAX);
    expect(splitKey(0.5, 'a')).toBe(null);
  });

  it('is remembered, clamped, and a bad value gives the default', () => {
    const storage = new MemoryStorage();
    expect(loadSplit(storage)).toBe(SPLIT_DEFAULT);
    saveSplit(storage, 0.63);
    expect(loadSplit(storage)).toBe(0.63);
    storage.setItem(PREF_KEYS.split, '5');
    expect(loadSplit(storage)).toBe(SPLIT_MAX);
    storage.setItem(PREF_KEYS.split, 'wide');
    expect(loadSplit(storage)).toBe(SPLIT_DEFAULT);
    expect(clampSplit(Number.NaN)).toBe(SPLIT_DEFAULT);
  });
});
