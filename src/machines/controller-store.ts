/**
 * The cluster as kvrocks-controller stores it: shards of nodes with slot ranges, and one version.
 * Pure data and functions; every change returns a new cluster and never touches a node.
 * // kvrocks-controller store/cluster.go, store/cluster_shard.go, store/slot.go
 */
import { SLOT_COUNT, type SlotRange } from '../kvrocks/cluster/types.ts';

export type StoredRole = 'master' | 'slave';

export interface StoredNode {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly role: StoredRole;
  /** A replica marked failed is printed `slave,fail` and skipped by the full sync (2026 controllers). */
  readonly failed?: boolean;
}

export interface StoredShard {
  readonly nodes: readonly StoredNode[];
  readonly slotRanges: readonly SlotRange[];
}

export interface StoredCluster {
  readonly name: string;
  readonly version: number;
  readonly shards: readonly StoredShard[];
}

export type StoreResult = { readonly ok: true; readonly cluster: StoredCluster } | { readonly ok: false; readonly error: string };

/** What the controller reads from a node's `INFO`: the `role` and `sequence` fields. */
export interface NodeInfo {
  readonly role: string;
  readonly sequence: number;
}

export type Promotion =
  | { readonly ok: true; readonly cluster: StoredCluster; readonly oldMasterId: string; readonly newMasterId: string }
  | { readonly ok: false; readonly error: string };

export type PromotionPlan =
  | { readonly ok: true; readonly master: StoredNode; readonly others: readonly StoredNode[] }
  | { readonly ok: false; readonly error: string };

export const nodeAddress = (node: StoredNode): string => `${node.host}:${node.port}`;

export const allNodes = (cluster: StoredCluster): StoredNode[] => cluster.shards.flatMap((shard) => shard.nodes);

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A 40-character id derived from the address, so a seed gives the same ids everywhere. Upstream draws
 * 40 random alphanumerics (kvrocks-controller util/string.go GenerateNodeID); only the shape is kept.
 */
export function nodeIdFor(address: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < address.length; i++) h = Math.imul(h ^ address.charCodeAt(i), 0x01000193) >>> 0;
  let id = '';
  for (let i = 0; i < 40; i++) {
    h = (h + 0x6d2b79f5) >>> 0; // mulberry32 step
    let t = Math.imul(h ^ (h >>> 15), h | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    id += ID_ALPHABET.charAt(((t ^ (t >>> 14)) >>> 0) % ID_ALPHABET.length);
  }
  return id;
}

/** Even split, the last shard takes the remainder. // kvrocks-controller store/slot.go CalculateSlotRanges */
export function splitSlots(shardCount: number): SlotRange[] {
  const size = Math.floor(SLOT_COUNT / shardCount);
  return Array.from({ length: shardCount }, (_, i) => ({
    start: i * size,
    end: i === shardCount - 1 ? SLOT_COUNT - 1 : (i + 1) * size - 1,
  }));
}

function parseAddress(address: string): { host: string; port: number } | null {
  const colon = address.lastIndexOf(':');
  const port = Number(address.slice(colon + 1));
  if (colon <= 0 || !/^\d+$/.test(address.slice(colon + 1)) || port > 65535) return null;
  return { host: address.slice(0, colon), port };
}

/**
 * Version 1; `replicas` is upstream's name for the nodes per shard (0 means 1), and the first node of
 * each group is its master. // kvrocks-controller store/cluster.go NewCluster
 */
export function createCluster(name: string, addresses: readonly string[], replicas: number, ids?: readonly string[]): StoreResult {
  if (addresses.length === 0) return { ok: false, error: 'cluster nodes should NOT be empty' };
  if (replicas < 0) return { ok: false, error: 'replicas should NOT be less than 0' };
  const perShard = replicas === 0 ? 1 : replicas;
  if (addresses.length % perShard !== 0) return { ok: false, error: 'cluster nodes should be divisible by replicas' };
  const nodes: StoredNode[] = [];
  for (const [i, address] of addresses.entries()) {
    const parsed = parseAddress(address);
    if (!parsed) return { ok: false, error: `invalid node address: ${address}` };
    const role: StoredRole = i % perShard === 0 ? 'master' : 'slave';
    nodes.push({ id: ids?.[i] ?? nodeIdFor(address), ...parsed, role });
  }
  const ranges = splitSlots(addresses.length / perShard);
  const shards = ranges.map((range, s) => ({ nodes: nodes.slice(s * perShard, (s + 1) * perShard), slotRanges: [range] }));
  return { ok: true, cluster: { name, version: 1, shards } };
}

