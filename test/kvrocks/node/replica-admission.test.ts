// Who may replicate: the #1224 proposal (switch refuse-unknown-replicas-1224) beside the #2850 one
// (drop-orphans-2850, in guarded). Released Kvrocks (off) feeds any replica that completes the handshake.
import { describe, expect, it } from 'vitest';
import { bootstrapS1, shardLines, TestCluster } from '../../support/cluster.ts';
import { listedPorts, restart, syncStats, waitUntil } from '../../support/more.ts';

const CHECKED = 'buggy+refuse-unknown-replicas-1224';
const WITHOUT_KV3 = shardLines('kv1', ['kv2']);
const ALL = shardLines('kv1', ['kv2', 'kv3']);

/** v2 without kv3 reaches kv1 and kv2 only (#2841); kv3 then restarts and asks kv1 again. */
function orphanReconnects(mode: string): TestCluster {
  const c = bootstrapS1(mode);
  c.push(WITHOUT_KV3, 2, ['kv1', 'kv2']);
  c.wait(1000);
  restart(c, 'kv3');
  c.wait(5000);
  return c;
}

describe('refuse-unknown-replicas-1224', () => {
  it('leaves a replica that is already being fed alone when the topology drops it', () => {
    const c = bootstrapS1(CHECKED);
    c.push(WITHOUT_KV3, 2, ['kv1', 'kv2']);
    c.wait(3000);
    expect(listedPorts(c, 'kv1')).toEqual(['30003', '30002']);
    expect(c.info('kv3').master_link_status).toBe('up');
  });

  it('refuses the PSYNC of a replica missing from its topology; the replica retries in 10 s, never full-syncs', () => {
    const c = orphanReconnects(CHECKED);
    expect(c.info('kv3')).toMatchObject({ role: 'slave', master_link_status: 'down', master_sync_in_progress: '0' });
    expect(listedPorts(c, 'kv1')).toEqual(['30002']);
    expect(syncStats(c, 'kv1')).toEqual({ full: 0, partialOk: 2, partialErr: 0 });
    const refusals = c.world.sim.trace.entries.filter((e) => e.kind === 'event' && e.node === 'kv3' && e.text === '[replication] Retry in 10 seconds');
    c.wait(10_000);
    const after = c.world.sim.trace.entries.filter((e) => e.kind === 'event' && e.node === 'kv3' && e.text === '[replication] Retry in 10 seconds');
    expect(after.length).toBe(refusals.length + 1);
  });

  it('off, the orphan reconnects with a partial sync', () => {
    const c = orphanReconnects('buggy');
    expect(c.info('kv3').master_link_status).toBe('up');
    expect(syncStats(c, 'kv1').partialOk).toBe(3);
  });

  it('does not weigh versions: a master behind the replica refuses it until it has the newer topology', () => {
    const c = orphanReconnects(CHECKED);
    c.push(ALL, 3, ['kv3', 'kv2']);
    c.wait(12_000);
    expect(c.info('kv3').master_link_status).toBe('down');
    c.push(ALL, 3, ['kv1']);
    expect(waitUntil(c, () => c.info('kv3').master_link_status === 'up', 11_000)).toBeGreaterThan(0);
  });

  it('the error names the address it checked, and a console PSYNC is refused the same way', () => {
    const c = bootstrapS1(CHECKED);
    expect(c.run('kv1', 'PSYNC', '1')).toMatch(/^\(error\) ERR kvlab #1224 proposal: 127\.0\.0\.1:6\d{4} is not a replica of this master in its topology$/);
    // Before any topology there is nothing to check against.
    expect(new TestCluster(1, CHECKED).run('kv1', 'PSYNC', '5')).toBe('(error) ERR sequence out of range, please use fullsync');
  });
});

describe('#1224 and #2850 stay distinct', () => {
  it('guarded (#2850) drops the orphan at SETNODES, and lets in a replica reporting a newer version', () => {
    const c = bootstrapS1('guarded');
    c.push(WITHOUT_KV3, 2, ['kv1', 'kv2']);
    c.wait(1000);
    expect(listedPorts(c, 'kv1')).toEqual(['30002']);
    c.push(ALL, 3, ['kv3', 'kv2']);
    expect(waitUntil(c, () => c.info('kv3').master_link_status === 'up', 11_000)).toBeGreaterThan(0);
    expect(c.node('kv1').cluster.version).toBe(2);
  });

  it('each switch alone leaves the other decision as released Kvrocks makes it', () => {
    const c = bootstrapS1(CHECKED);
    expect(c.node('kv1').has('drop-orphans-2850')).toBe(false);
    expect(new TestCluster(1, 'guarded').node('kv1').has('refuse-unknown-replicas-1224')).toBe(false);
  });
});
