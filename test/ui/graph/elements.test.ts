// The graph's element data, computed from a World driven by commands and clock advances.
import { describe, expect, it } from 'vitest';
import { GraphModel, nodeElements, roleCaption, topologyEdges } from '../../../src/ui/graph/elements.ts';
import { bootstrapS1, shardLines, TestCluster } from '../../support/cluster.ts';
import { untilWalSent } from '../../support/more.ts';

const V2 = shardLines('kv1', ['kv2']);
const byId = <T extends { id: string }>(items: readonly T[]) => new Map(items.map((i) => [i.id, i]));

describe('graph elements: nodes', () => {
  it('a fresh cluster: one node per kvN, no topology, running master, no edges', () => {
    const c = new TestCluster(3);
    const g = new GraphModel().update(c.world);
    expect(g.nodes.map((n) => n.id)).toEqual(['kv1', 'kv2', 'kv3']);
    expect(g.nodes[0]).toMatchObject({ told: 'none', running: 'master', replState: null, process: 'running', address: '127.0.0.1:30001' });
    expect(g.nodes[0]!.label).toBe('kv1\nmaster · no topology');
    expect(g.topoEdges).toEqual([]);
    expect(g.replEdges).toEqual([]);
  });

  it('after S1: kv1 told and running master, kv2/kv3 told and running slave', () => {
    const c = bootstrapS1();
    const nodes = byId(nodeElements(c.world));
    expect(nodes.get('kv1')).toMatchObject({ told: 'master', running: 'master', label: 'kv1\nmaster' });
    expect(nodes.get('kv3')).toMatchObject({ told: 'slave', running: 'slave', replState: 'kReplConnected' });
    expect(nodes.get('kv3')!.classes.split(' ')).toEqual(['kvnode', 'run-slave', 'told-slave']);
  });

  it('a crashed node is styled as down, its told role unknown', () => {
    const c = bootstrapS1();
    c.node('kv2').crash();
    c.wait(10);
    const kv2 = byId(nodeElements(c.world)).get('kv2')!;
    expect(kv2).toMatchObject({ told: 'unknown', running: 'unknown', process: 'crashed' });
    expect(kv2.classes).toContain('down');
    expect(kv2.label).toBe('kv2\ndown (crashed)');
  });

  it('captions name the mismatch between what a node runs and what it was told', () => {
    expect(roleCaption('not-in-topology', 'slave', 'running')).toBe('runs slave\ntold: not in topology');
    expect(roleCaption('slave', 'master', 'running')).toBe('runs master\ntold: slave');
    expect(roleCaption('not-in-topology', 'master', 'running')).toBe('master\nnot in topology');
  });
});

describe('graph elements: topology and replication layers', () => {
  it('S1: one topology edge and one connected replication edge per replica', () => {
    const g = new GraphModel().update(bootstrapS1().world);
    expect(g.topoEdges.map((e) => e.id)).toEqual(['topo:kv2->kv1', 'topo:kv3->kv1']);
    expect(g.topoEdges.every((e) => e.agreed && e.classes === 'topo')).toBe(true);
    expect(g.replEdges.map((e) => [e.id, e.classes])).toEqual([
      ['repl:kv2->kv1', 'repl connected'],
      ['repl:kv3->kv1', 'repl connected'],
    ]);
  });

  it('edges walk through connecting and handshake before connected', () => {
    const c = new TestCluster(2);
    const model = new GraphModel();
    c.push(shardLines('kv1', ['kv2']), 1, ['kv1', 'kv2']);
    const seen = new Set<string>();
    // On loopback the whole handshake takes about a millisecond: look every 50 µs.
    for (let t = 0; t < 80; t++) {
      seen.add(model.update(c.world).replEdges[0]!.linkClass);
      c.wait(0.05);
    }
    expect([...seen]).toEqual(['connecting', 'handshake', 'connected']);
  });

  it('a link that drops after having been up is broken until it reconnects', () => {
    const c = bootstrapS1();
    const model = new GraphModel();
    model.update(c.world);
    c.node('kv1').crash();
    c.wait(5);
    const edge = byId(model.update(c.world).replEdges).get('repl:kv2->kv1')!;
    expect(edge).toMatchObject({ linkClass: 'broken', state: 'kReplConnecting', ghost: false, label: 'link down' });
  });

  it('an up-then-down between two frames is still broken (learnt from the trace)', () => {
    const c = new TestCluster(2);
    const model = new GraphModel();
    c.push(shardLines('kv1', ['kv2']), 1, ['kv1', 'kv2']);
    model.update(c.world);
    c.wait(1000);
    c.node('kv1').crash();
    c.wait(5);
    expect(model.update(c.world).replEdges[0]!.linkClass).toBe('broken');
  });

  it('#2618 buggy: repl:kv3->kv1 stays and is a ghost; the topology edge is gone', () => {
    const c = bootstrapS1('buggy');
    const model = new GraphModel();
    c.push(V2, 2, ['kv1', 'kv2', 'kv3']);
    c.wait(10_000);
    const g = model.update(c.world);
    const ghost = byId(g.replEdges).get('repl:kv3->kv1')!;
    expect(ghost.classes).toBe('repl connected ghost');
    expect(ghost.label).toBe('ghost');
    expect(ghost.ghostReason).toContain("kv3's topology does not make it a slave of kv1");
    expect(ghost.ghostReason).toContain("kv1's topology does not list kv3");
    expect(byId(g.replEdges).get('repl:kv2->kv1')!.ghost).toBe(false);
    expect(g.topoEdges.map((e) => e.id)).toEqual(['topo:kv2->kv1']);
    expect(byId(g.nodes).get('kv3')!.classes).toContain('mismatch');
  });

  it('#2618 fixed: kv3 drops its link at once; kv1 feeds it (a ghost, feed-only) until a send fails, then nothing', () => {
    const c = bootstrapS1('fixed');
    const model = new GraphModel();
    c.push(V2, 2, ['kv1', 'kv2', 'kv3']);
    const right = byId(model.update(c.world).replEdges).get('repl:kv3->kv1')!;
    expect(right).toMatchObject({ state: null, linkClass: 'feed-only', ghost: true, classes: 'repl feed-only ghost' });
    c.wait(5000);
    expect(model.update(c.world).replEdges.map((e) => e.id)).toEqual(['repl:kv2->kv1']);
  });

  it('#2841 (controller style): kv3 never told, it still thinks it is a slave; only kv1 disowns it', () => {
    const c = bootstrapS1('fixed');
    c.push(V2, 2, ['kv1', 'kv2']);
    c.wait(10_000);
    const g = new GraphModel().update(c.world);
    const topo = byId(g.topoEdges).get('topo:kv3->kv1')!;
    expect(topo).toMatchObject({ agreed: false, classes: 'topo one-sided' });
    const ghost = byId(g.replEdges).get('repl:kv3->kv1')!;
    expect(ghost.ghost).toBe(true);
    expect(ghost.ghostReason).toBe("kv1's topology does not list kv3 as its slave");
  });
});

