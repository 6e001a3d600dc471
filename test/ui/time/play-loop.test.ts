import { describe, expect, it } from 'vitest';
import { frameAdvance, MAX_FRAME_MS } from '../../../src/ui/time/play-loop.svelte.ts';

describe('play loop: virtual time per frame', () => {
  it('advances real time x speed in whole milliseconds, carrying the fraction', () => {
    expect(frameAdvance(16, 1, 0)).toEqual({ ms: 16, carry: 0 });
    let carry = 0;
    let total = 0;
    for (let i = 0; i < 60; i++) {
      const step = frameAdvance(1000 / 60, 0.1, carry);
      carry = step.carry;
      total += step.ms;
    }
    // A real second at 0.1x is 100 virtual ms, in whole steps; nothing is lost to rounding.
    expect(total + carry).toBeCloseTo(100, 6);
    expect(Number.isInteger(total)).toBe(true);
    expect(carry).toBeLessThan(1);
  });

  it('caps one frame, so a background tab or a long frame never makes time leap', () => {
    expect(frameAdvance(5000, 1, 0).ms).toBe(MAX_FRAME_MS);
    expect(frameAdvance(5000, 100, 0).ms).toBe(MAX_FRAME_MS * 100);
    expect(frameAdvance(-3, 10, 0).ms).toBe(0);
  });
});
