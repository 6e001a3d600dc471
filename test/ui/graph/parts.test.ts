// Smaller graph parts: in-flight caps, layout, the trace cursor, the controller node.
import { describe, expect, it } from 'vitest';
import type { TraceEntry } from '../../../src/engine/trace.ts';
import { Session } from '../../../src/lab/session.ts';
import { GraphModel } from '../../../src/ui/graph/elements.ts';
import { shardLayout } from '../../../src/ui/graph/layout.ts';
import { InFlight, messageKind } from '../../../src/ui/graph/messages.ts';
import { TraceCursor } from '../../../src/ui/graph/trace-cursor.ts';
import { bootstrapS1 } from '../../support/cluster.ts';

const msg = (sentAt: number, from = 'kv1', to = 'kv2', label = 'ping'): TraceEntry => ({ t: sentAt, kind: 'message', from, to, conn: 1, label, sentAt, arriveAt: sentAt + 2 });

describe('InFlight', () => {
  it('classifies labels', () => {
    expect(['SYN', 'ping', 'reply', 'line', '-ERR', 'WAL 1-3', 'files (3 keys)', 'PSYNC 1'].map(messageKind)).toEqual(['syn', 'ping', 'reply', 'reply', 'error', 'wal', 'files', 'command']);
  });

  it('shows the newest few per link and in all, oldest first', () => {
    const f = new InFlight();
    f.add([msg(0), msg(1), msg(2), msg(3), msg(3, 'kv2', 'kv1')]);
    const shown = f.at(3.5, { minShowMs: 10, perLink: 2, total: 10 });
    expect(shown.map((m) => `${m.id}:${m.from}>${m.to}`)).toEqual(['msg:2:kv1>kv2', 'msg:3:kv1>kv2', 'msg:4:kv2>kv1']);
    expect(f.at(3.5, { minShowMs: 10, total: 1 }).map((m) => m.id)).toEqual(['msg:4']);
  });

  it('forgets finished messages, and does not show one sent in the future', () => {
    const f = new InFlight();
    f.add([msg(0), msg(100)]);
    expect(f.at(50).map((m) => m.id)).toEqual([]);
    expect(f.at(101).map((m) => [m.id, m.progress])).toEqual([['msg:1', 0.5]]);
  });
});

describe('TraceCursor', () => {
  it('gives only new entries, and everything again for a new world', () => {
    const c = bootstrapS1();
    const cursor = new TraceCursor();
    const first = cursor.next(c.world);
    expect(first.restarted).toBe(true);
    expect(first.entries.length).toBe(c.world.sim.trace.entries.length);
    expect(cursor.next(c.world).entries).toEqual([]);
    c.run('kv1', 'SET', 'a', 'b');
    expect(cursor.next(c.world).entries.length).toBeGreaterThan(0);
    expect(cursor.next(bootstrapS1().world).restarted).toBe(true);
  });
});

describe('shardLayout', () => {
  const size = { w: 138, h: 54 };
  const overlaps = (ps: { x: number; y: number }[]) => ps.some((p, i) => ps.some((q, j) => i < j && Math.abs(p.x - q.x) < size.w && Math.abs(p.y - q.y) < size.h));

  it('places every node once, with no two boxes overlapping (circle and grid)', () => {
    for (const shards of [[['kv1', 'kv2', 'kv3']], [['a'], ['b'], ['c']], Array.from({ length: 30 }, (_, i) => [`m${i}`, `r${i}a`, `r${i}b`])]) {
      const at = shardLayout(shards, size).positions;
      expect(at.size).toBe(shards.flat().length);
      expect(overlaps([...at.values()])).toBe(false);
    }
  });

  it('a shard keeps its master in the middle of its replicas', () => {
    const at = shardLayout([['kv1', 'kv2', 'kv3']], size).positions;
    const [m, a, b] = ['kv1', 'kv2', 'kv3'].map((n) => at.get(n)!);
    expect((a!.x + b!.x) / 2).toBeCloseTo(m!.x, 6);
  });
});

describe('the controller in the graph', () => {
  it('appears once it talks to a node, with its messages', () => {
    const s = new Session({ nodes: 3, seed: 1, mode: 'buggy' });
    const model = new GraphModel();
    expect(model.update(s.world).nodes.map((n) => n.id)).toEqual(['kv1', 'kv2', 'kv3']);
    s.run('.controller start');
    s.run('.controller create 3');
    s.runUntil(3050);
    const g = model.update(s.world, { minShowMs: 100 });
    expect(g.nodes.map((n) => n.id)).toEqual(['kv1', 'kv2', 'kv3', 'controller']);
    expect(g.nodes[3]).toMatchObject({ kind: 'controller', classes: 'controller' });
    expect(g.messages.some((m) => m.from === 'controller' || m.to === 'controller')).toBe(true);
  });
});

describe('GraphModel frames', () => {
  it('hands back the same node and edge arrays while only pings and WAL batches travel', () => {
    const c = bootstrapS1();
    const model = new GraphModel();
    const first = model.update(c.world);
    const t = c.world.now();
    const trace = c.world.sim.trace;
    trace.record({ t, kind: 'message', from: 'kv1', to: 'kv2', conn: 1, label: 'ping', sentAt: t, arriveAt: t + 2 });
    trace.record({ t, kind: 'message', from: 'kv1', to: 'kv3', conn: 2, label: 'WAL 1-1', sentAt: t, arriveAt: t + 2 });
    const dataPlane = model.update(c.world, { minShowMs: 100 });
    expect(dataPlane.nodes).toBe(first.nodes);
    expect(dataPlane.topoEdges).toBe(first.topoEdges);
    expect(dataPlane.replEdges).toBe(first.replEdges);
    expect(dataPlane.messages.map((m) => m.kind)).toEqual(['ping', 'wal']);
    trace.record({ t, kind: 'message', from: 'kv1', to: 'kv2', conn: 3, label: 'CLUSTERX SETNODES', sentAt: t, arriveAt: t + 2 });
    expect(model.update(c.world).nodes).not.toBe(first.nodes);
  });

  it('recomputes at least once a virtual second', () => {
    const c = bootstrapS1();
    const model = new GraphModel();
    const first = model.update(c.world);
    c.wait(1000);
    expect(model.update(c.world).nodes).not.toBe(first.nodes);
  });
});
