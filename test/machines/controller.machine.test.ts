import { describe, expect, it } from 'vitest';
import { controllerStatus } from '../../src/machines/controller.machine.ts';
import { toNodesPayload } from '../../src/machines/controller-store.ts';
import { A1, A2, AM, M, R1, R2, id, labCluster, steady, world, type FakeNode } from './controller-world.ts';

describe('controller off', () => {
  it('sends nothing, however long the clock runs, and refuses API calls', () => {
    const w = world({ cluster: labCluster() });
    w.actor.send({ type: 'CREATE', cluster: labCluster(), reply: w.reply });
    w.actor.send({ type: 'REMOVE_NODE', id: R2, reply: w.reply });
    w.actor.send({ type: 'FAILOVER', shard: 0, reply: w.reply });
    w.clock.advanceBy(3_600_000);
    expect(w.calls).toEqual([]);
    expect(w.results.map((r) => r.ok)).toEqual([false, false, false]);
    expect(w.clock.pending()).toBe(0);
  });

  it('goes quiet again on STOP, dropping replies still in flight', () => {
    const w = world({ cluster: labCluster(), version: 1 });
    w.actor.send({ type: 'START' });
    w.clock.advanceTo(3000);
    expect(w.sent()).toEqual([`${AM} CLUSTER INFO`, `${A1} CLUSTER INFO`, `${A2} CLUSTER INFO`]);
    w.actor.send({ type: 'STOP' });
    w.clock.advanceBy(600_000);
    expect(w.calls).toHaveLength(3);
    expect(controllerStatus(w.actor.getSnapshot())).toMatchObject({ running: false, probing: false });
  });
});

describe('creating a cluster', () => {
  it('checks every node is at -1, then the first probe pushes v1 to all of them', () => {
    const w = world();
    w.actor.send({ type: 'START' });
    w.actor.send({ type: 'CREATE', cluster: labCluster(), reply: w.reply });
    w.clock.advanceTo(10);
    expect(w.sent()).toEqual([`${AM} CLUSTER INFO`, `${A1} CLUSTER INFO`, `${A2} CLUSTER INFO`]);
    expect(w.calls.map((c) => c.at)).toEqual([0, 1, 2]);
    expect(w.results).toEqual([{ ok: true, text: 'created lab v1; the next probe pushes it' }]);
    // The checker ticks from the creation (t = 3 ms): CLUSTERDOWN counts as -1, so each node is pushed.
    w.clock.advanceTo(3010);
    expect(w.sent(3003)).toEqual([
      ...[AM, A1, A2].map((a) => `${a} CLUSTER INFO`),
      `${AM} CLUSTERX SETNODEID`, `${A1} CLUSTERX SETNODEID`, `${A2} CLUSTERX SETNODEID`,
      `${AM} CLUSTERX SETNODES v1`, `${A1} CLUSTERX SETNODES v1`, `${A2} CLUSTERX SETNODES v1`,
    ]);
    const setNodes = w.calls.find((c) => c.argv[1] === 'SETNODES')!;
    expect(setNodes.argv).toEqual(['CLUSTERX', 'SETNODES', `${M} 127.0.0.1 30001 master - 0-16383\n${R1} 127.0.0.1 30002 slave ${M}\n${R2} 127.0.0.1 30003 slave ${M}\n`, '1']);
    expect(Object.values(w.nodes).map((n) => [n.version, n.myId])).toEqual([[1, M], [1, R1], [1, R2]]);
  });

  it('answers a creation still checking nodes when the controller stops', () => {
    const w = world();
    w.actor.send({ type: 'START' });
    w.actor.send({ type: 'CREATE', cluster: labCluster(), reply: w.reply });
    w.clock.advanceTo(1);
    w.actor.send({ type: 'STOP' });
    w.clock.advanceTo(60_000);
    expect(w.results).toEqual([{ ok: false, error: 'the controller stopped' }]);
    expect(w.sent()).toEqual([`${AM} CLUSTER INFO`, `${A1} CLUSTER INFO`]);
  });

  it('refuses a second cluster', () => {
    const w = steady();
    w.actor.send({ type: 'CREATE', cluster: labCluster(), reply: w.reply });
    expect(w.results).toEqual([{ ok: false, error: 'cluster: already exists' }]);
    expect(w.calls).toEqual([]);
  });

  it('refuses when a node is already in cluster mode, and never pushes', () => {
    const w = world();
    w.nodes[A1]!.version = 2;
    w.actor.send({ type: 'START' });
    w.actor.send({ type: 'CREATE', cluster: labCluster(), reply: w.reply });
    w.clock.advanceTo(60_000);
    expect(w.results).toEqual([{ ok: false, error: 'node is already in cluster mode' }]);
    expect(w.logs).toContain('controller: CREATE refused: node is already in cluster mode');
    expect(w.sent()).toEqual([`${AM} CLUSTER INFO`, `${A1} CLUSTER INFO`]);
    expect(controllerStatus(w.actor.getSnapshot()).cluster).toBeNull();
  });
});

