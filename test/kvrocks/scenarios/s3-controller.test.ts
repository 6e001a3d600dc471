// kvrocks-semantics §7 S3 (#2841: removal through the controller), S5 (a node that missed an
// update is re-pushed by the probe) and the controller's automatic failover (S6), end to end
// through the World: the controller talks to the nodes over the simulated network.
import { describe, expect, it } from 'vitest';
import type { BehaviourMode } from '../../../src/kvrocks/mode.ts';
import { Session } from '../../../src/lab/session.ts';

function controllerCluster(mode: BehaviourMode) {
  const s = new Session({ nodes: 3, seed: 1, mode });
  const run = (input: string) => {
    const r = s.run(input);
    if (r.error) throw new Error(`${input}: ${r.error}`);
    return r.output;
  };
  const info = (node: string) => Object.fromEntries(run(`@${node} INFO replication`).split('\n').filter((l) => l.includes(':')).map((l) => l.split(':') as [string, string]));
  run('.controller start');
  run('.controller create 3');
  run('.wait 4s');
  return { s, run, info };
}

/** Messages the controller sent to `node` at or after time `since`. */
const controllerMessagesTo = (s: Session, node: string, since: number) =>
  s.world.sim.trace.entries.filter((e) => e.kind === 'message' && e.from === 'controller' && e.to === node && e.t >= since);

describe('the controller model', () => {
  it('creation stores v1 and the first probe (3 s) pushes SETNODEID + SETNODES to every node', () => {
    const { s, run, info } = controllerCluster('buggy');
    for (const n of ['kv1', 'kv2', 'kv3']) expect(run(`@${n} CLUSTERX VERSION`)).toBe('"1"');
    expect(info('kv1')).toMatchObject({ role: 'master', connected_slaves: '2' });
    expect(info('kv3')).toMatchObject({ role: 'slave', master_link_status: 'up' });
    const pushes = s.world.sim.trace.entries.filter((e) => e.kind === 'message' && e.from === 'controller' && e.label.startsWith('CLUSTERX SETNODES'));
    expect(pushes.map((e) => (e.kind === 'message' ? e.to : '')).sort()).toEqual(['kv1', 'kv2', 'kv3']);
    expect(Math.min(...pushes.map((e) => e.t))).toBeGreaterThanOrEqual(3000);
  });

  for (const mode of ['buggy', 'fixed'] as const) {
    it(`${mode}: a removal reaches only the remaining nodes; the orphan keeps replicating, and resumes after a restart (#2841)`, () => {
      const { s, run, info } = controllerCluster(mode);
      const removedAt = s.now();
      expect(run('.controller remove kv3')).toContain('not told to the removed node');
      run('.wait 30s');
      expect(controllerMessagesTo(s, 'kv3', removedAt)).toEqual([]);
      expect(run('@kv1 CLUSTERX VERSION')).toBe('"2"');
      expect(run('@kv2 CLUSTERX VERSION')).toBe('"2"');
      expect(run('@kv3 CLUSTERX VERSION')).toBe('"1"');
      // The orphan still replicates; the master lists it in INFO, not in CLUSTER NODES or SLOTS.
      expect(info('kv3')).toMatchObject({ role: 'slave', master_link_status: 'up' });
      expect(info('kv1').connected_slaves).toBe('2');
      expect(run('@kv1 INFO replication')).toContain('port=30003');
      expect(run('@kv1 CLUSTER NODES')).not.toContain('127.0.0.1:30003');
      expect(run('@kv1 CLUSTER SLOTS')).not.toContain('30003');
      const kv3View = run('@kv3 CLUSTER NODES').trim().split('\n');
      expect(kv3View).toHaveLength(3);
      expect(kv3View.find((l) => l.includes('127.0.0.1:30003'))).toMatch(/ myself,slave [0-9a-f]{40} .* 1 connected$/);
      // A restart reloads nodes.conf (v1) and the orphan resumes replicating.
      run('.restart kv3');
      run('.wait 5s');
      expect(run('@kv3 CLUSTERX VERSION')).toBe('"1"');
      expect(info('kv3')).toMatchObject({ role: 'slave', master_port: '30001', master_link_status: 'up' });
    });
  }

  it('guarded (#2850 proposal): the master drops the orphan at v2 and refuses it after its restart', () => {
    const { run, info } = controllerCluster('guarded');
    run('.controller remove kv3');
    run('.wait 30s');
    expect(info('kv1').connected_slaves).toBe('1');
    expect(run('@kv1 INFO replication')).not.toContain('port=30003');
    run('.restart kv3');
    run('.wait 30s');
    expect(info('kv3')).toMatchObject({ role: 'slave', master_link_status: 'down' });
    expect(run('@kv3 ROLE').split('\n')[3]).toBe('4) "connecting"');
    expect(run('@kv1 INFO replication')).not.toContain('port=30003');
  });

  it('S5: a node partitioned from the controller misses v2, and the probe re-pushes it after the heal', () => {
    const { run } = controllerCluster('fixed');
    run('.partition kv2 controller');
    run('.controller remove kv3');
    run('.wait 10s');
    expect(run('@kv2 CLUSTERX VERSION')).toBe('"1"');
    run('.heal');
    run('.wait 7s');
    expect(run('@kv2 CLUSTERX VERSION')).toBe('"2"');
  });

  it('fails a dead master over after 5 failed probes: the replica with the highest sequence becomes master', () => {
    const { s, run, info } = controllerCluster('fixed');
    run('@kv1 SET k v');
    run('.wait 1s');
    run('.crash kv1');
    const crashedAt = s.now();
    run('.wait 12s');
    expect(run('@kv2 CLUSTERX VERSION')).toBe('"1"');
    run('.wait 10s');
    const promoted = ['kv2', 'kv3'].find((n) => info(n).role === 'master');
    expect(promoted).toBeDefined();
    expect(s.now() - crashedAt).toBeGreaterThanOrEqual(15_000);
    expect(run(`@${promoted} CLUSTERX VERSION`)).toBe('"2"');
    const other = promoted === 'kv2' ? 'kv3' : 'kv2';
    expect(info(other)).toMatchObject({ role: 'slave', master_port: promoted === 'kv2' ? '30002' : '30003' });
    // The old master stays in the topology as a slave of the new one.
    const nodes = run(`@${promoted} CLUSTER NODES`);
    expect(nodes.split('\n').find((l) => l.includes('127.0.0.1:30001@'))).toMatch(/ slave [0-9a-f]{40} /);
    // When it comes back it is told v2 by the probe and replicates the new master.
    run('.restart kv1');
    run('.wait 10s');
    expect(info('kv1')).toMatchObject({ role: 'slave', master_link_status: 'up' });
    expect(run('@kv1 GET k')).toContain('MOVED');
  });
});
