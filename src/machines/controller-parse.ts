/**
 * How kvrocks-controller reads a node's replies: the version from CLUSTER INFO, role and sequence
 * from INFO, and a whole topology from CLUSTER NODES (adopted when a node is ahead of the store).
 * // kvrocks-controller store/cluster_node.go GetClusterInfo, GetClusterNodeInfo; store/cluster.go ParseCluster
 */
import { SLOT_COUNT, type SlotRange } from '../protocol/slots.ts';
import type { Reply } from '../protocol/reply.ts';
import type { NodeInfo, StoreResult, StoredCluster, StoredNode, StoredShard } from './controller-store.ts';

/** The text of a bulk or status reply; null for anything else. */
export const textOf = (reply: Reply | null): string | null => (reply?.type === 'bulk' || reply?.type === 'status' ? reply.text : null);
/** Why a call failed, for the log. */
export const failureOf = (reply: Reply | null): string => (reply === null ? 'unreachable' : reply.type === 'error' ? reply.text : 'unexpected reply');

const GO_INT = /^[+-]?\d+$/; // strconv.ParseInt / Atoi, base 10
const GO_UINT = /^\d+$/; // strconv.ParseUint

/** `key:value` pairs of CRLF lines; a line with no colon or more than one is skipped. */
function fields(text: string): [string, string][] {
  return text.split('\r\n').flatMap((line) => {
    const parts = line.split(':');
    return parts.length === 2 ? [[parts[0]!, parts[1]!] as [string, string]] : [];
  });
}

/** `cluster_current_epoch`, -1 when absent; null when it is not an integer (the probe then fails). */
export function parseClusterEpoch(text: string): number | null {
  let epoch = -1;
  for (const [key, raw] of fields(text)) {
    if (key.trim().toLowerCase() !== 'cluster_current_epoch') continue;
    const value = raw.trim();
    if (!GO_INT.test(value)) return null;
    epoch = Number(value);
  }
  return epoch;
}

/**
 * `cluster_known_nodes` and `cluster_slots_ok`, -1 when absent; null when either is not an integer
 * (the probe then fails). // kvrocks-controller PR #400 store/cluster_node.go parseClusterInfo
 */
export function parseClusterCounts(text: string): { readonly knownNodes: number; readonly slotsOk: number } | null {
  const counts = { knownNodes: -1, slotsOk: -1 };
  for (const [key, raw] of fields(text)) {
    const name = key.trim().toLowerCase();
    const field = name === 'cluster_known_nodes' ? 'knownNodes' : name === 'cluster_slots_ok' ? 'slotsOk' : null;
    if (field === null) continue;
    if (!GO_INT.test(raw.trim())) return null;
    counts[field] = Number(raw.trim());
  }
  return counts;
}

/** `role` and `sequence` (# Keyspace) of INFO; sequence 0 and role '' when absent, null when malformed. */
export function parseNodeInfo(text: string): NodeInfo | null {
  let role = '';
  let sequence = 0;
  for (const [key, value] of fields(text)) {
    if (key === 'role') role = value;
    else if (key === 'sequence') {
      if (!GO_UINT.test(value)) return null;
      sequence = Number(value);
    }
  }
  return { role, sequence };
}

/**
 * A node's version from CLUSTER INFO: -1 when not initialized, 'loading' while it restores a backup,
 * or why the probe failed. Substring checks, as old kvrocks prefixed these with `ERR` (kvrocks#2362).
 * // kvrocks-controller controller/cluster.go probeNode
 */
export function probeVersion(reply: Reply | null): number | 'loading' | { readonly failed: string } {
  if (reply?.type === 'error' && reply.text.includes('LOADING kvrocks is restoring the db from backup')) return 'loading';
  if (reply?.type === 'error' && reply.text.includes('CLUSTERDOWN The cluster is not initialized')) return -1;
  const text = textOf(reply);
  const epoch = text === null ? null : parseClusterEpoch(text);
  return epoch ?? { failed: text === null ? failureOf(reply) : 'invalid cluster_current_epoch' };
}

