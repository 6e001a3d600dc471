import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { SimClock } from '../../src/engine/clock.ts';
import { OK, bulk, err, error, type Reply } from '../../src/protocol/reply.ts';
import type { ControllerIo, ControllerResult } from '../../src/machines/controller-io.ts';
import { controllerMachine, controllerStatus } from '../../src/machines/controller.machine.ts';
import { createCluster, toNodesPayload, type StoredCluster } from '../../src/machines/controller-store.ts';

const id = (c: string) => c.repeat(40);
const [M, R1, R2] = [id('m'), id('a'), id('b')];
const [AM, A1, A2] = ['127.0.0.1:30001', '127.0.0.1:30002', '127.0.0.1:30003'];

interface FakeNode {
  version: number;
  up: boolean;
  role: 'master' | 'slave';
  sequence: number;
  loading: boolean;
  myId: string;
  payload: string;
  nodesText: string;
}

/** Scripted nodes that answer every call 1 ms later on the SimClock, as a kvrocks node would. */
function answer(node: FakeNode, argv: readonly string[]): Reply | null {
  if (!node.up) return null;
  const command = argv.slice(0, argv[0] === 'INFO' ? 1 : 2).join(' ').toUpperCase();
  if (command === 'CLUSTER INFO') {
    if (node.loading) return error('LOADING kvrocks is restoring the db from backup');
    if (node.version < 0) return error('CLUSTERDOWN The cluster is not initialized');
    return bulk(`cluster_state:ok\r\ncluster_current_epoch:${node.version}\r\ncluster_my_epoch:${node.version}\r\n`);
  }
  if (command === 'CLUSTERX SETNODEID') return (node.myId = argv[2]!), OK;
  if (command === 'CLUSTERX SETNODES') {
    const version = Number(argv[3]);
    if (version < node.version) return err('Invalid cluster version');
    if (version > node.version) [node.version, node.payload] = [version, argv[2]!];
    return OK;
  }
  if (command === 'CLUSTER NODES') return bulk(node.nodesText);
  if (command === 'INFO') return bulk(`# Replication\r\nrole:${node.role}\r\nconnected_slaves:0\r\n# Keyspace\r\nsequence:${node.sequence}\r\n`);
  return err(`unknown command '${argv[0]}'`);
}

function world(options: { cluster?: StoredCluster; version?: number } = {}) {
  const clock = new SimClock();
  const node = (role: 'master' | 'slave'): FakeNode => ({
    version: options.version ?? -1, up: true, role, sequence: 0, loading: false, myId: '', payload: '', nodesText: '',
  });
  const nodes: Record<string, FakeNode> = { [AM]: node('master'), [A1]: node('slave'), [A2]: node('slave') };
  const calls: { at: number; to: string; argv: readonly string[] }[] = [];
  const logs: string[] = [];
  const io: ControllerIo = {
    now: () => clock.now(),
    log: (text) => logs.push(text),
    call: (address, argv, done) => {
      calls.push({ at: clock.now(), to: address, argv });
      clock.setTimeout(() => done(answer(nodes[address]!, argv)), 1);
    },
  };
  const actor = createActor(controllerMachine, { input: { io, cluster: options.cluster ?? null }, clock });
  actor.start();
  const results: ControllerResult[] = [];
  const reply = (result: ControllerResult) => results.push(result);
  /** Calls from `since`, as `address COMMAND SUB`; SETNODES keeps its version. */
  const sent = (since = 0, upTo = Infinity) =>
    calls
      .filter((c) => c.at >= since && c.at <= upTo)
      .map((c) => `${c.to} ${c.argv[0]}${c.argv[1] ? ` ${c.argv[1]}` : ''}${c.argv[1] === 'SETNODES' ? ` v${c.argv[3]}` : ''}`);
  return { clock, nodes, calls, logs, actor, results, reply, sent };
}

function labCluster(): StoredCluster {
  const made = createCluster('lab', [AM, A1, A2], 3, [M, R1, R2]);
  if (!made.ok) throw new Error(made.error);
  return made.cluster;
}

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

/** A started controller whose cluster v1 the three nodes already hold. */
function steady() {
  const w = world({ cluster: labCluster(), version: 1 });
  w.actor.send({ type: 'START' });
  return w;
}

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

describe('failover', () => {
  it('promotes after exactly 5 failed probes of the master (t = 15 s, not 12 s)', () => {
    const w = steady();
    w.nodes[AM]!.up = false;
    Object.assign(w.nodes[A1]!, { sequence: 40 });
    Object.assign(w.nodes[A2]!, { sequence: 45 });
    w.clock.advanceTo(14_999);
    expect(w.sent().filter((line) => !line.endsWith('CLUSTER INFO'))).toEqual([]);
    expect(controllerStatus(w.actor.getSnapshot())).toMatchObject({ failures: { [M]: 4 }, cluster: { version: 1 } });
    w.clock.advanceTo(15_020);
    expect(w.sent(15_001)).toEqual([
      `${AM} CLUSTER INFO`, `${A1} CLUSTER INFO`, `${A1} INFO`, `${A2} CLUSTER INFO`, `${A2} INFO`,
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

  it('promotes a replica at sequence 0 when the master cannot tell its own (#366)', () => {
    const w = steady();
    w.nodes[AM]!.up = false;
    w.clock.advanceTo(15_020);
    expect(controllerStatus(w.actor.getSnapshot()).cluster?.shards[0]!.nodes.map((n) => n.role)).toEqual(['slave', 'slave', 'master']);
  });

  it('manual failover skips replicas at sequence 0 while the master has data (#340)', () => {
    const w = steady();
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

  it('skips a replica whose INFO says role:master, and retries at every failed probe after the 5th', () => {
    const w = steady();
    w.nodes[AM]!.up = false;
    Object.assign(w.nodes[A1]!, { role: 'master', sequence: 9 });
    w.nodes[A2]!.up = false;
    w.clock.advanceTo(18_020);
    const collecting = w.sent().filter((line) => line.endsWith(' INFO') && !line.endsWith('CLUSTER INFO'));
    expect(collecting).toEqual([`${A1} INFO`, `${A1} INFO`]);
    expect(controllerStatus(w.actor.getSnapshot()).cluster?.version).toBe(1);
    expect(w.logs.filter((l) => l.includes('no match new master in shard'))).toHaveLength(2);
  });
});
