// The text views' revision: at most one update per interval, the last one always delivered.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ThrottledRevision } from '../../../src/ui/mirror/throttle.svelte.ts';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('ThrottledRevision', () => {
  it('shows the first revision at once, then holds the rest until the interval ends', () => {
    const r = new ThrottledRevision(250);
    r.see(1, 1000);
    expect(r.value).toBe(1);
    r.see(2, 1100);
    r.see(3, 1200);
    expect(r.value).toBe(1);
    vi.advanceTimersByTime(150);
    expect(r.value).toBe(3);
    r.see(4, 2000);
    expect(r.value).toBe(4);
  });

  it('stop drops a pending update', () => {
    const r = new ThrottledRevision(250);
    r.see(1, 0);
    r.see(2, 10);
    r.stop();
    vi.advanceTimersByTime(1000);
    expect(r.value).toBe(1);
  });
});
