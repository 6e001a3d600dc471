// A slot migration run end to end in the model: timings, what each side shows, the keys moving,
// the marks SETSLOT/SETNODES clear, and the #3147 lost acknowledgement with and without the #3576 freeze.
// Upstream: K-2024 src/cluster/slot_migrate.cc, slot_import.cc, cluster.cc; apache/kvrocks#3147, PR #3576.
import { describe, expect, it } from 'vitest';
import { FREEZE_AFTER_MIGRATION } from '../../../src/kvrocks/migration/freeze-3576.ts';
import { id, TestCluster } from '../../support/cluster.ts';

const TWO_MASTERS = [
  `${id('kv1')} 127.0.0.1 30001 master - 0-8191`,
  `${id('kv2')} 127.0.0.1 30002 master - 8192-16383`,
  `${id('kv3')} 127.0.0.1 30003 slave ${id('kv1')}`,
].join('\n');
const GIVEN_BACK = TWO_MASTERS;
const MOVED_TO_KV2 = TWO_MASTERS.replace('0-8191', '0-3299 3301-8191').replace('8192-16383', '3300 8192-16383');

function cluster(freeze = false): TestCluster {
  const c = new TestCluster();
  if (freeze) c.world.behaviour = { ...c.world.behaviour, on: new Set([...c.world.behaviour.on, FREEZE_AFTER_MIGRATION]) };
  c.push(TWO_MASTERS, 1, ['kv1', 'kv2', 'kv3']);
  c.wait(1000);
  c.run('kv1', 'SET', 'b', '1');
  c.run('kv1', 'HSET', '{b}h', 'f1', 'v1', 'f2', 'v2');
  return c;
}

const tail = (text: string, n: number) => text.split('\n').slice(-n);
const migrate = (c: TestCluster, ...extra: string[]) => c.run('kv1', 'CLUSTERX', 'MIGRATE', '3300', id('kv2'), ...extra);

describe('a small migration', () => {
  it('takes about a millisecond on loopback, as on the reference builds (1.3 ms measured)', () => {
    const c = cluster();
    expect(migrate(c, 'sync')).toBe('OK');
    expect(c.lastTookMs).toBeGreaterThan(0.3);
    expect(c.lastTookMs).toBeLessThan(3);
  });

  it('moves the keys, then the source answers MOVED while its topology is unchanged', () => {
    const c = cluster();
    migrate(c);
    c.wait(10);
    expect(tail(c.run('kv1', 'CLUSTER', 'INFO'), 3)).toEqual(['migrating_slot(s): 3300', `destination_node: ${id('kv2')}`, 'migrating_state: success']);
    expect(tail(c.run('kv2', 'CLUSTER', 'INFO'), 2)).toEqual(['importing_slot(s): 3300', 'import_state: success']);
    expect(c.run('kv1', 'GET', 'b')).toBe('(error) MOVED 3300 127.0.0.1:30002');
    expect(c.run('kv2', 'HGET', '{b}h', 'f2')).toBe('"v2"');
    expect(c.run('kv1', 'CLUSTERX', 'VERSION')).toBe('"1"');
    // the destination: one DeleteRange, SET, HMSET of a key and two fields
    expect(c.info('kv2', 'keyspace').sequence).toBe('5');
  });

  it('SETSLOT moving the slot away deletes the source keys, one DeleteRange that replicates', () => {
    const c = cluster();
    migrate(c);
    c.wait(10);
    for (const n of ['kv1', 'kv2', 'kv3']) expect(c.run(n, 'CLUSTERX', 'SETSLOT', '3300', 'NODE', id('kv2'), '2')).toBe('OK');
    c.wait(100);
    expect(c.node('kv1').storage.keys.size).toBe(0);
    expect(c.info('kv1', 'keyspace').sequence).toBe('5');
    expect(c.node('kv3').storage.keys.size).toBe(0);
  });

  it('SETNODES giving the slot back keeps it write-forbidden (TRYAGAIN), reads served', () => {
    const c = cluster();
    migrate(c);
    c.wait(10);
    c.push(GIVEN_BACK, 2, ['kv1']);
    expect(c.run('kv1', 'GET', 'b')).toBe('"1"');
    expect(c.run('kv1', 'SET', 'b', '2')).toBe("(error) TRYAGAIN Can't write to slot being migrated which is in write forbidden phase");
    expect(migrate(c)).toBe("(error) ERR Can't migrate slot which has been migrated");
  });

  it('SETNODES moving the slot away deletes the keys of every migrated slot it no longer owns', () => {
    const c = cluster();
    migrate(c);
    c.wait(10);
    c.push(MOVED_TO_KV2, 2, ['kv1']);
    expect(c.node('kv1').storage.keys.size).toBe(0);
    expect(c.run('kv1', 'GET', 'b')).toBe('(error) MOVED 3300 127.0.0.1:30002');
  });
});