/** `N` for a single slot, `a-b` otherwise. // kvrocks-controller store/slot.go SlotRange.String */
export const slotRangeText = (range: SlotRange): string =>
  range.start === range.end ? String(range.start) : `${range.start}-${range.end}`;

/**
 * The CLUSTERX SETNODES payload: per shard, the master line (`master - ` then the ranges, so a shard
 * without slots keeps the trailing space) and one line per slave, each ending in `\n`.
 * // kvrocks-controller store/cluster_shard.go ToSlotsString, store/cluster.go ToSlotString
 */
export function toNodesPayload(cluster: StoredCluster): string {
  let out = '';
  for (const [index, shard] of cluster.shards.entries()) {
    const master = shard.nodes.find((node) => node.role === 'master');
    if (!master) throw new RangeError(`found err at shard[${index}]: missing master node`);
    for (const node of shard.nodes) {
      const head = `${node.id} ${node.host} ${node.port} `;
      if (node === master) out += `${head}master - ${shard.slotRanges.map(slotRangeText).join(' ')}\n`;
      else out += `${head}${node.failed ? 'slave,fail' : 'slave'} ${master.id}\n`;
    }
  }
  return out;
}

function replaceShard(cluster: StoredCluster, index: number, shard: StoredShard): StoredCluster {
  return { ...cluster, version: cluster.version + 1, shards: cluster.shards.map((s, i) => (i === index ? shard : s)) };
}

/** Drops a replica; a master is refused. Version + 1 (the store's UpdateCluster). // kvrocks-controller store/cluster_shard.go removeNode */
export function removeNode(cluster: StoredCluster, id: string): StoreResult {
  const index = cluster.shards.findIndex((shard) => shard.nodes.some((node) => node.id === id));
  const shard = cluster.shards[index];
  if (!shard) return { ok: false, error: 'not found' };
  if (shard.nodes.some((node) => node.id === id && node.role === 'master')) {
    return { ok: false, error: 'cannot remove master node: invalid argument' };
  }
  return { ok: true, cluster: replaceShard(cluster, index, { ...shard, nodes: shard.nodes.filter((node) => node.id !== id) }) };
}

/**
 * The checks made before any node is asked: the shard exists, has a replica and a master, and (for
 * an automatic failover) that master is still the node that failed.
 * // kvrocks-controller store/cluster_shard.go promoteNewMaster
 */
export function promotionPlan(cluster: StoredCluster, shardIndex: number, masterId = ''): PromotionPlan {
  const shard = cluster.shards[shardIndex];
  if (!shard) return { ok: false, error: 'index out of range' };
  if (shard.nodes.length <= 1) return { ok: false, error: 'no replica in shard' };
  const master = shard.nodes.find((node) => node.role === 'master');
  if (!master) return { ok: false, error: 'old master node not found' };
  if (masterId !== '' && master.id !== masterId) return { ok: false, error: 'the old node is not master' };
  return { ok: true, master, others: shard.nodes.filter((node) => node !== master) };
}

/**
 * Picks the replica whose INFO says `role:slave` with the highest `sequence` (a later node wins a
 * tie); `infos` holds only the nodes that answered. A sequence of 0 is skipped unless the master's is
 * also 0, and an unreachable master counts as 0. The old master stays as a slave of the new one.
 * Version + 1. // kvrocks-controller store/cluster_shard.go getNewMasterNodeIndex (#340, "Fix #366")
 */
export function promoteNewMaster(
  cluster: StoredCluster,
  shardIndex: number,
  infos: ReadonlyMap<string, NodeInfo>,
  masterId = '',
): Promotion {
  const plan = promotionPlan(cluster, shardIndex, masterId);
  if (!plan.ok) return plan;
  const masterSequence = infos.get(plan.master.id)?.sequence ?? 0;
  let chosen: StoredNode | undefined;
  let newest = 0;
  for (const node of plan.others) {
    const info = infos.get(node.id);
    if (!info || info.role !== 'slave' || (info.sequence === 0 && masterSequence !== 0)) continue;
    if (info.sequence >= newest) {
      chosen = node;
      newest = info.sequence;
    }
  }
  if (!chosen) return { ok: false, error: 'no match new master in shard' };
  const newMaster = chosen;
  const shard = cluster.shards[shardIndex]!;
  const nodes = shard.nodes.map((node): StoredNode => {
    if (node === plan.master) return { ...node, role: 'slave' };
    return node === newMaster ? { ...node, role: 'master' } : node;
  });
  const promoted = replaceShard(cluster, shardIndex, { ...shard, nodes });
  return { ok: true, cluster: promoted, oldMasterId: plan.master.id, newMasterId: newMaster.id };
}
