// Prepared work (src/kvrocks/commands/prepared.ts): a huge SADD, SREM, HSET, HMSET, HSETNX, HDEL, push, MSET or DEL
// computed ahead in slices gives exactly what the plain command gives, and work that no longer
// applies is ignored.
import { describe, expect, it } from 'vitest';
import { finish, PREPARE_SLICE, type Prepared } from '../../../src/kvrocks/commands/prepared.ts';
import { DEFER_ABOVE } from '../../../src/kvrocks/data/keyspace.ts';
import { formatTraceEntry } from '../../../src/engine/trace.ts';
import { renderReply } from '../../../src/kvrocks/render.ts';
import type { World } from '../../../src/kvrocks/world.ts';
import type { Value } from '../../../src/protocol/value.ts';
import { bootstrapS1, shardLines, type TestCluster } from '../../support/cluster.ts';

const many = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => `m${from + i}`);

/** A stored value's elements, sorted: a big one is kept in shards, a small one is not (data/sharded.ts). */
const contents = (value: Value) => (value.type === 'set' ? [...value.members].sort() : value.type === 'hash' ? [...value.fields].sort() : value);

/** What an outcome is made of: the replies, every node's data and WAL, the stats, the trace. */
function state(c: TestCluster) {
  const nodes = ['kv1', 'kv2', 'kv3'].map((name) => {
    const node = c.node(name);
    const keys = [...node.storage.keys].map(([key, entry]) => [key, entry.expireAt, contents(entry.value)]);
    const wal = node.storage.wal.map((b) => [b.seq, b.count, b.ops.map((op) => op.op)]);
    return { keys, wal, seq: node.storage.latestSeq, hits: node.stats.keyspaceHits, misses: node.stats.keyspaceMisses };
  });
  return { nodes, trace: c.world.sim.trace.entries.map(formatTraceEntry) };
}

/** Runs argv on kv1 as `kvlab serve` does: with its prepared work, then replication settles. */
function execPrepared(c: TestCluster, argv: readonly string[], prepared: Prepared | undefined, between?: (c: TestCluster) => void): string {
  between?.(c);
  const world: World = c.world;
  const node = c.node('kv1');
  const reply = world.exec(node, client(c), argv, prepared);
  c.wait(100);
  return reply === null ? '' : renderReply(reply, argv);
}

const clients = new WeakMap<TestCluster, ReturnType<ReturnType<TestCluster['node']>['localClient']>>();
const client = (c: TestCluster) => {
  let found = clients.get(c);
  if (!found) clients.set(c, (found = c.node('kv1').localClient()));
  return found;
};

/**
 * The same history twice, from the same seed: once with argv's work prepared before `between`
 * (another client's commands) and used, once plain. Returns both outcomes and the prepared work.
 */
function twice(setup: (c: TestCluster) => void, argv: readonly string[], between?: (c: TestCluster) => void) {
  const plain = bootstrapS1('fixed');
  setup(plain);
  client(plain);
  const plainReply = execPrepared(plain, argv, undefined, between);

  const hinted = bootstrapS1('fixed');
  setup(hinted);
  client(hinted);
  const work = hinted.world.prepare(hinted.node('kv1'), argv);
  const prepared = work ? (finish(work) ?? undefined) : undefined;
  const hintedReply = execPrepared(hinted, argv, prepared, between);
  const key = argv[1]!;
  return { plain: { reply: plainReply, ...state(plain) }, hinted: { reply: hintedReply, ...state(hinted) }, prepared, stored: hinted.node('kv1').storage.entry(key) };
}

const storedMembers = (entry: ReturnType<typeof twice>['stored']) => (entry?.value.type === 'set' ? entry.value.members : undefined);

