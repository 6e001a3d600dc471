/**
 * Finding nodes by what a person types: a name (`kv8`, `8`), a node id prefix (`a3f`), or an
 * address (`30008`, `127.0.0.1:30008`). Used by the graph's search box and the fault pickers, so a
 * 1,000-node cluster is searched, never scrolled.
 */
import type { World } from '../../kvrocks/world.ts';

export interface NodeEntry {
  readonly name: string;
  readonly address: string;
  /** The node's own id (`myid`), '' before it has one. */
  readonly id: string;
}

export interface NodeMatch extends NodeEntry {
  /** What matched, for the option's second line: `name`, `id` or `address`. */
  readonly by: 'name' | 'id' | 'address';
}

export function nodeEntries(world: World): NodeEntry[] {
  return world.nodes.map((n) => ({ name: n.name, address: n.address, id: n.cluster.myId }));
}

/** How well `entry` matches: 0 exact name, 1 name prefix, 2 id prefix, 3 address part; null no match. */
function rank(entry: NodeEntry, q: string): { score: number; by: NodeMatch['by'] } | null {
  const name = entry.name.toLowerCase();
  if (name === q || name === `kv${q}`) return { score: 0, by: 'name' };
  if (name.startsWith(q) || (/^\d+$/.test(q) && name.startsWith(`kv${q}`))) return { score: 1, by: 'name' };
  if (q.length >= 2 && entry.id.toLowerCase().startsWith(q)) return { score: 2, by: 'id' };
  if (q.length >= 2 && entry.address.includes(q.replace(/^localhost:/, '127.0.0.1:'))) return { score: 3, by: 'address' };
  return null;
}

/**
 * The entries matching `query`, best first (exact name, then name prefixes in cluster order, then
 * ids, then addresses), at most `limit`. An empty query lists the first `limit` entries.
 */
export function matchNodes(entries: readonly NodeEntry[], query: string, limit = 8): NodeMatch[] {
  const q = query.trim().toLowerCase();
  if (q === '') return entries.slice(0, limit).map((e) => ({ ...e, by: 'name' }));
  const ranked: { e: NodeEntry; score: number; by: NodeMatch['by']; i: number }[] = [];
  entries.forEach((e, i) => {
    const r = rank(e, q);
    if (r) ranked.push({ e, ...r, i });
  });
  ranked.sort((a, b) => a.score - b.score || a.i - b.i);
  return ranked.slice(0, limit).map(({ e, by }) => ({ ...e, by }));
}