/** Why a node may not join a new cluster, or null when it is at version -1. // store/cluster_node.go CheckClusterMode */
export function clusterModeError(address: string, reply: Reply | null): string | null {
  if (reply?.type === 'error' && reply.text.includes('cluster is not initialized')) return null;
  const version = probeVersion(reply);
  if (typeof version === 'number') return version === -1 ? null : 'node is already in cluster mode';
  return `error while checking node cluster mode: ${address}: ${version === 'loading' ? failureOf(reply) : version.failed}`;
}

const OUT_OF_RANGE = 'slot id was out of range, should be between 0 and 16383';

function atoi(text: string): number | string {
  return GO_INT.test(text) ? Number(text) : `strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`;
}

/** `N` or `a-b`, both ends inclusive. // kvrocks-controller store/slot.go ParseSlotRange */
export function parseSlotRange(text: string): SlotRange | string {
  const dashes = text.split('-').length - 1;
  if (dashes > 1) return 'invalid argument, cannot have more than one range';
  const [startText, endText = startText] = text.split('-') as [string, string?];
  const start = atoi(startText);
  const end = atoi(endText);
  if (typeof start === 'string') return start;
  if (typeof end === 'string') return end;
  if (start > end) return 'start slot id greater than stop slot id';
  if (start < 0 || start >= SLOT_COUNT || end < 0 || end >= SLOT_COUNT) return OUT_OF_RANGE;
  return { start, end };
}

function hostAndPort(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon), port: Number(address.slice(colon + 1)) };
}

/**
 * A node's CLUSTER NODES text as a stored cluster, at the version the node prints (no bump): one
 * shard per master line, sorted by first slot (shards without slots last), its slaves appended in the
 * order they appear; a slave whose master is not listed is dropped.
 */
export function parseClusterNodes(text: string, name: string): StoreResult {
  const trimmed = text.replace(/\n+$/, ''); // GetClusterNodesString: TrimRight "\n"
  if (trimmed.length === 0) return { ok: false, error: 'cluster nodes string error' };
  let version = -1;
  const masters: { node: StoredNode; slotRanges: SlotRange[] }[] = [];
  const slaves = new Map<string, StoredNode[]>();
  for (const line of trimmed.split('\n')) {
    const f = line.split(' ');
    if (f.length < 7) return { ok: false, error: `require at least 7 fields, node info[${line}]` };
    const flags = f[2]!.split(',');
    const role = flags.includes('master') ? 'master' : flags.includes('slave') ? 'slave' : null;
    const parsedVersion = atoi(f[6]!);
    if (typeof parsedVersion === 'string') return { ok: false, error: `node version error, node info[${JSON.stringify(line)}]` };
    version = parsedVersion;
    const address = hostAndPort(f[1]!.split('@')[0]!);
    const node: StoredNode = { id: f[0]!, ...address, role: role ?? 'slave', ...(flags.includes('fail') ? { failed: true } : {}) };
    if (role === 'master') {
      const slotRanges: SlotRange[] = [];
      for (const token of f.slice(8)) {
        const range = parseSlotRange(token);
        if (typeof range === 'string') return { ok: false, error: `parse slots error for node[${line}]: ${range}` };
        slotRanges.push(range);
      }
      masters.push({ node, slotRanges });
    } else if (role === 'slave') {
      slaves.set(f[3]!, [...(slaves.get(f[3]!) ?? []), node]);
    } else {
      return { ok: false, error: `node role error, node info[${JSON.stringify(line)}]` };
    }
  }
  if (version === -1) return { ok: false, error: `no cluster version, cluster info[${JSON.stringify(trimmed)}]` };
  // sort.Sort(shards): by first slot, shards without slots last (a stable sort here)
  const firstSlot = (entry: { slotRanges: SlotRange[] }) => entry.slotRanges[0]?.start ?? SLOT_COUNT;
  const shards: StoredShard[] = [...masters]
    .sort((a, b) => firstSlot(a) - firstSlot(b))
    .map(({ node, slotRanges }) => ({ nodes: [node, ...(slaves.get(node.id) ?? [])], slotRanges }));
  const cluster: StoredCluster = { name, version, shards };
  return { ok: true, cluster };
}
