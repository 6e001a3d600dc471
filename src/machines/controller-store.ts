/**
 * The cluster as kvrocks-controller stores it: shards of nodes with slot ranges, and one version.
 * Pure data and functions; every change returns a new cluster and never touches a node.
 * // kvrocks-controller store/cluster.go, store/cluster_shard.go, store/slot.go, store/store.go
 */
import { SLOT_COUNT, type SlotRange } from '../protocol/slots.ts';
import { suggestedNodeId } from '../protocol/node-ids.ts';
import { parseClusterNodes } from './controller-parse.ts';

export interface StoredNode {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly role: 'master' | 'slave';
  /** A replica marked failed is printed `slave,fail` and skipped by the full sync (2026 controllers). */
  readonly failed?: boolean;
}

export interface StoredShard {
  readonly nodes: readonly StoredNode[];
  readonly slotRanges: readonly SlotRange[];
  /** The slots this shard is migrating away, and to which shard. // kvrocks-controller store/cluster_shard.go */
  readonly migratingSlot?: SlotRange;
  readonly targetShardIndex?: number;
}

export interface StoredCluster {
  readonly name: string;
  readonly version: number;
  readonly shards: readonly StoredShard[];
}

type Failed = { readonly ok: false; readonly error: string };
export type StoreResult = { readonly ok: true; readonly cluster: StoredCluster } | Failed;
export type Promotion = { readonly ok: true; readonly cluster: StoredCluster; readonly oldMasterId: string; readonly newMasterId: string } | Failed;
export type PromotionPlan = { readonly ok: true; readonly master: StoredNode; readonly others: readonly StoredNode[] } | Failed;

/** What the controller reads from a node's `INFO`: the `role` and `sequence` fields. */
export interface NodeInfo {
  readonly role: string;
  readonly sequence: number;
}

export const nodeAddress = (node: StoredNode): string => `${node.host}:${node.port}`;
export const allNodes = (cluster: StoredCluster): StoredNode[] => cluster.shards.flatMap((shard) => shard.nodes);

/** Even split, the last shard takes the remainder. // kvrocks-controller store/slot.go CalculateSlotRanges */
export function splitSlots(shardCount: number): SlotRange[] {
  const size = Math.floor(SLOT_COUNT / shardCount);
  return Array.from({ length: shardCount }, (_, i) => ({ start: i * size, end: i === shardCount - 1 ? SLOT_COUNT - 1 : (i + 1) * size - 1 }));
}

/**
 * Version 1; `replicas` is upstream's name for the nodes per shard (0 means 1), the first node of each
 * group is its master. Ids default to a stable 40-hex id per address (upstream draws random ones).
 * // kvrocks-controller store/cluster.go NewCluster
 */
export function createCluster(name: string, addresses: readonly string[], replicas: number, ids?: readonly string[]): StoreResult {
  if (addresses.length === 0) return { ok: false, error: 'cluster nodes should NOT be empty' };
  if (replicas < 0) return { ok: false, error: 'replicas should NOT be less than 0' };
  const perShard = replicas === 0 ? 1 : replicas;
  if (addresses.length % perShard !== 0) return { ok: false, error: 'cluster nodes should be divisible by replicas' };
  const nodes: StoredNode[] = [];
  for (const [i, address] of addresses.entries()) {
    const colon = address.lastIndexOf(':');
    const port = address.slice(colon + 1);
    if (colon <= 0 || !/^\d{1,5}$/.test(port) || Number(port) > 65535) return { ok: false, error: `invalid node address: ${address}` };
    const role = i % perShard === 0 ? 'master' : 'slave';
    nodes.push({ id: ids?.[i] ?? suggestedNodeId(address), host: address.slice(0, colon), port: Number(port), role });
  }
  const shards = splitSlots(addresses.length / perShard).map((range, s) => ({ nodes: nodes.slice(s * perShard, (s + 1) * perShard), slotRanges: [range] }));
  return { ok: true, cluster: { name, version: 1, shards } };
}

/** `N` for a single slot, `a-b` otherwise. // kvrocks-controller store/slot.go SlotRange.String */
export const slotRangeText = (range: SlotRange): string => (range.start === range.end ? String(range.start) : `${range.start}-${range.end}`);

/**
 * The CLUSTERX SETNODES payload, nodes in stored order: the master line (`master - ` then the ranges,
 * so a shard without slots keeps the trailing space) and slave lines, each ending in `\n`.
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

/** Drops a replica, refuses a master; version + 1 (UpdateCluster). // kvrocks-controller store/cluster_shard.go removeNode */
export function removeNode(cluster: StoredCluster, id: string): StoreResult {
  const index = cluster.shards.findIndex((shard) => shard.nodes.some((node) => node.id === id));
  const shard = cluster.shards[index];
  if (!shard) return { ok: false, error: 'not found' };
  if (shard.nodes.some((node) => node.id === id && node.role === 'master')) return { ok: false, error: 'cannot remove master node: invalid argument' };
  return { ok: true, cluster: replaceShard(cluster, index, { ...shard, nodes: shard.nodes.filter((node) => node.id !== id) }) };
}

