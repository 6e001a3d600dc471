// Lists in chunks (src/kvrocks/data/list-chunks.ts): random pushes and pops at both ends, on
// either side of the chunk threshold, give what a plain array gives, keep every chunk but the
// ends full, never change the list they started from, and copy only the chunks at the end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { finish } from '../../../src/kvrocks/commands/prepared.ts';
import { CHUNK, CHUNK_ABOVE, ChunkedItems, popped, pushed } from '../../../src/kvrocks/data/list-chunks.ts';
import type { Items } from '../../../src/protocol/value.ts';

let counter = 0;
const push = (from: Items, count: number, left: boolean) => {
  const argv = ['RPUSH', 'k', ...Array.from({ length: count }, () => `e${counter++}`)];
  return { argv, items: finish(pushed(from, argv, 2, left, 2000)) };
};

function modelPush(model: string[], argv: readonly string[], left: boolean): string[] {
  const added = argv.slice(2);
  return left ? [...added.reverse(), ...model] : [...model, ...added];
}

function checkShape(items: Items): void {
  if (!(items instanceof ChunkedItems)) return;
  const { chunks } = items;
  expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(items.length);
  chunks.forEach((chunk, i) => {
    expect(chunk.length).toBeGreaterThan(0);
    if (i > 0 && i < chunks.length - 1) expect(chunk.length).toBe(CHUNK);
    else expect(chunk.length).toBeLessThanOrEqual(CHUNK);
  });
}

const size = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 * CHUNK }), fc.constant(CHUNK_ABOVE + 1));
const op = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), count: size, left: fc.boolean() }),
  fc.record({ kind: fc.constant('pop' as const), count: fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 2 * CHUNK_ABOVE })), left: fc.boolean() }),
);

describe('lists in chunks', () => {
  it('random pushes and pops give what an array gives, and leave the list they started from as it was', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 14 }), fc.array(fc.integer({ min: -20_000, max: 20_000 }), { minLength: 3, maxLength: 3 }), (ops, probes) => {
        let items: Items = [];
        let model: string[] = [];
        for (const o of ops) {
          const before = [...items];
          const was = items;
          if (o.kind === 'push') {
            const next = push(items, o.count, o.left);
            model = modelPush(model, next.argv, o.left);
            items = next.items;
          } else {
            const n = Math.min(o.count, model.length);
            const out = popped(items, n, o.left);
            expect(out.popped).toEqual(o.left ? model.slice(0, n) : model.slice(model.length - n).reverse());
            model = o.left ? model.slice(n) : model.slice(0, model.length - n);
            items = out.rest;
          }
          expect([...was]).toEqual(before);
          checkShape(items);
          expect(items.length).toBe(model.length);
          // Chunks once past the threshold; a pop back under it (or a push onto chunks) decides by its own rule.
          const chunkedNow = o.kind === 'push' ? was instanceof ChunkedItems || model.length > CHUNK_ABOVE : model.length > CHUNK_ABOVE;
          expect(items instanceof ChunkedItems).toBe(chunkedNow);
        }
        expect([...items]).toEqual(model);
        for (const i of probes) expect(items.at(i)).toBe(model.at(i));
        const [a, b] = probes;
        expect(items.slice(a, b)).toEqual(model.slice(a, b));
        expect(items.slice(a)).toEqual(model.slice(a));
      }),
      { numRuns: 150 },
    );
  });

  it('a push onto a list of 100,000 copies the chunk at that end and shares the others', () => {
    const big = push([], 100_000, false).items as ChunkedItems;
    const right = push(big, 1, false).items as ChunkedItems;
    const left = push(big, 1, true).items as ChunkedItems;
    const shared = (a: ChunkedItems, b: ChunkedItems) => a.chunks.filter((c) => b.chunks.includes(c)).length;
    expect(shared(right, big)).toBe(big.chunks.length - 1);
    expect(shared(left, big)).toBe(big.chunks.length - 1);
    const after = popped(big, 3, true).rest as ChunkedItems;
    expect(shared(after, big)).toBe(big.chunks.length - 1);
  });

  it('a huge push into chunks yields between chunks, so it can be prepared in slices', () => {
    const argv = ['RPUSH', 'k', ...Array.from({ length: 50_000 }, (_, i) => `x${i}`)];
    let steps = 0;
    const work = pushed([], argv, 2, true, 2000);
    for (let step = work.next(); !step.done; step = work.next()) steps++;
    expect(steps).toBeGreaterThanOrEqual(Math.floor(50_000 / CHUNK));
  });
});
