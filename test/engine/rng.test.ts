import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/engine/rng.ts';

describe('Rng', () => {
  it('is a pure function of its seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng('42');
    const seq = (r: Rng) => Array.from({ length: 5 }, () => r.int(1, 100));
    const first = seq(a);
    expect(seq(b)).toEqual(first);
    expect(seq(c)).not.toEqual(first);
  });

  it('stays within bounds', () => {
    const r = new Rng(7);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(1, 3);
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(3);
    }
  });
});