describe('a slowed-down migration', () => {
  function slow(): TestCluster {
    const c = cluster();
    c.run('kv1', 'CONFIG', 'SET', 'migrate-speed', '1');
    c.run('kv1', 'CONFIG', 'SET', 'migrate-pipeline-size', '1');
    return c;
  }

  it('sends one restore command a second; sync waits for all of them', () => {
    const c = slow();
    expect(migrate(c, 'sync')).toBe('OK');
    expect(c.lastTookMs).toBeGreaterThan(1000);
    expect(c.lastTookMs).toBeLessThan(1010);
  });

  it('sync with a timeout answers nil and leaves the job running', () => {
    const c = slow();
    expect(migrate(c, 'sync', '1')).toBe('(nil)');
    expect(c.lastTookMs).toBe(1000);
    c.wait(500);
    expect(tail(c.run('kv1', 'CLUSTER', 'INFO'), 1)).toEqual(['migrating_state: success']);
  });

  it('marks the myself lines while it runs; writes go through the WAL pass', () => {
    const c = slow();
    migrate(c);
    c.wait(100);
    expect(c.run('kv1', 'CLUSTER', 'NODES')).toContain(`0-8191 [3300->-${id('kv2')}]`);
    expect(c.run('kv2', 'CLUSTER', 'NODES')).toContain(`8192-16383 [3300-<-${id('kv1')}]`);
    expect(c.run('kv1', 'SET', 'b', 'late')).toBe('OK');
    expect(migrate(c)).toBe('(error) ERR There is already a migrating job');
    c.wait(1000);
    expect(c.run('kv1', 'SET', 'b', 'no')).toBe("(error) TRYAGAIN Can't write to slot being migrated which is in write forbidden phase");
    c.wait(1000);
    expect(c.run('kv2', 'GET', 'b')).toBe('"late"');
  });

  it('FLUSHDB cancels it and the destination is told the import failed', () => {
    const c = slow();
    migrate(c);
    c.wait(100);
    c.run('kv1', 'FLUSHDB');
    c.wait(1500);
    expect(tail(c.run('kv1', 'CLUSTER', 'INFO'), 1)).toEqual(['migrating_state: fail']);
    expect(tail(c.run('kv2', 'CLUSTER', 'INFO'), 1)).toEqual(['import_state: error']);
    expect(c.node('kv2').storage.keys.size).toBe(0);
  });
});

describe('failures', () => {
  it('a dead destination: the sync caller gets the connect error', () => {
    const c = cluster();
    c.node('kv2').crash();
    expect(migrate(c, 'sync')).toBe('(error) ERR failed to connect to the destination node: Connection refused');
    expect(tail(c.run('kv1', 'CLUSTER', 'INFO'), 1)).toEqual(['migrating_state: fail']);
  });

  it('a destination that refuses the import: the sync caller gets its error reply', () => {
    const c = cluster();
    c.push(TWO_MASTERS.replace('0-8191', '0-3299 3301-8191').replace('8192-16383', '3300 8192-16383'), 2, ['kv2']);
    expect(migrate(c, 'sync')).toBe(
      "(error) ERR failed to set import status on destination node: failed to check the response from the destination node: got invalid response of length 42: -ERR Can't import slot which belongs to me",
    );
  });
});

describe('#3147: the import acknowledgement is lost', () => {
  function lostAck(freeze: boolean): TestCluster {
    const c = cluster(freeze);
    c.node('kv1').migrator.loseNextAck = true;
    migrate(c);
    c.wait(2500);
    return c;
  }

  it('without the freeze (K-2024): both nodes take writes for the slot', () => {
    const c = lostAck(false);
    expect(tail(c.run('kv1', 'CLUSTER', 'INFO'), 1)).toEqual(['migrating_state: fail']);
    expect(tail(c.run('kv2', 'CLUSTER', 'INFO'), 1)).toEqual(['import_state: success']);
    expect(c.run('kv1', 'SET', 'b', 'one')).toBe('OK');
    expect(c.run('kv2', 'SET', 'b', 'two')).toBe('OK');
  });

  it('with the #3576 freeze: neither takes writes until SETSLOT arrives; reads go on', () => {
    const c = lostAck(true);
    const tryagain = "(error) TRYAGAIN Can't write to slot being migrated which is in write forbidden phase";
    expect(c.run('kv1', 'SET', 'b', 'one')).toBe(tryagain);
    expect(c.run('kv2', 'SET', 'b', 'two')).toBe(tryagain);
    expect(c.run('kv1', 'GET', 'b')).toBe('"1"');
    for (const n of ['kv1', 'kv2', 'kv3']) c.run(n, 'CLUSTERX', 'SETSLOT', '3300', 'NODE', id('kv2'), '2');
    expect(c.run('kv2', 'SET', 'b', 'two')).toBe('OK');
    expect(c.run('kv1', 'SET', 'b', 'one')).toBe('(error) MOVED 3300 127.0.0.1:30002');
  });
});