describe('changes are pushed to the new topology only', () => {
  it('removal pushes v2 to the remaining nodes and never contacts the removed one again (#2841)', () => {
    const w = steady();
    w.clock.advanceTo(4000);
    w.actor.send({ type: 'REMOVE_NODE', id: R2, reply: w.reply });
    expect(w.results).toEqual([{ ok: true, text: `removed ${R2}: v2, not told to the removed node` }]);
    w.clock.advanceTo(4010);
    expect(w.sent(4000)).toEqual([`${AM} CLUSTERX SETNODEID`, `${A1} CLUSTERX SETNODEID`, `${AM} CLUSTERX SETNODES v2`, `${A1} CLUSTERX SETNODES v2`]);
    expect(w.nodes[AM]!.payload).toBe(`${M} 127.0.0.1 30001 master - 0-16383\n${R1} 127.0.0.1 30002 slave ${M}\n`);
    w.clock.advanceTo(120_000);
    expect(w.calls.filter((c) => c.to === A2 && c.at >= 4000)).toEqual([]);
    expect(w.nodes[A2]!.version).toBe(1);
    expect(w.sent(4010).every((line) => line.endsWith('CLUSTER INFO'))).toBe(true);
  });

  it('refuses to remove a master or an unknown node', () => {
    const w = steady();
    w.actor.send({ type: 'REMOVE_NODE', id: M, reply: w.reply });
    w.actor.send({ type: 'REMOVE_NODE', id: id('z'), reply: w.reply });
    expect(w.results).toEqual([
      { ok: false, error: 'cannot remove master node: invalid argument' },
      { ok: false, error: 'not found' },
    ]);
  });

  it('a change during a probe round is pushed when the round ends', () => {
    const w = steady();
    w.nodes[A1]!.up = false;
    w.clock.advanceTo(3000);
    w.actor.send({ type: 'REMOVE_NODE', id: R2 });
    expect(w.sent(3000)).toEqual([`${AM} CLUSTER INFO`, `${A1} CLUSTER INFO`, `${A2} CLUSTER INFO`]);
    w.clock.advanceTo(3001);
    expect(w.sent(3001)).toEqual([`${AM} CLUSTERX SETNODEID`, `${A1} CLUSTERX SETNODEID`]);
  });
});

describe('probe loop (every 3 s)', () => {
  it('pushes nothing while every node is at the stored version', () => {
    const w = steady();
    w.clock.advanceTo(30_500);
    expect(w.calls.map((c) => c.at)).toEqual([3, 6, 9, 12, 15, 18, 21, 24, 27, 30].flatMap((s) => [s * 1000, s * 1000, s * 1000]));
    expect(w.sent().every((line) => line.endsWith('CLUSTER INFO'))).toBe(true);
  });

  it('re-pushes SETNODEID and SETNODES to a node that is behind once it is reachable (S5)', () => {
    const w = steady();
    w.nodes[A1]!.up = false;
    w.actor.send({ type: 'REMOVE_NODE', id: R2 });
    w.clock.advanceTo(10);
    expect([w.nodes[AM]!.version, w.nodes[A1]!.version]).toEqual([2, 1]);
    w.nodes[A1]!.up = true;
    w.clock.advanceTo(3010);
    expect(w.sent(3000)).toEqual([`${AM} CLUSTER INFO`, `${A1} CLUSTER INFO`, `${A1} CLUSTERX SETNODEID`, `${A1} CLUSTERX SETNODES v2`]);
    expect(w.nodes[A1]!.version).toBe(2);
    w.clock.advanceTo(6010);
    expect(w.sent(6000)).toEqual([`${AM} CLUSTER INFO`, `${A1} CLUSTER INFO`]);
  });

  it('adopts the CLUSTER NODES of a node that is ahead, without a version bump', () => {
    const w = steady();
    const x = id('x');
    Object.assign(w.nodes[A2]!, {
      version: 5,
      nodesText: `${x} 127.0.0.1:30003@40003 myself,master - 1 2 5 connected 0-16383\n${M} 127.0.0.1:30001@40001 slave ${x} 1 2 5 connected\n`,
    });
    w.clock.advanceTo(3010);
    expect(w.sent(3000)).toEqual([...[AM, A1, A2].map((a) => `${a} CLUSTER INFO`), `${A2} CLUSTER NODES`]);
    const { cluster } = controllerStatus(w.actor.getSnapshot());
    expect(cluster?.version).toBe(5);
    expect(cluster && toNodesPayload(cluster)).toBe(`${x} 127.0.0.1 30003 master - 0-16383\n${M} 127.0.0.1 30001 slave ${x}\n`);
    // The next round compares with v5: the node at v1 still in the new topology is pushed v5.
    w.clock.advanceTo(6010);
    expect(w.sent(6000)).toEqual([`${A2} CLUSTER INFO`, `${AM} CLUSTER INFO`, `${AM} CLUSTERX SETNODEID`, `${AM} CLUSTERX SETNODES v5`]);
  });

  it('skips a node that is restoring a backup: no push, no failure', () => {
    const w = steady();
    Object.assign(w.nodes[A1]!, { loading: true, version: 0 });
    w.clock.advanceTo(9010);
    expect(w.sent().filter((line) => !line.endsWith('CLUSTER INFO'))).toEqual([]);
    expect(controllerStatus(w.actor.getSnapshot()).failures).toEqual({});
  });

  it('keeps a bounded log of its last actions, also sent to io.log', () => {
    const w = steady();
    w.nodes[A2]!.up = false;
    w.clock.advanceTo(90_010);
    const { actions } = controllerStatus(w.actor.getSnapshot());
    expect(actions).toHaveLength(20);
    expect(actions.at(-1)).toEqual({ at: 90_001, text: `probe of ${A2} failed (30 in a row): unreachable` });
    expect(w.logs.at(-1)).toBe(`controller: probe of ${A2} failed (30 in a row): unreachable`);
  });

  it('counts failed probes per node and forgets them when the node answers', () => {
    const w = steady();
    w.nodes[A2]!.up = false;
    w.clock.advanceTo(6010);
    expect(controllerStatus(w.actor.getSnapshot()).failures).toEqual({ [R2]: 2 });
    w.nodes[A2]!.up = true;
    w.clock.advanceTo(9010);
    expect(controllerStatus(w.actor.getSnapshot()).failures).toEqual({});
  });
});

