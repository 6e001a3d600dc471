/**
 * Node positions, computed once (when a node first appears, or when the person asks to arrange by
 * shard) and then kept: patches never move nodes. Each shard is a small cluster (master in the
 * middle, replicas around it); shards sit on a circle, or on a grid when there are many.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

/** Distance from a shard's master to its replicas. */
export const SHARD_RADIUS = 80;
/** Shards up to this count go on a circle; more go on a grid. */
const CIRCLE_MAX = 12;
const GAP = 70;

function shardRadius(size: number): number {
  return size <= 1 ? 0 : SHARD_RADIUS + Math.max(0, size - 7) * 10;
}

/** Members of one shard around `center`; the ring starts pointing away from `outward` (radians). */
function placeShard(members: readonly string[], center: Point, outward: number, out: Map<string, Point>): void {
  const [master, ...replicas] = members;
  if (master === undefined) return;
  out.set(master, center);
  const r = shardRadius(members.length);
  const spread = replicas.length === 1 ? 0 : (2 * Math.PI) / replicas.length;
  replicas.forEach((name, i) => {
    const a = outward + (i - (replicas.length - 1) / 2) * spread;
    out.set(name, { x: center.x + r * Math.cos(a), y: center.y + r * Math.sin(a) });
  });
}

/** Positions for every node, shard by shard; each shard lists its master first. */
export function shardLayout(shards: readonly (readonly string[])[]): Map<string, Point> {
  const out = new Map<string, Point>();
  const widest = Math.max(0, ...shards.map((s) => shardRadius(s.length)));
  if (shards.length <= CIRCLE_MAX) {
    // Neighbouring shard centres must be at least two shard radii plus a gap apart.
    const chord = 2 * widest + GAP * 1.5;
    const radius = shards.length <= 1 ? 0 : Math.max(110, chord / (2 * Math.sin(Math.PI / shards.length)));
    shards.forEach((members, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / shards.length;
      placeShard(members, { x: radius * Math.cos(a), y: radius * Math.sin(a) }, shards.length <= 1 ? Math.PI / 2 : a, out);
    });
    return out;
  }
  const columns = Math.ceil(Math.sqrt(shards.length));
  const cell = 2 * widest + GAP;
  shards.forEach((members, i) => {
    placeShard(members, { x: (i % columns) * cell, y: Math.floor(i / columns) * cell }, Math.PI / 2, out);
  });
  return out;
}

/** Where a node with no position yet goes: beside everything placed so far. */
export function positionForNewcomer(existing: readonly Point[], index: number): Point {
  const maxX = Math.max(0, ...existing.map((p) => p.x));
  return { x: maxX + GAP * 2, y: index * GAP };
}
