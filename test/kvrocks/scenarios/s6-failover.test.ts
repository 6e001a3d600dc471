// kvrocks-semantics §7 S6, done by hand (no controller): M = kv1 dies; v3 makes R1 = kv2 the master,
// with kv1 and kv3 its slaves. §3.1: the master decides partial vs full sync from the PSYNC sequence alone.
import { describe, expect, it } from 'vitest';
import { bootstrapS1, id, shardLines, type TestCluster } from '../../support/cluster.ts';
import { crash, listedPorts, pingPong, restart, syncStats, waitUntil } from '../../support/more.ts';

const V3 = shardLines('kv2', ['kv1', 'kv3']);

/** S1 with one replicated write; then kv1 optionally takes `lost` writes kv2/kv3 never receive, and dies. */
function masterDies(lost: number): TestCluster {
  const c = bootstrapS1();
  c.run('kv1', 'SET', 'k', 'from-kv1');
  c.wait(100);
  if (lost > 0) {
    c.world.partition(c.node('kv1'), c.node('kv2'));
    c.world.partition(c.node('kv1'), c.node('kv3'));
    for (let i = 0; i < lost; i++) c.run('kv1', 'SET', `lost${i}`, 'x');
    c.wait(100);
  }
  crash(c, 'kv1');
  c.wait(100);
  return c;
}

/** v3 pushed to the survivors; then kv2 takes `writes` writes and the network heals. */
function promoteKv2(c: TestCluster, writes: number): void {
  c.push(V3, 3, ['kv2', 'kv3']);
  for (let i = 0; i < writes; i++) c.run('kv2', 'SET', i === 0 ? 'k' : `new${i}`, 'from-kv2');
  c.wait(100);
  c.world.heal();
  c.wait(100);
}