describe('prepared work for a huge SADD or SREM', () => {
  const all = 3 * PREPARE_SLICE + 7;
  const sadd = ['SADD', 's', ...many(0, all), 'm5', 'm5'];

  it('SADD on a missing key: the same reply, data, WAL, stats and trace, and the prepared set is what is stored', () => {
    const run = twice(() => {}, sadd);
    expect(run.hinted).toEqual(run.plain);
    expect(run.hinted.reply).toBe(`(integer) ${all}`);
    expect(storedMembers(run.stored)).toBe(run.prepared!.result);
  });

  it('SADD onto an existing set and SREM from it give what the plain commands give', () => {
    const setup = (c: TestCluster) => c.run('kv1', 'SADD', 's', ...many(20_000, 15_000));
    const added = twice(setup, sadd);
    expect(added.hinted).toEqual(added.plain);
    expect(storedMembers(added.stored)).toBe(added.prepared!.result);

    const srem = ['SREM', 's', ...many(10_000, 20_000), 'nope'];
    const removed = twice(setup, srem);
    expect(removed.hinted).toEqual(removed.plain);
    expect(removed.hinted.reply).toBe('(integer) 10000');
    expect(storedMembers(removed.stored)).toBe(removed.prepared!.result);
  });

  it('preparing counts no keyspace hit or miss and writes nothing', () => {
    const c = bootstrapS1('fixed');
    c.run('kv1', 'SADD', 's', 'a');
    const before = state(c);
    finish(c.world.prepare(c.node('kv1'), sadd)!);
    expect(state(c)).toEqual(before);
  });

  const stale: [string, (c: TestCluster) => void, RegExp][] = [
    ["another client's SADD", (c) => c.run('kv1', 'SADD', 's', 'other'), new RegExp(`^\\(integer\\) ${all - 1}$`)],
    ["another client's DEL", (c) => c.run('kv1', 'DEL', 's'), new RegExp(`^\\(integer\\) ${all}$`)],
    ['the key now a string', (c) => (c.run('kv1', 'DEL', 's'), c.run('kv1', 'SET', 's', 'text')), /WRONGTYPE/],
    ['the key expired meanwhile', (c) => (c.run('kv1', 'PEXPIRE', 's', '5'), c.wait(10)), new RegExp(`^\\(integer\\) ${all}$`)],
    ['the slot moved to another node', (c) => c.push(shardLines('kv2', ['kv1', 'kv3']), 2, ['kv1', 'kv2', 'kv3']), /^\(error\) MOVED \d+ 127\.0\.0\.1:30002$/],
  ];

  it.each(stale)('work prepared before %s is ignored and the outcome is the plain one', (_what, between, reply) => {
    const run = twice((c) => c.run('kv1', 'SADD', 's', 'm1', 'x'), sadd, between);
    expect(run.hinted).toEqual(run.plain);
    expect(run.hinted.reply).toMatch(reply);
    expect(storedMembers(run.stored)).not.toBe(run.prepared!.result);
  });

  it('work prepared for another argv (even an equal one) is not used', () => {
    const c = bootstrapS1('fixed');
    const prepared = finish(c.world.prepare(c.node('kv1'), sadd)!)!;
    expect(execPrepared(c, [...sadd], prepared)).toBe(`(integer) ${all}`);
    expect(storedMembers(c.node('kv1').storage.entry('s'))).not.toBe(prepared.result);
  });

  it('nothing is prepared for a key of another type, a command without preparation, or a wrong arity', () => {
    const c = bootstrapS1('fixed');
    c.run('kv1', 'SET', 's', 'text');
    expect(finish(c.world.prepare(c.node('kv1'), sadd)!)).toBeNull();
    expect(c.world.prepare(c.node('kv1'), ['GET', 's'])).toBeNull();
    expect(c.world.prepare(c.node('kv1'), ['SADD', 's'])).toBeNull();
  });
});

const storedFields = (entry: ReturnType<typeof twice>['stored']) => (entry?.value.type === 'hash' ? entry.value.fields : undefined);
const pairs = (from: number, count: number, value: (i: number) => string): string[] => Array.from({ length: count }, (_, i) => [`f${from + i}`, value(from + i)]).flat();

