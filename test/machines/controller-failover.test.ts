// quorum-check-374 (kvrocks-controller PR #374, open): before an automatic failover the other masters
// are asked whether they see the master failed; Kvrocks nodes never say so on their own (#329).
import { describe, expect, it } from 'vitest';
import { controllerStatus } from '../../src/machines/controller.machine.ts';
import { createCluster } from '../../src/machines/controller-store.ts';
import { A1, A2, AM, id, world } from './controller-world.ts';

const A3 = '127.0.0.1:30004';
const [M0, S0, M1, S1] = [id('c'), id('d'), id('e'), id('f')];

/** Two shards: kv1 (master) + kv2, kv3 (master) + kv4, at v1 on every node. */
function twoShards(switches: readonly string[]) {
  const made = createCluster('lab', [AM, A1, A2, A3], 2, [M0, S0, M1, S1]);
  if (!made.ok) throw new Error(made.error);
  const w = world({ cluster: made.cluster, version: 1, switches, addresses: [AM, A1, A2, A3] });
  Object.assign(w.nodes[A1]!, { sequence: 5 });
  w.actor.send({ type: 'START' });
  return w;
}
const shard0 = (w: ReturnType<typeof world>) => controllerStatus(w.actor.getSnapshot()).cluster?.shards[0]!.nodes.map((n) => n.role);

describe('an automatic failover', () => {
  it('goes ahead on the controller\'s own probes without quorum-check-374 (#329)', () => {
    const w = twoShards([]);
    w.nodes[AM]!.up = false;
    w.clock.advanceTo(15_020);
    expect(shard0(w)).toEqual(['slave', 'master']);
    expect(w.sent(15_001).filter((l) => l.includes('CLUSTER NODES'))).toEqual([]);
  });

  it('is skipped with quorum-check-374 when the other master answers without "fail", probe after probe', () => {
    const w = twoShards(['quorum-check-374']);
    w.nodes[AM]!.up = false;
    w.nodes[A2]!.nodesText = `${M1} 127.0.0.1:30003@40003 myself,master - 1 2 1 connected 8192-16383\n${M0} 127.0.0.1:30001@40001 master - 1 2 1 connected 0-8191\n`;
    w.clock.advanceTo(18_020);
    expect(shard0(w)).toEqual(['master', 'slave']);
    expect(w.sent(15_001, 15_010)).toEqual([`${A2} CLUSTER NODES`]);
    const skipped = w.logs.filter((l) => l.includes('not confirmed by quorum'));
    expect(skipped).toEqual([
      `controller: failure of ${AM} not confirmed by quorum (0 of 1 other masters that answered mark it failed): skipping failover`,
      `controller: failure of ${AM} not confirmed by quorum (0 of 1 other masters that answered mark it failed): skipping failover`,
    ]);
    // The round still ends: the next probes run.
    expect(w.sent(18_000).filter((l) => l.endsWith('CLUSTER INFO'))).toHaveLength(4);
  });

  it('goes ahead when the other masters list the master and the word fail anywhere', () => {
    const w = twoShards(['quorum-check-374']);
    w.nodes[AM]!.up = false;
    w.nodes[A2]!.nodesText = `${M0} 127.0.0.1:30001@40001 master,fail - 1 2 1 connected 0-8191\n`;
    w.clock.advanceTo(15_020);
    expect(shard0(w)).toEqual(['slave', 'master']);
  });

  it('goes ahead when no other master answers, or there is none', () => {
    const w = twoShards(['quorum-check-374']);
    w.nodes[AM]!.up = false;
    w.nodes[A2]!.up = false;
    w.clock.advanceTo(15_030);
    expect(shard0(w)).toEqual(['slave', 'master']);
    expect(w.logs.some((l) => l.includes('not confirmed'))).toBe(false);
  });

  it('is not asked for a manual failover', () => {
    const w = twoShards(['quorum-check-374']);
    w.actor.send({ type: 'FAILOVER', shard: 0, reply: w.reply });
    w.clock.advanceTo(20);
    expect(w.results[0]).toMatchObject({ ok: true });
    expect(w.sent().some((l) => l.includes('CLUSTER NODES'))).toBe(false);
  });
});
