/**
 * Node positions, computed when the set of nodes changes, when the topologies regroup nodes into
 * shards the current layout splits (`splitsShards`), or when the person asks to arrange by shard;
 * otherwise kept: patches never move nodes. A few shards sit on a circle (master in the middle,
 * replicas fanned out away from the centre). More go in rows of shard boxes: each box holds one
 * shard, its master above a row of its replicas, and a row of boxes never splits a box, so every
 * replication edge stays inside its shard's box.
 */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface NodeSize {
  readonly w: number;
  readonly h: number;
}

/** A shard's rectangle in model coordinates (the members' boxes included). */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface Layout {
  readonly positions: Map<string, Point>;
  /** One box per shard, in the order given. */
  readonly boxes: readonly Box[];
  /** The row each shard's box is in (0 at the top; all 0 on the circle). */
  readonly rows: readonly number[];
}

const GAP = 40;
/** Shards up to this count go on a circle; more go in rows. */
const CIRCLE_MAX = 8;
/** Each replica gets this much of the arc around its master (radians). */
const ARC_PER_REPLICA = (75 * Math.PI) / 180;
/** Rows are about this much wider than the whole is tall (a landscape screen). */
const ASPECT = 1.6;

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
function placeOnRing(members: readonly string[], center: Point, outward: number, size: NodeSize, out: Map<string, Point>): void {
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

function circleLayout(shards: readonly (readonly string[])[], size: NodeSize): Layout {
  const positions = new Map<string, Point>();
  const widest = Math.max(0, ...shards.map((s) => extent(s.length, size)));
  // Neighbouring shard centres are at least two extents plus a gap apart.
  const chord = 2 * widest + GAP;
  const radius = shards.length <= 1 ? 0 : chord / (2 * Math.sin(Math.PI / shards.length));
  const boxes = shards.map((members, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / shards.length;
    const center = { x: radius * Math.cos(a), y: radius * Math.sin(a) };
    placeOnRing(members, center, shards.length <= 1 ? Math.PI / 2 : a, size, positions);
    const r = extent(members.length, size);
    return { x: center.x - r, y: center.y - r, w: 2 * r, h: 2 * r };
  });
  return { positions, boxes, rows: shards.map(() => 0) };
}

/** The size of one shard's box: the master on top, its replicas side by side below. */
function boxSize(members: number, size: NodeSize): { w: number; h: number } {
  const across = Math.max(1, members - 1);
  return { w: across * size.w + (across - 1) * (GAP / 2), h: members <= 1 ? size.h : 2 * size.h + GAP * 1.5 };
}

function rowLayout(shards: readonly (readonly string[])[], size: NodeSize): Layout {
  const sizes = shards.map((s) => boxSize(s.length, size));
  const area = sizes.reduce((sum, b) => sum + (b.w + GAP) * (b.h + GAP), 0);
  const widest = Math.max(...sizes.map((b) => b.w));
  const rowWidth = Math.max(widest, Math.sqrt(area * ASPECT));
  const positions = new Map<string, Point>();
  const boxes: Box[] = [];
  const rows: number[] = [];
  let x = 0;
  let y = 0;
  let row = 0;
  let rowHeight = 0;
  shards.forEach((members, i) => {
    const b = sizes[i]!;
    if (x > 0 && x + b.w > rowWidth) {
      x = 0;
      y += rowHeight + GAP;
      row++;
      rowHeight = 0;
    }
    const [master, ...replicas] = members;
    if (master !== undefined) positions.set(master, { x: x + b.w / 2, y: y + size.h / 2 });
    replicas.forEach((name, k) => positions.set(name, { x: x + size.w / 2 + k * (size.w + GAP / 2), y: y + b.h - size.h / 2 }));
    boxes.push({ x, y, w: b.w, h: b.h });
    rows.push(row);
    rowHeight = Math.max(rowHeight, b.h);
    x += b.w + GAP;
  });
  return { positions, boxes, rows };
}

/** Positions for every node, shard by shard; each shard lists its master first. */
export function shardLayout(shards: readonly (readonly string[])[], size: NodeSize): Layout {
  return shards.length <= CIRCLE_MAX ? circleLayout(shards, size) : rowLayout(shards, size);
}

/**
 * True when some shard of `shards` has members that the layout made for `laidOut` placed in
 * different shards' boxes (the topologies regrouped them): time for a new layout. A node leaving
 * its shard (a removal) splits nothing: it stays where it was, inside its old box.
 */
export function splitsShards(laidOut: ReadonlyMap<string, number>, shards: readonly (readonly string[])[]): boolean {
  return shards.some((members) => members.length > 1 && members.some((name) => laidOut.get(name) !== laidOut.get(members[0]!)));
}

/** Which shard (by index) each node was laid out in. */
export function shardIndex(shards: readonly (readonly string[])[]): Map<string, number> {
  const out = new Map<string, number>();
  shards.forEach((members, i) => members.forEach((name) => out.set(name, i)));
  return out;
}