describe('prepared work for a huge HSET, HMSET, HSETNX or HDEL', () => {
  const all = 2 * PREPARE_SLICE + 3;
  // A repeated field: the last value wins and it counts once.
  const fields = [...pairs(0, all, (i) => `v${i}`), 'f5', 'last'];
  // 12,000 fields already there: half of the new ones exist, some with the value they would get.
  const setup = (c: TestCluster) => c.run('kv1', 'HSET', 'h', ...pairs(all / 2 | 0, 12_000, (i) => (i % 3 === 0 ? `v${i}` : `old${i}`)));

  it.each(['HSET', 'HMSET', 'HSETNX'])('%s on a missing key and onto an existing hash: the same outcome, and the prepared fields are stored', (name) => {
    for (const before of [() => {}, setup]) {
      const run = twice(before, [name, 'h', ...fields]);
      expect(run.hinted).toEqual(run.plain);
      expect(storedFields(run.stored)).toBe((run.prepared!.result as { fields: unknown }).fields);
    }
    expect(twice(() => {}, ['HSET', 'h', ...fields]).hinted.reply).toBe(`(integer) ${all}`);
  });

  it('HDEL of fields there and not there, one given twice', () => {
    const run = twice(setup, ['HDEL', 'h', ...Array.from({ length: all }, (_, i) => `f${i}`), 'f3000', 'nope']);
    expect(run.hinted).toEqual(run.plain);
    expect(run.hinted.reply).toBe(`(integer) ${all - (all / 2 | 0)}`);
    expect(storedFields(run.stored)).toBe((run.prepared!.result as { fields: unknown }).fields);
  });

  it("work prepared before another client's HSET of one of its fields is ignored", () => {
    const run = twice(setup, ['HSET', 'h', ...fields], (c) => c.run('kv1', 'HSET', 'h', 'f7', 'v7'));
    expect(run.hinted).toEqual(run.plain);
    expect(storedFields(run.stored)).not.toBe((run.prepared!.result as { fields: unknown }).fields);
  });

  it('an odd number of HSET arguments is refused as without preparation', () => {
    const run = twice(setup, ['HSET', 'h', ...fields, 'alone']);
    expect(run.hinted).toEqual(run.plain);
    expect(run.hinted.reply).toBe("(error) ERR wrong number of arguments");
  });
});

const storedItems = (entry: ReturnType<typeof twice>['stored']) => (entry?.value.type === 'list' ? entry.value.items : undefined);

describe('prepared work for a huge LPUSH, RPUSH, LPUSHX or RPUSHX', () => {
  const elements = many(0, 2 * PREPARE_SLICE + 11);
  const setup = (c: TestCluster) => c.run('kv1', 'RPUSH', 'l', ...many(90_000, PREPARE_SLICE + 5));

  it.each(['LPUSH', 'RPUSH', 'LPUSHX', 'RPUSHX'])('%s on a missing key and onto an existing list: the same outcome, and the prepared list is stored', (name) => {
    for (const before of [() => {}, setup]) {
      const run = twice(before, [name, 'l', ...elements]);
      expect(run.hinted).toEqual(run.plain);
      if (run.stored !== undefined) expect(storedItems(run.stored)).toBe(run.prepared!.result);
    }
  });

  it('LPUSH puts the elements at the head reversed, RPUSH at the tail in order', () => {
    const c = bootstrapS1('fixed');
    c.run('kv1', 'RPUSH', 'l', 'x', 'y');
    const argv = ['LPUSH', 'l', 'a', 'b', 'c'];
    execPrepared(c, argv, finish(c.world.prepare(c.node('kv1'), argv)!)!);
    const right = ['RPUSH', 'l', 'd', 'e'];
    execPrepared(c, right, finish(c.world.prepare(c.node('kv1'), right)!)!);
    expect(storedItems(c.node('kv1').storage.entry('l'))).toEqual(['c', 'b', 'a', 'x', 'y', 'd', 'e']);
  });

  it("work prepared before another client's RPOP is ignored", () => {
    const run = twice(setup, ['RPUSH', 'l', ...elements], (c) => c.run('kv1', 'RPOP', 'l'));
    expect(run.hinted).toEqual(run.plain);
    expect(storedItems(run.stored)).not.toBe(run.prepared!.result);
  });
});