const RULES_340 = ['skip-unready-replica-340'];
const RULES_NOW = ['skip-unready-replica-340', 'empty-shard-failover-377'];
const roles = (w: ReturnType<typeof world>) => controllerStatus(w.actor.getSnapshot()).cluster?.shards[0]!.nodes.map((n) => n.role);

describe('failover', () => {
  it('promotes after exactly 5 failed probes of the master (t = 15 s, not 12 s), asking each replica INFO only', () => {
    const w = steady();
    w.nodes[AM]!.up = false;
    Object.assign(w.nodes[A1]!, { sequence: 40 });
    Object.assign(w.nodes[A2]!, { sequence: 45 });
    w.clock.advanceTo(14_999);
    expect(w.sent().filter((line) => !line.endsWith('CLUSTER INFO'))).toEqual([]);
    expect(controllerStatus(w.actor.getSnapshot())).toMatchObject({ failures: { [M]: 4 }, cluster: { version: 1 } });
    w.clock.advanceTo(15_020);
    expect(w.sent(15_001)).toEqual([
      `${A1} INFO`, `${A2} INFO`,
      ...[AM, A1, A2].map((a) => `${a} CLUSTERX SETNODEID`), `${A1} CLUSTERX SETNODES v2`, `${A2} CLUSTERX SETNODES v2`,
    ]);
    const status = controllerStatus(w.actor.getSnapshot());
    expect(status.failures).toEqual({ [M]: 5 });
    expect(status.cluster && toNodesPayload(status.cluster)).toBe(
      `${M} 127.0.0.1 30001 slave ${R2}\n${R1} 127.0.0.1 30002 slave ${R2}\n${R2} 127.0.0.1 30003 master - 0-16383\n`,
    );
    expect(status.actions.map((a) => a.text)).toContain(`shard 0: ${R2} is master, ${M} its slave; v2`);
    // The old master stays in the topology: it is pushed v2 when it comes back.
    w.nodes[AM]!.up = true;
    w.clock.advanceTo(18_010);
    expect(w.sent(18_000)).toContain(`${AM} CLUSTERX SETNODES v2`);
  });

  it('with #340 and #377 asks CLUSTER INFO before INFO, the master first', () => {
    const w = steady(RULES_NOW);
    w.nodes[AM]!.up = false;
    Object.assign(w.nodes[A1]!, { sequence: 40 });
    Object.assign(w.nodes[A2]!, { sequence: 45 });
    w.clock.advanceTo(15_020);
    expect(w.sent(15_001).slice(0, 5)).toEqual([`${AM} CLUSTER INFO`, `${A1} CLUSTER INFO`, `${A1} INFO`, `${A2} CLUSTER INFO`, `${A2} INFO`]);
    expect(roles(w)).toEqual(['slave', 'slave', 'master']);
  });

  it('before #340 promotes an empty replica, and a loading one whose INFO has no keyspace (#340)', () => {
    for (const replica of [{ sequence: 0 }, { loading: true, sequence: 99 }]) {
      const w = steady();
      Object.assign(w.nodes[AM]!, { up: false, sequence: 100 });
      w.nodes[A1]!.up = false;
      Object.assign(w.nodes[A2]!, replica);
      w.clock.advanceTo(15_020);
      expect(roles(w)).toEqual(['slave', 'slave', 'master']);
    }
  });

  it('#340 skips an empty or loading replica; #377 lets the empty one through when the master cannot say its sequence', () => {
    const run = (switches: readonly string[], replica: Partial<FakeNode>) => {
      const w = steady(switches);
      Object.assign(w.nodes[AM]!, { up: false, sequence: 100 });
      w.nodes[A1]!.up = false;
      Object.assign(w.nodes[A2]!, replica);
      w.clock.advanceTo(15_020);
      return { roles: roles(w), refused: w.logs.some((l) => l.includes('no match new master in shard')) };
    };
    expect(run(RULES_340, { sequence: 0 })).toEqual({ roles: ['master', 'slave', 'slave'], refused: true });
    expect(run(RULES_340, { loading: true, sequence: 99 })).toEqual({ roles: ['master', 'slave', 'slave'], refused: true });
    expect(run(RULES_NOW, { sequence: 0 })).toEqual({ roles: ['slave', 'slave', 'master'], refused: false });
    expect(run(RULES_NOW, { loading: true, sequence: 99 })).toEqual({ roles: ['master', 'slave', 'slave'], refused: true });
  });

  it('manual failover skips replicas at sequence 0 while the master has data (#340, #377)', () => {
    const w = steady(RULES_NOW);
    Object.assign(w.nodes[AM]!, { sequence: 100 });
    w.actor.send({ type: 'FAILOVER', shard: 0, reply: w.reply });
    w.clock.advanceTo(20);
    expect(w.sent()).toEqual([`${AM} CLUSTER INFO`, `${AM} INFO`, `${A1} CLUSTER INFO`, `${A1} INFO`, `${A2} CLUSTER INFO`, `${A2} INFO`]);
    expect(w.results).toEqual([{ ok: false, error: 'no match new master in shard' }]);
    Object.assign(w.nodes[A1]!, { sequence: 7 });
    w.actor.send({ type: 'FAILOVER', shard: 0, reply: w.reply });
    w.clock.advanceTo(40);
    expect(w.results[1]).toEqual({ ok: true, text: `shard 0: ${R1} is master, ${M} its slave; v2` });
    expect(w.nodes[A2]!.payload).toBe(`${M} 127.0.0.1 30001 slave ${R1}\n${R1} 127.0.0.1 30002 master - 0-16383\n${R2} 127.0.0.1 30003 slave ${R1}\n`);
  });

  it('an empty shard fails over with #377, not with #340 alone (#366)', () => {
    const answers = [RULES_340, RULES_NOW].map((switches) => {
      const w = steady(switches);
      w.actor.send({ type: 'FAILOVER', shard: 0, reply: w.reply });
      w.clock.advanceTo(20);
      return w.results[0];
    });
    expect(answers).toEqual([{ ok: false, error: 'no match new master in shard' }, { ok: true, text: `shard 0: ${R2} is master, ${M} its slave; v2` }]);
  });

  it('with #340 skips a replica whose INFO says role:master, and retries at every failed probe after the 5th', () => {
    const w = steady(RULES_340);
    w.nodes[AM]!.up = false;
    Object.assign(w.nodes[A1]!, { role: 'master', sequence: 9 });
    w.nodes[A2]!.up = false;
    w.clock.advanceTo(18_020);
    const collecting = w.sent().filter((line) => line.endsWith(' INFO') && !line.endsWith('CLUSTER INFO'));
    expect(collecting).toEqual([`${A1} INFO`, `${A1} INFO`]);
    expect(controllerStatus(w.actor.getSnapshot()).cluster?.version).toBe(1);
    expect(w.logs.filter((l) => l.includes('no match new master in shard'))).toHaveLength(2);
  });

  it('before #340 promotes a replica whatever role its INFO says', () => {
    const w = steady();
    w.nodes[AM]!.up = false;
    Object.assign(w.nodes[A1]!, { role: 'master', sequence: 9 });
    w.nodes[A2]!.up = false;
    w.clock.advanceTo(15_020);
    expect(roles(w)).toEqual(['slave', 'master', 'slave']);
  });
});
