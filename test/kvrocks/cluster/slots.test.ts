import { describe, expect, it } from 'vitest';
import { formatSlotRanges, parseSlotRanges, slotListText, slotsToRanges } from '../../../src/kvrocks/cluster/slots.ts';

describe('slot run format', () => {
  it('prints runs the way CLUSTER NODES does (cluster_test.go example)', () => {
    const slots = [0, 1, 2, ...Array.from({ length: 8190 }, (_, i) => i + 4), 10000];
    for (let s = 10002; s <= 11002; s++) slots.push(s);
    slots.push(16381, 16382, 16383);
    expect(slotListText(slots)).toBe('0-2 4-8193 10000 10002-11002 16381-16383');
  });

  it('sorts and de-duplicates', () => {
    expect(slotsToRanges([5, 3, 4, 4, 9])).toEqual([{ start: 3, end: 5 }, { start: 9, end: 9 }]);
    expect(slotListText([])).toBe('');
    expect(formatSlotRanges([{ start: 7, end: 7 }, { start: 8, end: 9 }])).toBe('7 8-9');
  });
});

describe('parseSlotRanges (SETSLOT / MIGRATE spec)', () => {
  const ok = (spec: string) => {
    const result = parseSlotRanges(spec);
    if (!result.ok) throw new Error(result.error);
    return result.ranges;
  };
  const error = (spec: string) => {
    const result = parseSlotRanges(spec);
    return result.ok ? undefined : result.error;
  };

  it('accepts single slots, ranges with a <= b, and several space-separated items', () => {
    expect(ok('5')).toEqual([{ start: 5, end: 5 }]);
    expect(ok('0-100')).toEqual([{ start: 0, end: 100 }]);
    expect(ok('5-5')).toEqual([{ start: 5, end: 5 }]);
    expect(ok(' 1  3-4 ')).toEqual([{ start: 1, end: 1 }, { start: 3, end: 4 }]);
    expect(ok('16383')).toEqual([{ start: 16383, end: 16383 }]);
    expect(ok('5--7')).toEqual([{ start: 5, end: 7 }]);
  });

  it('uses the upstream error texts', () => {
    expect(error('')).toBe('No slots to parse.');
    expect(error('   ')).toBe('Invalid slots: `   `. No slots to parse. Please use spaces to separate slots.');
    expect(error('16384')).toBe('Invalid slot id: out of numeric range');
    expect(error('abc')).toBe('Invalid slot id: not started as an integer');
    expect(error('5x')).toBe('Invalid slot id: encounter non-integer characters');
    expect(error('-5')).toBe("Invalid slot range: `-5`. The character '-' can't appear in the first or last position.");
    expect(error('5-')).toBe("Invalid slot range: `5-`. The character '-' can't appear in the first or last position.");
    expect(error('1-2-3')).toBe('Invalid slot range: `1-2-3`. The slot range should be of the form `int1-int2`.');
    expect(error('9-3')).toBe(
      'Invalid slot range: `9-3`. The slot range `int1-int2` needs to satisfy the condition (int1 <= int2).',
    );
    expect(error('0-16384')).toBe(
      'Invalid slot range: `0-16384`. The slot range `int1-int2` needs to satisfy the condition (int1 <= int2).',
    );
    expect(error('1 x')).toBe('Invalid slot id: not started as an integer');
  });
});