describe('prepared work for a huge MGET, EXISTS or DEL', () => {
  const keys = Array.from({ length: 2 * PREPARE_SLICE + 9 }, (_, i) => `{t}${i}`);
  // Strings, a hash (a nil), an expiring string, and keys never written.
  const setup = (c: TestCluster) => {
    c.run('kv1', 'MSET', ...keys.slice(0, PREPARE_SLICE).flatMap((k) => [k, `v-${k}`]));
    c.run('kv1', 'DEL', '{t}5');
    c.run('kv1', 'HSET', '{t}5', 'f', 'v');
    c.run('kv1', 'SET', '{t}7', 'soon', 'PX', '50');
  };
  const prepared = (c: TestCluster) => finish(c.world.prepare(c.node('kv1'), ['MGET', ...keys])!)!;

  it('gives the reply, hits and misses of the plain MGET, from the work read ahead', () => {
    const run = twice(setup, ['MGET', ...keys]);
    expect(run.hinted).toEqual(run.plain);
    expect(run.hinted.reply.split('\n').slice(4, 9).map((line) => line.trim())).toEqual(['5) "v-{t}4"', '6) (nil)', '7) "v-{t}6"', '8) "soon"', '9) "v-{t}8"']);
    const c = bootstrapS1('fixed');
    setup(c);
    const argv = ['MGET', ...keys];
    const ahead = finish(c.world.prepare(c.node('kv1'), argv)!)!;
    const reply = c.world.exec(c.node('kv1'), client(c), argv, ahead);
    expect(reply?.type === 'array' && reply.items).toBe((ahead.result as { values: unknown }).values);
  });

  // The data changed, or it did not (same generation) but a key it read expired.
  const stale: [string, (c: TestCluster) => void, boolean][] = [
    ["another client's SET of one of its keys", (c) => c.run('kv1', 'SET', '{t}9000', 'new'), true],
    ['a key it read expiring meanwhile', (c) => c.wait(60), false],
  ];

  it.each(['EXISTS', 'DEL', 'UNLINK'])('%s of a huge key list (one given twice): the plain outcome, from the work read ahead, and not after a key expired', (name) => {
    const argv = [name, ...keys, '{t}3'];
    const run = twice(setup, argv);
    expect(run.hinted).toEqual(run.plain);
    expect(run.hinted.reply).toBe(`(integer) ${PREPARE_SLICE + 1}`);
    const late = twice(setup, argv, (c) => c.wait(60));
    expect(late.hinted).toEqual(late.plain);
    expect(late.hinted.reply).toBe(`(integer) ${PREPARE_SLICE}`);
    const c = bootstrapS1('fixed');
    setup(c);
    const ahead = finish(c.world.prepare(c.node('kv1'), argv)!)!;
    expect((ahead.result as { keys: readonly string[] }).keys).toHaveLength(PREPARE_SLICE + 1);
  });

  it('the slot of a huge key list is worked out ahead: keys of two slots are still refused with CROSSSLOT', () => {
    const spread = ['MGET', ...keys, 'elsewhere'];
    const run = twice(setup, spread);
    expect(run.hinted).toEqual(run.plain);
    expect(run.hinted.reply).toBe("(error) CROSSSLOT Attempted to access keys that don't hash to the same slot");
    // And a slot that moved after the preparation is MOVED, as without it.
    const moved = twice(setup, ['MGET', ...keys], (c) => c.push(shardLines('kv2', ['kv1', 'kv3']), 2, ['kv1', 'kv2', 'kv3']));
    expect(moved.hinted).toEqual(moved.plain);
    expect(moved.hinted.reply).toMatch(/^\(error\) MOVED \d+ 127\.0\.0\.1:30002$/);
  });

  it.each(stale)('work read before %s is not used', (_what, between, dataChanged) => {
    const c = bootstrapS1('fixed');
    setup(c);
    const ahead = prepared(c);
    const generation = c.node('kv1').storage.generation;
    between(c);
    expect(c.node('kv1').storage.generation !== generation).toBe(dataChanged);
    const argv = (ahead as { argv: readonly string[] }).argv;
    const reply = c.world.exec(c.node('kv1'), client(c), argv, ahead);
    expect(reply?.type === 'array' && reply.items).not.toBe((ahead.result as { values: unknown }).values);
    const run = twice(setup, ['MGET', ...keys], between);
    expect(run.hinted).toEqual(run.plain);
  });
});

