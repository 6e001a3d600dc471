// kvrocks-semantics §7 S2: remove R2 by pushing SETNODES v2 (M and R1 only) to all three nodes.
import { describe, expect, it } from 'vitest';
import { bootstrapS1, shardLines, type TestCluster } from '../../support/cluster.ts';

const V2 = shardLines('kv1', ['kv2']);

function removeKv3(c: TestCluster): void {
  c.push(V2, 2, ['kv1', 'kv2', 'kv3']);
}

const slaveLines = (c: TestCluster) => Object.keys(c.info('kv1')).filter((k) => /^slave\d+$/.test(k));

describe('S2: #2618, a replica removed with SETNODES', () => {
  it('every node accepts v2 and the remaining nodes list two nodes', () => {
    const c = bootstrapS1('buggy');
    removeKv3(c);
    for (const n of ['kv1', 'kv2', 'kv3']) expect(c.run(n, 'CLUSTERX', 'VERSION')).toBe('"2"');
    expect(c.run('kv1', 'CLUSTER', 'NODES').trim().split('\n')).toHaveLength(2);
    expect(c.run('kv2', 'CLUSTER', 'NODES').trim().split('\n')).toHaveLength(2);
    const kv3View = c.run('kv3', 'CLUSTER', 'NODES');
    expect(kv3View.trim().split('\n')).toHaveLength(2);
    expect(kv3View).not.toContain('myself');
  });

  it('buggy (before #2643): kv3 keeps replicating and kv1 keeps listing it, indefinitely', () => {
    const c = bootstrapS1('buggy');
    removeKv3(c);
    c.wait(600_000);
    expect(c.info('kv3')).toMatchObject({ role: 'slave', master_host: '127.0.0.1', master_port: '30001', master_link_status: 'up' });
    expect(c.info('kv1')).toMatchObject({ connected_slaves: '2' });
    expect(c.run('kv1', 'INFO', 'replication')).toContain('ip=127.0.0.1,port=30003,');
    // Writes still reach the removed replica.
    c.run('kv1', 'SET', 'k', 'v');
    c.wait(100);
    expect(c.info('kv3').slave_repl_offset).toBe(c.info('kv1').master_repl_offset);
  });

  it('fixed (#2643): kv3 drops its master at once; kv1 notices on a ping 2-4 s later and the cron reaps within 100 ms', () => {
    const c = bootstrapS1('fixed');
    removeKv3(c);
    expect(c.info('kv3')).toEqual({ role: 'master', connected_slaves: '0', master_repl_offset: '0' });
    expect(c.info('kv1').connected_slaves).toBe('2');
    const start = c.world.now();
    let stoppedAt = -1;
    let reapedAt = -1;
    let sawCountWithoutLine = false;
    while (c.world.now() - start < 6000 && reapedAt < 0) {
      c.wait(1);
      const lines = slaveLines(c).length;
      const count = Number(c.info('kv1').connected_slaves);
      if (lines === 1 && stoppedAt < 0) stoppedAt = c.world.now();
      if (lines === 1 && count === 2) sawCountWithoutLine = true;
      if (count === 1) reapedAt = c.world.now();
    }
    expect(stoppedAt - start).toBeGreaterThanOrEqual(2000);
    expect(stoppedAt - start).toBeLessThanOrEqual(4100);
    expect(reapedAt - stoppedAt).toBeGreaterThan(0);
    expect(reapedAt - stoppedAt).toBeLessThanOrEqual(100);
    expect(sawCountWithoutLine).toBe(true);
    expect(c.run('kv1', 'INFO', 'replication')).not.toContain('port=30003');
  });

  it('fixed: kv3 keeps its data but answers MOVED for every key, since it is not in its topology', () => {
    const c = bootstrapS1('fixed');
    c.run('kv1', 'SET', 'foo', 'bar');
    c.wait(100);
    removeKv3(c);
    expect(c.info('kv3').master_repl_offset).toBe('1');
    expect(c.run('kv3', 'GET', 'foo')).toBe('(error) MOVED 12182 127.0.0.1:30001');
  });

  it('guarded (#2850 proposal): kv1 stops feeding kv3 as soon as it applies v2', () => {
    const c = bootstrapS1('guarded');
    c.push(V2, 2, ['kv1']);
    expect(slaveLines(c)).toHaveLength(1);
    c.wait(100);
    expect(c.info('kv1').connected_slaves).toBe('1');
    expect(c.run('kv1', 'INFO', 'replication')).not.toContain('port=30003');
  });

  it('the mode acts on what happens next: switching buggy -> fixed after the push changes nothing already done', () => {
    const c = bootstrapS1('buggy');
    removeKv3(c);
    c.world.setMode('fixed');
    c.wait(10_000);
    expect(c.info('kv3').role).toBe('slave');
    // A new push at a higher version is acted on with the fixed behaviour.
    c.push(V2, 3, ['kv3']);
    expect(c.info('kv3').role).toBe('master');
  });
});
