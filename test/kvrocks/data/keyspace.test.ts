// A node's keys in shards (src/kvrocks/data/keyspace.ts): random small and huge batches, snapshots,
// clears and slot deletes give what one plain Map gives, whenever and in whatever order the
// deferred shards are settled, and a snapshot never changes after it was taken.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFER_ABOVE, groupByShard, Keyspace } from '../../../src/kvrocks/data/keyspace.ts';
import { finish } from '../../../src/kvrocks/commands/prepared.ts';
import type { Entry } from '../../../src/protocol/value.ts';
import type { WriteOp } from '../../../src/protocol/wal.ts';

const entry = (text: string): Entry => ({ value: { type: 'string', text }, expireAt: 0 });
const contents = (map: ReadonlyMap<string, Entry>) => [...map].map(([k, e]) => [k, e.value.type === 'string' ? e.value.text : '']).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));

/** Applies one batch as Storage.apply does: grouped when it is huge and only puts and deletes. */
function apply(keyspace: Keyspace, ops: readonly WriteOp[]): void {
  if (keyspace.applyGrouped(ops)) return;
  for (const op of ops) {
    if (op.op === 'put') keyspace.put(op.key, op.entry);
    else if (op.op === 'delete') keyspace.delete(op.key);
    else keyspace.clear();
  }
}

function applyToModel(model: Map<string, Entry>, ops: readonly WriteOp[]): void {
  for (const op of ops) {
    if (op.op === 'put') model.set(op.key, op.entry);
    else if (op.op === 'delete') model.delete(op.key);
    else model.clear();
  }
}

const keyName = fc.integer({ min: 0, max: 3 * DEFER_ABOVE }).map((i) => `k${i}`);
const smallOp = fc.oneof(
  fc.tuple(keyName, fc.string({ maxLength: 3 })).map(([key, text]): WriteOp => ({ op: 'put', key, entry: entry(text) })),
  keyName.map((key): WriteOp => ({ op: 'delete', key })),
);
/** A huge batch: a run of keys put (or deleted), some of them twice with different values. */
const hugeBatch = fc.tuple(fc.integer({ min: 0, max: 2 * DEFER_ABOVE }), fc.boolean(), fc.string({ maxLength: 2 })).map(([start, putting, text]) => {
  const ops: WriteOp[] = [];
  for (let i = 0; i <= DEFER_ABOVE + 50; i++) {
    const key = `k${start + (i % (DEFER_ABOVE + 7))}`;
    ops.push(putting || i % 3 === 0 ? { op: 'put', key, entry: entry(`${text}${i}`) } : { op: 'delete', key });
  }
  return ops;
});
/** Every key of the pool deleted in one huge batch, so that a keyspace with backlogs becomes empty. */
const wipe: WriteOp[] = Array.from({ length: 3 * DEFER_ABOVE + 1 }, (_, i) => ({ op: 'delete', key: `k${i}` }));
const step = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'batch' as const, ops: wipe }) },
  { weight: 6, arbitrary: fc.array(smallOp, { minLength: 1, maxLength: 5 }).map((ops) => ({ kind: 'batch' as const, ops })) },
  { weight: 2, arbitrary: hugeBatch.map((ops) => ({ kind: 'batch' as const, ops })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'batch' as const, ops: [{ op: 'clear' } as WriteOp] }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'snapshot' as const }) },
  { weight: 2, arbitrary: fc.nat(40).map((shards) => ({ kind: 'settle' as const, shards })) },
  { weight: 3, arbitrary: keyName.map((key) => ({ kind: 'read' as const, key })) },
  { weight: 1, arbitrary: fc.nat(9).map((digit) => ({ kind: 'deleteWhere' as const, digit })) },
);

describe('Keyspace', () => {
  it('gives what a plain Map gives, and its snapshots keep what they held', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 25 }), fc.boolean(), (steps, groupAhead) => {
        const keyspace = new Keyspace();
        const model = new Map<string, Entry>();
        const snapshots: [Keyspace, (string | undefined)[][]][] = [];
        for (const s of steps) {
          if (s.kind === 'batch') {
            if (groupAhead) finish(groupByShard(s.ops));
            apply(keyspace, s.ops);
            applyToModel(model, s.ops);
          } else if (s.kind === 'snapshot') snapshots.push([keyspace.snapshot(), contents(model)]);
          else if (s.kind === 'settle') {
            let left = s.shards;
            keyspace.settleSome(() => left-- <= 0);
          } else if (s.kind === 'read') {
            expect(keyspace.get(s.key)).toBe(model.get(s.key));
            expect(keyspace.has(s.key)).toBe(model.has(s.key));
          } else {
            const doomed = (key: string) => key.endsWith(String(s.digit));
            keyspace.deleteWhere(doomed);
            for (const key of [...model.keys()]) if (doomed(key)) model.delete(key);
          }
          expect(keyspace.isEmpty()).toBe(model.size === 0);
        }
        expect(keyspace.size).toBe(model.size);
        expect(contents(keyspace)).toEqual(contents(model));
        for (const [snapshot, held] of snapshots) {
          expect(contents(snapshot)).toEqual(held);
          expect(snapshot.size).toBe(held.length);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('applies a huge batch in one step per shard, and a read settles only the shard it reads', () => {
    const ops: WriteOp[] = Array.from({ length: 100_000 }, (_, i) => ({ op: 'put', key: `key:${i}`, entry: entry(String(i)) }));
    finish(groupByShard(ops));
    const keyspace = new Keyspace();
    expect(keyspace.applyGrouped(ops)).toBe(true);
    // Nothing settled yet: settling one shard at a time takes one call per shard that has work.
    let settled = 0;
    while (keyspace.settleSome(() => ++settled > 0)) if (settled > 1000) break;
    expect(settled).toBe(256);
    expect(keyspace.size).toBe(100_000);
    // settling() (what a prepared command runs first) takes one step per shard with work, too.
    const again = new Keyspace();
    again.applyGrouped(ops);
    again.delete('key:1');
    let steps = 0;
    for (const _ of again.settling()) steps++;
    expect(steps).toBe(255);
    expect(again.size).toBe(99_999);
    expect(keyspace.get('key:99999')?.value).toEqual({ type: 'string', text: '99999' });
  });

  it('a small batch and one with other ops are not grouped; a Map becomes a Keyspace with its entries', () => {
    const small: WriteOp[] = [{ op: 'put', key: 'a', entry: entry('1') }];
    expect(new Keyspace().applyGrouped(small)).toBe(false);
    const mixed: WriteOp[] = [...Array.from({ length: DEFER_ABOVE + 1 }, (_, i): WriteOp => ({ op: 'delete', key: `k${i}` })), { op: 'clear' }];
    expect(new Keyspace().applyGrouped(mixed)).toBe(false);
    const of = Keyspace.of(new Map([['x', entry('1')], ['y', entry('2')]]));
    expect(contents(of)).toEqual([['x', '1'], ['y', '2']]);
  });
});
