// Prepared work (src/kvrocks/commands/prepared.ts): a huge SADD or SREM computed ahead in slices
// gives exactly what the plain command gives, and work that no longer applies is ignored.
import { describe, expect, it } from 'vitest';
import { finish, PREPARE_SLICE, type Prepared } from '../../../src/kvrocks/commands/prepared.ts';
import { formatTraceEntry } from '../../../src/engine/trace.ts';
import { renderReply } from '../../../src/kvrocks/render.ts';
import type { World } from '../../../src/kvrocks/world.ts';
import { bootstrapS1, shardLines, type TestCluster } from '../../support/cluster.ts';

const many = (from: number, count: number): string[] => Array.from({ length: count }, (_, i) => `m${from + i}`);

/** What an outcome is made of: the replies, every node's data and WAL, the stats, the trace. */
function state(c: TestCluster) {
  const nodes = ['kv1', 'kv2', 'kv3'].map((name) => {
    const node = c.node(name);
    const keys = [...node.storage.keys].map(([key, entry]) => [key, entry.expireAt, entry.value.type === 'set' ? [...entry.value.members].sort() : entry.value]);
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
  return { plain: { reply: plainReply, ...state(plain) }, hinted: { reply: hintedReply, ...state(hinted) }, prepared, stored: hinted.node('kv1').storage.entry('s') };
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
