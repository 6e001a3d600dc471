// kvrocks-controller's slot migration on the store: MigrateSlot's checks, what the migration loop
// does with each migrating_state, and how it reads a source's CLUSTER INFO.
// Upstream: kvrocks-controller store/cluster.go MigrateSlot, controller/cluster.go tryUpdateMigrationStatus.
import { describe, expect, it } from 'vitest';
import { afterCheck, migrationPlan, parseMigrating } from '../../src/machines/controller-migration.ts';
import { changeStore, createCluster, type StoredCluster } from '../../src/machines/controller-store.ts';

function twoShards(): StoredCluster {
  const made = createCluster('lab', ['127.0.0.1:30001', '127.0.0.1:30002'], 1);
  if (!made.ok) throw new Error(made.error);
  return made.cluster;
}

describe('MigrateSlot checks', () => {
  it.each([
    [{ start: 3300, end: 3300 }, 5, 'index out of range'],
    [{ start: 8000, end: 8200 }, 1, 'slot range belongs to multiple shards'],
    [{ start: 3300, end: 3300 }, 0, 'source and target shard is same'],
  ])('%j to shard %i: %s', (slot, target, error) => {
    expect(migrationPlan(twoShards(), slot, target)).toEqual({ ok: false, error });
  });

  it('refuses a shard that is already migrating', () => {
    const c = twoShards();
    const migrating = { ...c, shards: [{ ...c.shards[0]!, migratingSlot: { start: 1, end: 1 }, targetShardIndex: 1 }, c.shards[1]!] };
    expect(migrationPlan(migrating, { start: 3300, end: 3300 }, 1)).toEqual({ ok: false, error: 'shard slot is migrating' });
    expect(migrationPlan(c, { start: 3300, end: 3300 }, 1)).toEqual({ ok: true, source: 0 });
  });
});

describe('the migration loop', () => {
  const migrating = (): StoredCluster => {
    const c = twoShards();
    return { ...c, shards: [{ ...c.shards[0]!, migratingSlot: { start: 3300, end: 3300 }, targetShardIndex: 1 }, c.shards[1]!] };
  };

  it('reads migrating_slot(s) and migrating_state from CLUSTER INFO', () => {
    expect(parseMigrating('cluster_state:ok\r\nmigrating_slot(s): 3300\r\ndestination_node: x\r\nmigrating_state: start\r\n')).toEqual({ slot: { start: 3300, end: 3300 }, state: 'start' });
    expect(parseMigrating('cluster_state:ok\r\n')).toEqual({ slot: null, state: '' });
  });

  it('waits on start, moves the slot on success, drops the migration on fail or a mismatch', () => {
    const c = migrating();
    expect(afterCheck(c, 0, { slot: { start: 3300, end: 3300 }, state: 'start' })).toBeNull();
    const moved = afterCheck(c, 0, { slot: { start: 3300, end: 3300 }, state: 'success' })!;
    expect(moved.next.shards.map((s) => s.slotRanges)).toEqual([
      [{ start: 0, end: 3299 }, { start: 3301, end: 8191 }],
      [{ start: 3300, end: 3300 }, { start: 8192, end: 16383 }],
    ]);
    expect(moved.next.shards[0]!.migratingSlot).toBeUndefined();
    expect(afterCheck(c, 0, { slot: { start: 3300, end: 3300 }, state: 'fail' })!.next.shards[0]!.slotRanges).toEqual(c.shards[0]!.slotRanges);
    expect(afterCheck(c, 0, { slot: null, state: '' })!.text).toContain('mismatch migrating slot 3300');
  });

  it('stores a change with version + 1, unless the store moved on since it was computed', () => {
    const c = migrating();
    const change = afterCheck(c, 0, { slot: { start: 3300, end: 3300 }, state: 'success' })!;
    const stored = changeStore(c, { kind: 'migration', basis: c, next: change.next, text: change.text });
    expect(stored.ok && stored.cluster.version).toBe(2);
    expect(changeStore({ ...c, version: 5 }, { kind: 'migration', basis: c, next: change.next, text: change.text })).toEqual({ ok: false, error: 'the cluster has been updated by others' });
  });
});

describe('.controller migrate on a running cluster', () => {
  it('migrates, then the loop moves the slot in the store and pushes it to every node', async () => {
    const { Session } = await import('../../src/lab/session.ts');
    const s = new Session({ nodes: 2, seed: 1, mode: 'buggy' });
    for (const line of ['.controller start', '.controller create 1', '.wait 4s', '@kv1 SET b 1']) s.run(line);
    expect(s.run('.controller migrate 3300 0').error).toBe('controller: source and target shard is same');
    s.run('.controller migrate 3300 1');
    s.run('.wait 1500ms');
    expect(s.run('.controller status').output).toContain('shard 1: kv2(master) slots 3300 8192-16383');
    expect(s.run('@kv1 CLUSTERX VERSION').output).toBe('"3"');
    expect(s.run('@kv2 GET b').output).toBe('"1"');
    expect(s.run('@kv1 GET b').output).toBe('(error) MOVED 3300 127.0.0.1:30002');
  });
});