describe('prepared work for a huge MSET, MSETNX or DEL: the batch itself, grouped for applying', () => {
  const pairs = DEFER_ABOVE + 101;
  const keys = Array.from({ length: pairs }, (_, i) => `{t}${i}`);
  // One key given twice: the later value wins, as in one RocksDB batch.
  const mset = (name: string) => [name, ...keys.flatMap((k) => [k, `v-${k}`]), '{t}3', 'again'];
  const expiring = (c: TestCluster) => c.run('kv1', 'SET', '{t}7', 'soon', 'PX', '50');
  const lastBatchOps = (c: TestCluster, name: string) => c.node(name).storage.wal.at(-1)!.ops;

  it('MSET: the plain outcome on every node, and the master and its replicas apply the very ops prepared', () => {
    const run = twice(() => {}, mset('MSET'));
    expect(run.hinted).toEqual(run.plain);
    expect(run.hinted.reply).toBe('OK');
    const c = bootstrapS1('fixed');
    const argv = mset('MSET');
    const ahead = finish(c.world.prepare(c.node('kv1'), argv)!)!;
    c.world.exec(c.node('kv1'), client(c), argv, ahead);
    c.wait(100);
    expect(lastBatchOps(c, 'kv1')).toBe(ahead.result);
    expect(c.node('kv1').storage.entry('{t}3')?.value).toEqual({ type: 'string', text: 'again' });
    const replicas = ['kv2', 'kv3'].filter((name) => c.node(name).storage.latestSeq === c.node('kv1').storage.latestSeq);
    expect(replicas.length).toBeGreaterThan(0);
    for (const name of replicas) expect(lastBatchOps(c, name)).toBe(ahead.result);
  });

  it("MSET's prepared ops hold after another client's write to one of its keys: that write is overwritten", () => {
    const run = twice(() => {}, mset('MSET'), (c) => c.run('kv1', 'SET', '{t}9', 'other'));
    expect(run.hinted).toEqual(run.plain);
    expect(run.hinted.nodes[0]!.keys.find(([key]) => key === '{t}9')![2]).toEqual({ type: 'string', text: 'v-{t}9' });
  });

  it.each([
    ['no key exists', () => {}, undefined, '(integer) 1'],
    ['one key exists', expiring, undefined, '(integer) 0'],
    ['the one that existed expired meanwhile', expiring, (c: TestCluster) => c.wait(60), '(integer) 1'],
    ["another client's SET of one of its keys meanwhile", () => {}, (c: TestCluster) => c.run('kv1', 'SET', '{t}9', 'other'), '(integer) 0'],
  ] as const)('MSETNX when %s: the plain outcome', (_what, setup, between, reply) => {
    const run = twice(setup, mset('MSETNX'), between);
    expect(run.hinted).toEqual(run.plain);
    expect(run.hinted.reply).toBe(reply);
  });

  it('DEL of a huge key list writes the deletes it prepared', () => {
    const setup = (c: TestCluster) => c.run('kv1', ...mset('MSET'));
    const argv = ['DEL', ...keys, '{t}missing'];
    const run = twice(setup, argv);
    expect(run.hinted).toEqual(run.plain);
    expect(run.hinted.reply).toBe(`(integer) ${pairs}`);
    const c = bootstrapS1('fixed');
    setup(c);
    const ahead = finish(c.world.prepare(c.node('kv1'), argv)!)!;
    c.world.exec(c.node('kv1'), client(c), argv, ahead);
    expect(lastBatchOps(c, 'kv1')).toBe((ahead.result as { ops: unknown }).ops);
    expect(c.node('kv1').storage.keys.isEmpty()).toBe(true);
  });
});
