/**
 * Parsing a whole CLUSTERX SETNODES payload into an immutable Topology.
 * The same payload is typically applied on every node of the cluster (up to 1000), so results are
 * memoised by payload string; that is safe because a Topology and its nodes are frozen.
 * // K-2024 src/cluster/cluster.cc parseClusterNodes, SetClusterNodes (replicas and size rebuild)
 */
import { ERR_INVALID_NODES_INFO, parseTopologyLine, type ParsedLine } from './topology-line.ts';
import { unorderedMapOrder } from './std-unordered-order.ts';
import { splitNonEmpty } from './text.ts';
import { K2024_SYNTAX, SLOT_COUNT, type ClusterNode, type SlotRange, type Topology, type TopologySyntax } from './types.ts';

export type ParseTopologyResult =
  | { readonly ok: true; readonly topology: Topology }
  | { readonly ok: false; readonly error: string };

const MEMO_SIZE = 4;
const memo: { payload: string; syntax: TopologySyntax; result: ParseTopologyResult }[] = [];

const sameSyntax = (a: TopologySyntax, b: TopologySyntax) => a.failFlag === b.failFlag;

/** Parse (or reuse the parse of) a SETNODES payload. Errors carry no `ERR ` prefix. */
export function parseClusterNodes(payload: string, syntax: TopologySyntax = K2024_SYNTAX): ParseTopologyResult {
  const hit = memo.findIndex((entry) => entry.payload === payload && sameSyntax(entry.syntax, syntax));
  if (hit >= 0) {
    const [entry] = memo.splice(hit, 1);
    if (entry !== undefined) {
      memo.unshift(entry);
      return entry.result;
    }
  }
  const result = parseUncached(payload, syntax);
  memo.unshift({ payload, syntax, result });
  if (memo.length > MEMO_SIZE) memo.pop();
  return result;
}

function parseUncached(payload: string, syntax: TopologySyntax): ParseTopologyResult {
  // Lines split on '\n' only: a '\r' stays inside the last token and fails its check.
  const lines = splitNonEmpty(payload, '\n');
  if (lines.length === 0) return { ok: false, error: ERR_INVALID_NODES_INFO };
  const claims = new Uint8Array(SLOT_COUNT);
  const parsed = new Map<string, { line: ParsedLine; order: number }>();
  const assignments: { range: SlotRange; owner: string }[] = [];
  for (const [order, text] of lines.entries()) {
    const line = parseTopologyLine(text, claims, syntax);
    if (typeof line === 'string') return { ok: false, error: line };
    // A duplicate id silently replaces the earlier line (keeping the map position of the first);
    // its earlier slot claims stay, now resolving to the later line's node (slots_nodes maps slot -> id).
    parsed.set(line.id, { line, order });
    for (const range of line.slots) assignments.push(Object.freeze({ range: Object.freeze(range), owner: line.id }));
  }
  return { ok: true, topology: assemble(parsed, assignments) };
}

function assemble(
  parsed: ReadonlyMap<string, { line: ParsedLine; order: number }>,
  assignments: readonly { range: SlotRange; owner: string }[],
): Topology {
  // Every walk of the node map follows std::unordered_map's order, replicas included.
  const mapOrder = unorderedMapOrder(parsed.keys()).map((id) => parsed.get(id)!);
  // Replicas: every slave line whose master id is present, whatever that node's role.
  const replicas = new Map<string, string[]>();
  for (const { line } of mapOrder) {
    if (line.role === 'slave' && line.masterId !== null && parsed.has(line.masterId)) {
      const list = replicas.get(line.masterId) ?? [];
      list.push(line.id);
      replicas.set(line.masterId, list);
    }
  }
  const nodes = new Map<string, ClusterNode>();
  let clusterSize = 0;
  for (const { line, order } of mapOrder) {
    nodes.set(line.id, freezeNode({ ...line, replicas: replicas.get(line.id) ?? [], order }));
    if (line.role === 'master' && line.slots.length > 0) clusterSize++;
  }
  return Object.freeze({ nodes, assignments: Object.freeze(assignments), clusterSize });
}

function freezeNode(node: ClusterNode): ClusterNode {
  Object.freeze(node.slots);
  Object.freeze(node.replicas);
  return Object.freeze(node);
}

const unassignedCache = new WeakMap<Topology, readonly SlotRange[]>();

/** Maximal runs of slots no line of the payload lists (empty for the usual full coverage). */
export function unassignedRanges(topology: Topology): readonly SlotRange[] {
  const cached = unassignedCache.get(topology);
  if (cached !== undefined) return cached;
  const listed = new Uint8Array(SLOT_COUNT);
  for (const { range } of topology.assignments) listed.fill(1, range.start, range.end + 1);
  const ranges: SlotRange[] = [];
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    if (listed[slot] === 1) continue;
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last.end === slot - 1) ranges[ranges.length - 1] = { start: last.start, end: slot };
    else ranges.push({ start: slot, end: slot });
  }
  unassignedCache.set(topology, ranges);
  return ranges;
}

/**
 * The same topology with new node objects. Upstream builds fresh node objects on every SETNODES,
 * and slot-owner runs are split by object identity; a node re-applying a memoised Topology whose
 * nodes still own some unlisted (stale) slot gets a fresh copy so the two never alias.
 */
export function withFreshNodeIdentities(topology: Topology): Topology {
  const nodes = new Map<string, ClusterNode>();
  for (const [id, node] of topology.nodes) nodes.set(id, Object.freeze({ ...node }));
  return Object.freeze({ ...topology, nodes });
}
