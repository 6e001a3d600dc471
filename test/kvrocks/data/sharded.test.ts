// Copy-on-write sets and hashes (src/kvrocks/data/sharded.ts): random edits on either side of the
// shard threshold give what a plain Set or Map gives, never change what they started from, and a
// small edit of a big collection copies one shard and shares the rest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, EMPTY_MEMBERS, FieldEditor, SetEditor, SHARD_ABOVE, ShardedMap, ShardedSet, shardOf } from '../../../src/kvrocks/data/sharded.ts';
import type { Fields, Members } from '../../../src/protocol/value.ts';

const members = (count: number, prefix = 'm') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

function setOf(list: readonly string[]): Members {
  const editor = new SetEditor(EMPTY_MEMBERS);
  for (const m of list) editor.add(m);
  return editor.result();
}

function hashOf(list: readonly string[]): Fields {
  const editor = new FieldEditor(EMPTY_FIELDS);
  for (const f of list) editor.set(f, `v-${f}`);
  return editor.result();
}

// Sizes just under and over the threshold, so edits cross it both ways.
const startSize = fc.constantFrom(0, 5, SHARD_ABOVE - 3, SHARD_ABOVE + 2, 3 * SHARD_ABOVE);
const key = fc.oneof(fc.integer({ min: 0, max: 4 * SHARD_ABOVE }).map((i) => `m${i}`), fc.string({ maxLength: 6 }));
const edits = fc.array(fc.tuple(fc.boolean(), key), { maxLength: 300 });

describe('SetEditor', () => {
  it('random adds and deletes give what a Set gives, and leave the original as it was', () => {
    fc.assert(
      fc.property(startSize, edits, (size, ops) => {
        const from = setOf(members(size));
        const before = [...from].sort();
        const model = new Set(before);
        const editor = new SetEditor(from);
        for (const [adding, m] of ops) {
          expect(adding ? editor.add(m) : editor.delete(m)).toBe(adding ? !model.has(m) : model.has(m));
          if (adding) model.add(m);
          else model.delete(m);
          expect(editor.has(m)).toBe(adding);
          expect(editor.size).toBe(model.size);
        }
        const result = editor.result();
        expect(result.size).toBe(model.size);
        expect([...result].sort()).toEqual([...model].sort());
        for (const [, m] of ops) expect(result.has(m)).toBe(model.has(m));
        expect([...from].sort()).toEqual(before);
        expect(from.size).toBe(size);
        if (model.size > SHARD_ABOVE) expect(result).toBeInstanceOf(ShardedSet);
      }),
      { numRuns: 60 },
    );
  });

  it('grows into shards past the threshold; an edit of a big set copies one shard and shares the others', () => {
    const big = setOf(members(SHARD_ABOVE + 1));
    expect(big).toBeInstanceOf(ShardedSet);
    expect(setOf(members(SHARD_ABOVE))).toBeInstanceOf(Set);
    const editor = new SetEditor(big);
    editor.add('new');
    const after = editor.result() as ShardedSet;
    const shards = (big as ShardedSet).shards;
    const changed = after.shards.map((shard, i) => shard !== shards[i]).reduce((n, c) => n + (c ? 1 : 0), 0);
    expect(changed).toBe(1);
    expect(after.shards[shardOf('new')]).not.toBe(shards[shardOf('new')]);
    expect(big.has('new')).toBe(false);
    expect(after.has('new')).toBe(true);
  });

  it('an edit that changes nothing gives back the very same members', () => {
    for (const from of [setOf(members(3)), setOf(members(SHARD_ABOVE + 5))]) {
      const editor = new SetEditor(from);
      editor.add('m1');
      editor.delete('absent');
      expect(editor.result()).toBe(from);
    }
  });
});

describe('FieldEditor', () => {
  const fieldEdits = fc.array(fc.tuple(fc.constantFrom('set', 'delete'), key, fc.string({ maxLength: 3 })), { maxLength: 300 });

  it('random sets and deletes give what a Map gives, and leave the original as it was', () => {
    fc.assert(
      fc.property(startSize, fieldEdits, (size, ops) => {
        const from = hashOf(members(size));
        const before = [...from].sort();
        const model = new Map(before);
        const editor = new FieldEditor(from);
        for (const [op, f, v] of ops) {
          if (op === 'set') {
            editor.set(f, v);
            model.set(f, v);
          } else expect(editor.delete(f)).toBe(model.delete(f));
          expect(editor.get(f)).toBe(model.get(f));
          expect(editor.size).toBe(model.size);
        }
        const result = editor.result();
        expect(result.size).toBe(model.size);
        expect([...result].sort()).toEqual([...model].sort());
        expect([...result.keys()].sort()).toEqual([...model.keys()].sort());
        for (const [, f] of ops) {
          expect(result.get(f)).toBe(model.get(f));
          expect(result.has(f)).toBe(model.has(f));
        }
        expect([...from].sort()).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('a big hash is kept in shards and an edit shares the shards it does not touch', () => {
    const big = hashOf(members(2 * SHARD_ABOVE));
    expect(big).toBeInstanceOf(ShardedMap);
    const editor = new FieldEditor(big);
    editor.set('m7', 'changed');
    const after = editor.result() as ShardedMap;
    expect(after.shards.filter((shard, i) => shard !== (big as ShardedMap).shards[i])).toHaveLength(1);
    expect(after.get('m7')).toBe('changed');
    expect(big.get('m7')).toBe('v-m7');
  });
});