/**
 * The checks made before any node is asked: the shard exists, has a replica and a master, and (for
 * an automatic failover) that master is still the node that failed. // store/cluster_shard.go promoteNewMaster
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

/** Which upstream rules pick the new master (switches skip-unready-replica-340, empty-shard-failover-377). */
export interface PromotionRules {
  /** A candidate must show role:slave and a sequence above 0. // kvrocks-controller PR #340 */
  readonly skipUnready: boolean;
  /** ...except sequence 0 while the master's is 0 too (or unknown). // kvrocks-controller PR #377 (#366) */
  readonly emptyShard: boolean;
}

export const PRE_340_RULES: PromotionRules = { skipUnready: false, emptyShard: false };

/**
 * The replica with the highest `sequence` among those whose INFO answered (a later node wins a tie);
 * `infos` holds the nodes that answered. Before #340 that is all; with it, a node must say
 * `role:slave` with a sequence above 0, and with #377 sequence 0 passes while the master's is 0
 * too (an unreachable master counts as 0). The old master stays, as a slave of the new one; version + 1.
 * // kvrocks-controller store/cluster_shard.go getNewMasterNodeIndex (PR #340, PR #377)
 */
export function promoteNewMaster(cluster: StoredCluster, shardIndex: number, infos: ReadonlyMap<string, NodeInfo>, masterId = '', rules: PromotionRules = PRE_340_RULES): Promotion {
  const plan = promotionPlan(cluster, shardIndex, masterId);
  if (!plan.ok) return plan;
  const masterSequence = infos.get(plan.master.id)?.sequence ?? 0;
  const unready = (info: NodeInfo) => info.role !== 'slave' || (info.sequence === 0 && !(rules.emptyShard && masterSequence === 0));
  let chosen: StoredNode | undefined;
  let newest = 0;
  for (const node of plan.others) {
    const info = infos.get(node.id);
    if (!info || (rules.skipUnready && unready(info))) continue;
    if (info.sequence >= newest) [chosen, newest] = [node, info.sequence];
  }
  if (!chosen) return { ok: false, error: 'no match new master in shard' };
  const shard = cluster.shards[shardIndex]!;
  const role = (node: StoredNode) => (node === plan.master ? 'slave' : node === chosen ? 'master' : node.role);
  const nodes = shard.nodes.map((node): StoredNode => (role(node) === node.role ? node : { ...node, role: role(node) }));
  return { ok: true, cluster: replaceShard(cluster, shardIndex, { ...shard, nodes }), oldMasterId: plan.master.id, newMasterId: chosen.id };
}

/** What the API or the probe loop asks of the store. */
export type StoreRequest =
  | { readonly kind: 'create'; readonly cluster: StoredCluster }
  | { readonly kind: 'remove'; readonly id: string }
  | {
      readonly kind: 'promote';
      readonly basis: StoredCluster;
      readonly shard: number;
      readonly infos: ReadonlyMap<string, NodeInfo>;
      readonly masterId: string;
      readonly rules?: PromotionRules;
    }
  | { readonly kind: 'adopt'; readonly text: string }
  /** A migration started or checked (controller-migration.ts): `next` computed on `basis`, stored with version + 1. */
  | { readonly kind: 'migration'; readonly basis: StoredCluster; readonly next: StoredCluster; readonly text: string };

export type StoreChange = { readonly ok: true; readonly cluster: StoredCluster; readonly text: string; readonly promoted?: string } | Failed;

/**
 * The stored cluster after a request. A promotion computed on an older version is refused, and a
 * node's CLUSTER NODES is adopted at its own version, without a bump (SetCluster).
 * // kvrocks-controller store/store.go CreateCluster, UpdateCluster, SetCluster
 */
export function changeStore(stored: StoredCluster | null, request: StoreRequest): StoreChange {
  if (request.kind === 'create') {
    if (stored) return { ok: false, error: 'cluster: already exists' };
    return { ok: true, cluster: request.cluster, text: `created ${request.cluster.name} v${request.cluster.version}; the next probe pushes it` };
  }
  if (!stored) return { ok: false, error: 'cluster: not found' };
  if (request.kind === 'remove') {
    const removed = removeNode(stored, request.id);
    return removed.ok ? { ...removed, text: `removed ${request.id}: v${removed.cluster.version}, not told to the removed node` } : removed;
  }
  const older = { ok: false, error: 'the cluster has been updated by others' } as const;
  if (request.kind === 'migration') {
    if (stored.version > request.basis.version) return older;
    const version = request.basis.version + 1;
    return { ok: true, cluster: { ...request.next, version }, text: `${request.text}; v${version}` };
  }
  if (request.kind === 'promote') {
    if (stored.version > request.basis.version) return older;
    const p = promoteNewMaster(request.basis, request.shard, request.infos, request.masterId, request.rules);
    if (!p.ok) return p;
    return { ok: true, cluster: p.cluster, promoted: p.newMasterId, text: `shard ${request.shard}: ${p.newMasterId} is master, ${p.oldMasterId} its slave; v${p.cluster.version}` };
  }
  const adopted = parseClusterNodes(request.text, stored.name);
  if (!adopted.ok) return { ok: false, error: `failed to parse the cluster info: ${adopted.error}` };
  if (stored.version > adopted.cluster.version) return older;
  return { ...adopted, text: `adopted v${adopted.cluster.version} from the nodes, no version bump` };
}