describe('graph elements: messages in flight', () => {
  /** One master and one replica, so one feed thread sends each batch. */
  const pair = () => {
    const c = new TestCluster(2);
    c.push(shardLines('kv1', ['kv2']), 1, ['kv1', 'kv2']);
    c.wait(1000);
    return c;
  };

  it('a message is in flight from sentAt until arriveAt, with progress along its edge', () => {
    const c = pair();
    const model = new GraphModel();
    model.update(c.world);
    c.run('kv1', 'SET', 'k', 'v');
    // The feed sends at its next 2 ms poll; the WAL batch is on the wire for the link latency.
    c.world.runUntil(untilWalSent(c));
    const now = model.update(c.world).messages.filter((m) => m.kind === 'wal');
    expect(now.map((m) => [m.from, m.to, m.progress])).toEqual([['kv1', 'kv2', 0]]);
    expect(now[0]!.label).toBe('WAL 1-1');
    c.wait(5);
    expect(model.update(c.world).messages.filter((m) => m.kind === 'wal')).toEqual([]);
  });

  it('minShowMs keeps a message visible longer and its progress scales to that span', () => {
    const c = pair();
    const model = new GraphModel();
    model.update(c.world);
    c.run('kv1', 'SET', 'k', 'v');
    c.world.runUntil(untilWalSent(c) + 50);
    const wal = model.update(c.world, { minShowMs: 100 }).messages.filter((m) => m.kind === 'wal');
    expect(wal).toHaveLength(1);
    expect(wal[0]!.progress).toBeCloseTo(0.5, 5);
    c.wait(50);
    expect(model.update(c.world, { minShowMs: 100 }).messages.filter((m) => m.kind === 'wal')).toEqual([]);
  });

  it('a new world (reset, seek) starts over', () => {
    const model = new GraphModel();
    const a = bootstrapS1();
    a.run('kv1', 'SET', 'k', 'v');
    expect(model.update(a.world, { minShowMs: 1e9 }).messages.length).toBeGreaterThan(0);
    expect(model.update(new TestCluster(3).world, { minShowMs: 1e9 }).messages).toEqual([]);
  });
});

describe('topologyEdges', () => {
  it('come from each node own view, not from the master', () => {
    const c = new TestCluster(3);
    c.push(shardLines('kv1', ['kv2', 'kv3']), 1, ['kv1', 'kv2']);
    expect(topologyEdges(c.world).map((e) => e.id)).toEqual(['topo:kv2->kv1']);
  });
});

describe('graph elements: the structure throttle for big clusters', () => {
  it('defers a structural change until the wall-clock interval has passed, then shows it', () => {
    const c = bootstrapS1();
    const model = new GraphModel();
    const first = model.update(c.world, { wallNow: 0, minStructureIntervalMs: 150 });
    c.push(V2, 2, ['kv1', 'kv2', 'kv3']); // kv3 leaves the topology: its edge becomes a ghost
    const early = model.update(c.world, { wallNow: 50, minStructureIntervalMs: 150 });
    expect(early.replEdges).toBe(first.replEdges);
    const later = model.update(c.world, { wallNow: 200, minStructureIntervalMs: 150 });
    expect(later.replEdges.find((e) => e.id === 'repl:kv3->kv1')?.classes).toContain('ghost');
  });

  it('without the options, every structural change shows at once', () => {
    const c = bootstrapS1();
    const model = new GraphModel();
    model.update(c.world);
    c.push(V2, 2, ['kv1', 'kv2', 'kv3']);
    expect(model.update(c.world).replEdges.find((e) => e.id === 'repl:kv3->kv1')?.classes).toContain('ghost');
  });
});
