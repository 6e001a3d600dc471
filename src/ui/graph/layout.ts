/**
 * Node positions, computed once (when the set of nodes changes, or when the person asks to arrange
 * by shard) and then kept: patches never move nodes. Each shard is a small group (master in the
 * middle, replicas fanned out away from the centre); shards sit on a circle, or on a grid when
 * there are many.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface NodeSize {
  readonly w: number;
  readonly h: number;
}

const GAP = 40;
/** Shards up to this count go on a circle; more go on a grid. */
const CIRCLE_MAX = 8;
/** Each replica gets this much of the arc around its master (radians). */
const ARC_PER_REPLICA = (75 * Math.PI) / 180;

/** Replicas sit on an ellipse around the master, far enough not to touch it. */
function ring(size: NodeSize): { rx: number; ry: number } {
  return { rx: size.w + GAP, ry: size.h + GAP * 1.5 };
}

/** How far a shard of `members` nodes reaches from its centre (its half-extent). */
function extent(members: number, size: NodeSize): number {
  const { rx, ry } = ring(size);
  return members <= 1 ? size.w / 2 : Math.max(rx, ry) + size.w / 2;
}

/** Members of one shard around `center`; replicas fan out towards `outward` (radians). */
function placeShard(members: readonly string[], center: Point, outward: number, size: NodeSize, out: Map<string, Point>): void {
  const [master, ...replicas] = members;
  if (master === undefined) return;
  out.set(master, center);
  const { rx, ry } = ring(size);
  const k = replicas.length;
  const full = k * ARC_PER_REPLICA >= 2 * Math.PI;
  const step = full ? (2 * Math.PI) / k : ARC_PER_REPLICA;
  replicas.forEach((name, i) => {
    const a = outward + (i - (k - 1) / 2) * step;
    out.set(name, { x: center.x + rx * Math.cos(a), y: center.y + ry * Math.sin(a) });
  });
}

/** Positions for every node, shard by shard; each shard lists its master first. */
export function shardLayout(shards: readonly (readonly string[])[], size: NodeSize): Map<string, Point> {
  const out = new Map<string, Point>();
  const widest = Math.max(0, ...shards.map((s) => extent(s.length, size)));
  if (shards.length <= CIRCLE_MAX) {
    // Neighbouring shard centres are at least two extents plus a gap apart.
    const chord = 2 * widest + GAP;
    const radius = shards.length <= 1 ? 0 : chord / (2 * Math.sin(Math.PI / shards.length));
    shards.forEach((members, i) => {
      const a = -Math.PI / 2 + (2 * Math.PI * i) / shards.length;
      placeShard(members, { x: radius * Math.cos(a), y: radius * Math.sin(a) }, shards.length <= 1 ? Math.PI / 2 : a, size, out);
    });
    return out;
  }
  const columns = Math.ceil(Math.sqrt(shards.length * 1.6));
  const cellW = 2 * widest + GAP;
  const cellH = shards.every((s) => s.length <= 1) ? size.h + GAP : cellW;
  shards.forEach((members, i) => {
    placeShard(members, { x: (i % columns) * cellW, y: Math.floor(i / columns) * cellH }, Math.PI / 2, size, out);
  });
  return out;
}
