// Keys in column family order (src/kvrocks/data/key-order.ts through Storage): whatever writes come
// between reads (new keys, overwrites, deletes, huge batches, cleared slots, FLUSHALL), the order
// read is every stored key sorted by slot, then bytes, as a fresh sort gives it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keySlot } from '../../../src/kvrocks/cluster/crc16.ts';
import { DEFER_ABOVE } from '../../../src/kvrocks/data/keyspace.ts';
import { Storage, type WriteOp } from '../../../src/kvrocks/storage.ts';

const entry = { value: { type: 'string' as const, text: 'v' }, expireAt: 0 };
const freshOrder = (storage: Storage) => [...storage.keys.keys()].map((key) => ({ slot: keySlot(key), key })).sort((a, b) => a.slot - b.slot || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

const key = fc.oneof(fc.integer({ min: 0, max: 400 }).map((i) => `k${i}`), fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 4 }));
const write = fc.oneof(
  { weight: 8, arbitrary: fc.array(fc.tuple(fc.boolean(), key), { minLength: 1, maxLength: 4 }).map((ops) => ops.map(([putting, k]): WriteOp => (putting ? { op: 'put', key: k, entry } : { op: 'delete', key: k }))) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 300 }).map((from) => Array.from({ length: DEFER_ABOVE + 1 }, (_, i): WriteOp => ({ op: 'put', key: `k${from + i}`, entry }))) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 16383 }).map((start): WriteOp[] => [{ op: 'clearSlots', start, end: Math.min(16383, start + 4000) }]) },
  { weight: 1, arbitrary: fc.constant<WriteOp[]>([{ op: 'clear' }]) },
);

describe('keys in column family order', () => {
  it('the order read equals a fresh sort after any writes between reads', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(write, fc.boolean()), { maxLength: 40 }), (steps) => {
        const storage = new Storage();
        for (const [ops, read] of steps) {
          storage.write(ops);
          if (read) expect(storage.orderedRows()).toEqual(freshOrder(storage));
        }
        expect(storage.orderedRows()).toEqual(freshOrder(storage));
        expect(storage.orderedKeys()).toEqual(freshOrder(storage).map((row) => row.key));
      }),
      { numRuns: 200 },
    );
  });

  it('many single-key writes after a read (past the rebuild threshold) still read in order', () => {
    const storage = new Storage();
    storage.write(Array.from({ length: 1000 }, (_, i): WriteOp => ({ op: 'put', key: `a${i}`, entry })));
    expect(storage.orderedRows()).toHaveLength(1000);
    for (let i = 0; i < 600; i++) storage.write([i % 3 === 0 ? { op: 'delete', key: `a${i}` } : { op: 'put', key: `b${i}`, entry }]);
    expect(storage.orderedRows()).toEqual(freshOrder(storage));
  });
});