describe('S6: failover by hand', () => {
  it('during the outage both replicas show the link down, ROLE connecting and a growing last-I/O age', () => {
    const c = masterDies(0);
    for (const name of ['kv2', 'kv3']) {
      expect(c.info(name)).toMatchObject({ role: 'slave', master_port: '30001', master_link_status: 'down', master_sync_in_progress: '0' });
      expect(c.run(name, 'ROLE')).toBe(['1) "slave"', '2) "127.0.0.1"', '3) "30001"', '4) "connecting"', '5) "1"'].join('\n'));
    }
    const first = Number(c.info('kv2').master_last_io_seconds_ago);
    c.wait(4000);
    expect(Number(c.info('kv2').master_last_io_seconds_ago)).toBeGreaterThanOrEqual(first + 4);
  });

  it('v3: kv2 becomes role:master, kv3 partial-syncs to it', () => {
    const c = masterDies(0);
    c.push(V3, 3, ['kv2', 'kv3']);
    expect(c.info('kv2').role).toBe('master');
    c.wait(100);
    expect(c.run('kv2', 'INFO', 'replication')).toBe(
      ['# Replication', 'role:master', 'connected_slaves:1', 'slave0:ip=127.0.0.1,port=30003,offset=1,lag=0', 'master_repl_offset:1'].join('\n'),
    );
    expect(syncStats(c, 'kv2')).toEqual({ full: 0, partialOk: 1, partialErr: 0 });
    expect(c.info('kv3')).toMatchObject({ role: 'slave', master_port: '30002', master_link_status: 'up' });
    c.run('kv3', 'READONLY');
    expect(c.run('kv3', 'GET', 'k')).toBe('"from-kv1"');
    // In the order upstream's std::unordered_map walks the v3 ids: kv3, kv1, kv2.
    expect(c.run('kv3', 'CLUSTER', 'NODES')).toBe(
      [
        `${id('kv3')} 127.0.0.1:30003@40003 myself,slave ${id('kv2')} ${pingPong(c)} 3 connected`,
        `${id('kv1')} 127.0.0.1:30001@40001 slave ${id('kv2')} ${pingPong(c)} 3 connected`,
        `${id('kv2')} 127.0.0.1:30002@40002 master - ${pingPong(c)} 3 connected 0-16383`,
      ].join('\n'),
    );
  });

  it('kv1 restarts from its nodes.conf at v1 and believes it is the master, while the others follow kv2', () => {
    const c = masterDies(0);
    promoteKv2(c, 0);
    restart(c, 'kv1');
    expect(c.run('kv1', 'CLUSTERX', 'VERSION')).toBe('"1"');
    expect(c.run('kv1', 'INFO', 'replication')).toBe('# Replication\nrole:master\nconnected_slaves:0\nmaster_repl_offset:1');
    expect(c.run('kv1', 'CLUSTER', 'NODES')).toContain(`${id('kv1')} 127.0.0.1:30001@40001 myself,master - ${pingPong(c)} 1 connected 0-16383`);
    expect(c.run('kv1', 'GET', 'k')).toBe('"from-kv1"');
  });

  it('kv1 without unreplicated writes partial-syncs to kv2 once it gets v3; CLUSTER NODES agrees everywhere', () => {
    const c = masterDies(0);
    promoteKv2(c, 1);
    restart(c, 'kv1');
    const before = syncStats(c, 'kv2');
    c.push(V3, 3, ['kv1']);
    expect(waitUntil(c, () => c.info('kv1').master_link_status === 'up', 1000)).toBeGreaterThanOrEqual(0);
    expect(syncStats(c, 'kv2')).toEqual({ ...before, partialOk: before.partialOk + 1 });
    expect([...listedPorts(c, 'kv2')].sort()).toEqual(['30001', '30003']);
    c.wait(10);
    c.run('kv1', 'READONLY');
    expect(c.run('kv1', 'GET', 'k')).toBe('"from-kv2"');
    for (const [name, flags] of [
      ['kv1', ['', 'myself,', '']],
      ['kv2', ['myself,', '', '']],
      ['kv3', ['', '', 'myself,']],
    ] as const) {
      expect(c.run(name, 'CLUSTER', 'NODES')).toBe(
        [
          `${id('kv3')} 127.0.0.1:30003@40003 ${flags[2]}slave ${id('kv2')} ${pingPong(c)} 3 connected`,
          `${id('kv1')} 127.0.0.1:30001@40001 ${flags[1]}slave ${id('kv2')} ${pingPong(c)} 3 connected`,
          `${id('kv2')} 127.0.0.1:30002@40002 ${flags[0]}master - ${pingPong(c)} 3 connected 0-16383`,
        ].join('\n'),
      );
    }
  });

  it('kv1 ahead of kv2 (writes kv2 never received): PSYNC fails, kv1 full-syncs and its unreplicated writes are lost', () => {
    const c = masterDies(2);
    promoteKv2(c, 0);
    restart(c, 'kv1');
    expect(c.info('kv1').master_repl_offset).toBe('3');
    const before = syncStats(c, 'kv2');
    c.push(V3, 3, ['kv1']);
    let sawSyncInProgress = false;
    let sawLoading = false;
    const done = waitUntil(
      c,
      () => {
        if (c.info('kv1').master_sync_in_progress === '1') {
          sawSyncInProgress = true;
          expect(c.run('kv1', 'ROLE').split('\n')[3]).toBe('4) "sync"');
        }
        if (c.run('kv1', 'GET', 'k') === '(error) LOADING kvrocks is restoring the db from backup') sawLoading = true;
        return c.info('kv1').master_link_status === 'up';
      },
      2000,
    );
    expect(done).toBeGreaterThan(0);
    expect(sawSyncInProgress).toBe(true);
    expect(sawLoading).toBe(true);
    expect(syncStats(c, 'kv2')).toEqual({ full: before.full + 1, partialOk: before.partialOk + 1, partialErr: before.partialErr + 1 });
    expect(c.info('kv1')).toMatchObject({ role: 'slave', master_port: '30002', slave_repl_offset: '1' });
    c.run('kv1', 'READONLY');
    expect(c.run('kv1', 'GET', 'lost0')).toBe('(nil)');
    expect(c.run('kv1', 'GET', 'lost1')).toBe('(nil)');
    expect(c.run('kv1', 'GET', 'k')).toBe('"from-kv1"');
  });

  it('kv1 ahead, and kv2 wrote too: after the full sync kv1 holds kv2\'s value', () => {
    const c = masterDies(3);
    promoteKv2(c, 1);
    restart(c, 'kv1');
    c.push(V3, 3, ['kv1']);
    expect(waitUntil(c, () => c.info('kv1').master_link_status === 'up', 2000)).toBeGreaterThan(0);
    expect(syncStats(c, 'kv2').full).toBe(1);
    c.run('kv1', 'READONLY');
    expect(c.run('kv1', 'GET', 'k')).toBe('"from-kv2"');
    expect(c.run('kv1', 'GET', 'lost2')).toBe('(nil)');
  });

  it('divergent histories that overlap in sequence range are NOT detected (use-rsid-psync no): PSYNC succeeds', () => {
    // kv1 wrote seq 2 (lost0) alone; kv2 wrote its own seq 2 (k). kv1 asks for 3 = kv2's latest+1.
    const c = masterDies(1);
    promoteKv2(c, 1);
    restart(c, 'kv1');
    c.push(V3, 3, ['kv1']);
    expect(waitUntil(c, () => c.info('kv1').master_link_status === 'up', 1000)).toBeGreaterThanOrEqual(0);
    expect(syncStats(c, 'kv2')).toMatchObject({ full: 0, partialErr: 0 });
    c.run('kv1', 'READONLY');
    expect(c.run('kv1', 'GET', 'lost0')).toBe('"x"');
    expect(c.run('kv1', 'GET', 'k')).toBe('"from-kv1"');
  });
});
