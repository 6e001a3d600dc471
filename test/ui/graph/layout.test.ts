// The shard-aware layout at 100, 500 and 1,000 nodes: rows of whole shards, edges inside a shard's box.
import { describe, expect, it } from 'vitest';
import { shardIndex, shardLayout, splitsShards, type Box, type Point } from '../../../src/ui/graph/layout.ts';

const size = { w: 46, h: 26 };

/** `nodes` names kv1.. in shards of one master and `replicas` replicas (the controller's `create`). */
function shardsOf(nodes: number, perShard: number): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < nodes; i += perShard) out.push(Array.from({ length: Math.min(perShard, nodes - i) }, (_, k) => `kv${i + k + 1}`));
  return out;
}

const inside = (p: Point, b: Box) => p.x - size.w / 2 >= b.x - 1e-9 && p.x + size.w / 2 <= b.x + b.w + 1e-9 && p.y - size.h / 2 >= b.y - 1e-9 && p.y + size.h / 2 <= b.y + b.h + 1e-9;
const apart = (a: Box, b: Box) => a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;

describe('shardLayout in rows', () => {
  for (const nodes of [100, 500, 1000]) {
    it(`${nodes} nodes in shards of 4: each shard's members lie in its own box, boxes in rows, none overlapping`, () => {
      const shards = shardsOf(nodes, 4);
      const { positions, boxes, rows } = shardLayout(shards, size);
      expect(positions.size).toBe(nodes);
      expect(boxes).toHaveLength(shards.length);
      shards.forEach((members, i) => {
        // Every member (so every replica -> master edge, a straight segment) lies inside the shard's box.
        for (const name of members) expect(inside(positions.get(name)!, boxes[i]!)).toBe(true);
        // The master sits above the middle of its replicas.
        const [master, ...replicas] = members.map((n) => positions.get(n)!);
        const mid = replicas.reduce((s, p) => s + p.x, 0) / replicas.length;
        expect(master!.x).toBeCloseTo(mid, 6);
        for (const r of replicas) expect(r.y).toBeGreaterThan(master!.y);
      });
      // No shard straddles a row: a box's vertical span lies within its row's band, and rows do not overlap.
      const bands = new Map<number, { top: number; bottom: number }>();
      boxes.forEach((b, i) => {
        const band = bands.get(rows[i]!) ?? { top: Infinity, bottom: -Infinity };
        bands.set(rows[i]!, { top: Math.min(band.top, b.y), bottom: Math.max(band.bottom, b.y + b.h) });
      });
      const ordered = [...bands.entries()].sort(([a], [b]) => a - b).map(([, band]) => band);
      for (let r = 1; r < ordered.length; r++) expect(ordered[r]!.top).toBeGreaterThan(ordered[r - 1]!.bottom);
      expect(ordered.length).toBeGreaterThan(1);
      for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) if (!apart(boxes[i]!, boxes[j]!)) throw new Error(`boxes ${i} and ${j} overlap`);
      // Rows read left to right: shard order is kept within a row and from row to row.
      for (let i = 1; i < boxes.length; i++) {
        if (rows[i] === rows[i - 1]) expect(boxes[i]!.x).toBeGreaterThan(boxes[i - 1]!.x);
        else expect(rows[i]).toBe(rows[i - 1]! + 1);
      }
    });
  }

  it('1,000 nodes without a topology (each its own shard) fill a landscape block', () => {
    const { positions, boxes } = shardLayout(shardsOf(1000, 1), size);
    const xs = [...positions.values()].map((p) => p.x);
    const ys = [...positions.values()].map((p) => p.y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(width / height).toBeGreaterThan(1.2);
    expect(width / height).toBeLessThan(2.5);
    expect(boxes.every((b) => b.h === size.h)).toBe(true);
  });
});

describe('splitsShards', () => {
  const before = shardIndex(shardsOf(8, 1));
  it('the controller grouping singletons into shards splits the old layout', () => {
    expect(splitsShards(before, shardsOf(8, 4))).toBe(true);
  });
  it('a node leaving its shard (removed from the topology) splits nothing', () => {
    const laidOut = shardIndex(shardsOf(8, 4));
    expect(splitsShards(laidOut, [['kv1', 'kv3', 'kv4'], ['kv2'], ['kv5', 'kv6', 'kv7', 'kv8']])).toBe(false);
    expect(splitsShards(laidOut, [['kv1', 'kv2', 'kv3', 'kv4', 'kv5'], ['kv6', 'kv7', 'kv8']])).toBe(true);
  });
});
