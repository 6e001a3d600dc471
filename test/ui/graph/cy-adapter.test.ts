// The adapter patching one headless Cytoscape instance by id (no canvas under Vitest).
import { afterEach, describe, expect, it } from 'vitest';
import { GraphAdapter } from '../../../src/ui/graph/cy-adapter.ts';
import { FALLBACK_COLORS } from '../../../src/ui/graph/cy-style.ts';
import { GraphModel, type GraphElements } from '../../../src/ui/graph/elements.ts';
import { bootstrapS1, shardLines, TestCluster } from '../../support/cluster.ts';
import { untilWalSent } from '../../support/more.ts';

let adapter: GraphAdapter;
afterEach(() => adapter?.destroy());

function setup(c: TestCluster) {
  adapter = new GraphAdapter({ colors: FALLBACK_COLORS });
  const model = new GraphModel();
  const frame = (selected: string | null = null, minShowMs = 0) => adapter.patch(model.update(c.world, { minShowMs }), selected, () => model.shards(c.world));
  return { cy: adapter.cy, frame, model };
}

describe('GraphAdapter.patch', () => {
  it('adds every element once, then an unchanged frame touches nothing', () => {
    const c = bootstrapS1();
    const { cy, frame } = setup(c);
    const first = frame();
    expect(first).toEqual({ added: 7, removed: 0, updated: 0 });
    expect(cy.nodes('.kvnode').map((n) => n.id())).toEqual(['kv1', 'kv2', 'kv3']);
    expect(cy.edges().map((e) => e.id()).sort()).toEqual(['repl:kv2->kv1', 'repl:kv3->kv1', 'topo:kv2->kv1', 'topo:kv3->kv1']);
    expect(frame()).toEqual({ added: 0, removed: 0, updated: 0 });
  });

  it('keeps the same element objects and positions across updates (patched by id, never rebuilt)', () => {
    const c = bootstrapS1();
    const { cy, frame } = setup(c);
    frame();
    const kv3 = cy.getElementById('kv3');
    const at = { ...kv3.position() };
    c.push(shardLines('kv1', ['kv2']), 2, ['kv1', 'kv2', 'kv3']);
    frame();
    expect(cy.getElementById('kv3')).toBe(kv3);
    expect(cy.getElementById('kv3').position()).toEqual(at);
    expect(cy.getElementById('kv3').data('told')).toBe('not-in-topology');
  });

  it('#2618 buggy: the ghost edge gets class ghost; the topology edge is removed', () => {
    const c = bootstrapS1('buggy');
    const { cy, frame } = setup(c);
    frame();
    c.push(shardLines('kv1', ['kv2']), 2, ['kv1', 'kv2', 'kv3']);
    c.wait(5000);
    const stats = frame();
    expect(stats.removed).toBe(1);
    expect(cy.getElementById('topo:kv3->kv1').empty()).toBe(true);
    const ghost = cy.getElementById('repl:kv3->kv1');
    expect(ghost.hasClass('ghost')).toBe(true);
    expect(ghost.data('label')).toBe('ghost');
    expect(cy.getElementById('kv3').hasClass('mismatch')).toBe(true);
  });

  it('#2618 fixed: the edge disappears once the master notices', () => {
    const c = bootstrapS1('fixed');
    const { cy, frame } = setup(c);
    frame();
    c.push(shardLines('kv1', ['kv2']), 2, ['kv1', 'kv2', 'kv3']);
    frame();
    expect(cy.getElementById('repl:kv3->kv1').classes().filter((k) => k !== 'pulse')).toEqual(['repl', 'feed-only', 'ghost']);
    c.wait(5000);
    frame();
    expect(cy.getElementById('repl:kv3->kv1').empty()).toBe(true);
  });

  it('a replication state change switches classes and pulses the edge', () => {
    const c = bootstrapS1();
    const { cy, frame } = setup(c);
    frame();
    c.node('kv1').crash();
    c.wait(5);
    frame();
    const edge = cy.getElementById('repl:kv2->kv1');
    expect(edge.hasClass('broken')).toBe(true);
    expect(edge.hasClass('pulse')).toBe(true);
    expect(cy.getElementById('kv1').hasClass('down')).toBe(true);
  });

  it('marks the selected node, and moves the mark', () => {
    const c = bootstrapS1();
    const { cy, frame } = setup(c);
    frame('kv2');
    expect(cy.$('.selected').map((n) => n.id())).toEqual(['kv2']);
    frame('kv3');
    expect(cy.$('.selected').map((n) => n.id())).toEqual(['kv3']);
  });

  it('message dots move along the line from sender to receiver by progress, and vanish on arrival', () => {
    const c = bootstrapS1();
    const { cy, frame } = setup(c);
    frame();
    c.run('kv1', 'SET', 'k', 'v');
    c.world.runUntil(untilWalSent(c) + 50);
    frame(null, 100);
    const dots = adapter.dots.filter((d) => d.kind === 'wal');
    expect(dots.length).toBe(2);
    // Each feed thread sends at its own 2 ms poll: a dot is within 2% of its edge's midpoint.
    const a = cy.getElementById('kv1').position();
    for (const r of ['kv2', 'kv3']) {
      const b = cy.getElementById(r).position();
      const length = Math.hypot(b.x - a.x, b.y - a.y);
      const near = dots.filter((d) => Math.hypot(d.x - (a.x + b.x) / 2, d.y - (a.y + b.y) / 2) <= 0.02 * length);
      expect(near).toHaveLength(1);
    }
    expect(cy.nodes().length).toBe(3);
    c.wait(60);
    frame(null, 100);
    expect(adapter.dots.filter((d) => d.kind === 'wal')).toEqual([]);
  });

  it('a different node set (reset to 5 nodes) is laid out afresh; arrange groups by shard', () => {
    const c = bootstrapS1();
    const { cy, frame } = setup(c);
    frame();
    const big = new TestCluster(5);
    big.push(shardLines('kv4', ['kv5']), 1, ['kv4', 'kv5']);
    const model = new GraphModel();
    const g: GraphElements = model.update(big.world);
    adapter.patch(g, null, () => model.shards(big.world));
    expect(cy.nodes('.kvnode').length).toBe(5);
    adapter.arrange(model.shards(big.world), false);
    const d = (a: string, b: string) => {
      const p = cy.getElementById(a).position();
      const q = cy.getElementById(b).position();
      return Math.hypot(p.x - q.x, p.y - q.y);
    };
    // kv5 fans out below its master kv4, clear of its box (138 x 54).
    const [p4, p5] = [cy.getElementById('kv4').position(), cy.getElementById('kv5').position()];
    expect(Math.abs(p5.x - p4.x) >= 138 || Math.abs(p5.y - p4.y) >= 54).toBe(true);
    expect(d('kv4', 'kv5')).toBeLessThan(d('kv4', 'kv1'));
  });
});

describe('GraphAdapter.focus', () => {
  it('leaves a small fitted cluster where it is (every node is in view already)', () => {
    const c = bootstrapS1();
    const { cy, frame } = setup(c);
    frame();
    const before = { zoom: cy.zoom(), pan: { ...cy.pan() } };
    adapter.focus('kv3');
    expect(adapter.fitted).toBe(true);
    expect({ zoom: cy.zoom(), pan: cy.pan() }).toEqual(before);
  });

  it('frames a node of a cluster the view was zoomed away from', async () => {
    const c = bootstrapS1();
    const { cy, frame } = setup(c);
    frame();
    cy.zoom(0.2);
    adapter.fitted = false;
    adapter.focus('kv3');
    // The 300 ms animation runs on Cytoscape's own timer, headless too.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(cy.zoom()).toBeGreaterThanOrEqual(1);
  });
});
