/**
 * Text and data for CLUSTER NODES / INFO / SLOTS / REPLICAS (semantics §1.7-1.10).
 * The command layer answers `CLUSTERDOWN The cluster is not initialized` while version is -1;
 * these builders assume it has already done so.
 * // K-2024 src/cluster/cluster.cc genNodesDescription, GetClusterInfo, GetSlotsInfo, GetReplicas
 */
import type { ClusterState } from './cluster-state.ts';
import { ERR_NOT_A_MASTER } from './cluster-state.ts';
import { assignedSlotCount, ownerRuns, slotTextByOwnerId } from './slot-owner-runs.ts';
import { ERR_INVALID_NODE_ID } from './topology-line.ts';
import type { ClusterNode } from './types.ts';

export const ERR_CLUSTER_NOT_INITIALIZED = 'The cluster is not initialized';

/** Cluster bus port shown after `@`. // K-2024 src/cluster/cluster_defs.h kClusterPortIncr */
const CLUSTER_PORT_INCREMENT = 10000;

function address(node: ClusterNode): string {
  return `${node.host}:${node.port}@${node.port + CLUSTER_PORT_INCREMENT}`;
}

/** Ping-sent, pong-received (both faked from now), config epoch (= version), link state. */
function liveness(state: ClusterState, nowMs: number): string {
  return `${nowMs - 1} ${nowMs} ${state.versionText} connected`;
}

/**
 * CLUSTER NODES: one `\n`-terminated line per node, in upstream's node-map order.
 * Slots come from the slot-owner table, not from the payload, so SETSLOT moves show up.
 * `myselfSuffix` goes at the end of the myself line: the ` [range->-dst]` / ` [range-<-src]` marks.
 */
export function clusterNodesText(state: ClusterState, nowMs: number, myselfSuffix = ''): string {
  const topology = state.topology;
  if (topology === null) return '';
  const slotText = slotTextByOwnerId(state.slotOwner);
  let text = '';
  for (const node of topology.nodes.values()) {
    const flags = node.id === state.myId ? 'myself,' : '';
    // #3386: the fail flag follows the role, as Redis prints it ("slave,fail"; review of PR #3386).
    const role = node.role === 'master' ? 'master -' : `slave${node.failed ? ',fail' : ''} ${node.masterId ?? ''}`;
    const slots = node.role === 'master' ? (slotText.get(node.id) ?? '') : '';
    const suffix = node.id === state.myId ? myselfSuffix : '';
    text += `${node.id} ${address(node)} ${flags}${role} ${liveness(state, nowMs)}${slots === '' ? '' : ` ${slots}`}${suffix}\n`;
  }
  return text;
}

/** CLUSTER INFO: CRLF lines, the 9 fields in upstream order, then `extra` (the migration and import lines). */
export function clusterInfoText(state: ClusterState, extra = ''): string {
  const assigned = assignedSlotCount(state.slotOwner);
  const knownNodes = (state.topology?.nodes.size ?? 0) + state.phantomNodeIds.size;
  const fields: readonly (readonly [string, string | number])[] = [
    ['cluster_state', 'ok'],
    ['cluster_slots_assigned', assigned],
    ['cluster_slots_ok', assigned],
    ['cluster_slots_pfail', 0],
    ['cluster_slots_fail', 0],
    ['cluster_known_nodes', knownNodes],
    ['cluster_size', state.topology?.clusterSize ?? 0],
    ['cluster_current_epoch', state.versionText],
    ['cluster_my_epoch', state.versionText],
  ];
  return fields.map(([name, value]) => `${name}:${value}\r\n`).join('') + extra;
}

export interface SlotsEntryNode {
  readonly host: string;
  readonly port: number;
  readonly id: string;
}

export interface SlotsEntry {
  readonly start: number;
  readonly end: number;
  readonly master: SlotsEntryNode;
  readonly replicas: readonly SlotsEntryNode[];
}

/**
 * CLUSTER SLOTS as plain data: one entry per run of slots sharing an owner object. Replicas are
 * the owner's topology `replicas` still present in the current node map, not live connections.
 */
export function clusterSlotsEntries(state: ClusterState): SlotsEntry[] {
  const nodes = state.topology?.nodes ?? new Map<string, ClusterNode>();
  return ownerRuns(state.slotOwner).map(({ start, end, owner }) => ({
    start,
    end,
    master: { host: owner.host, port: owner.port, id: owner.id },
    replicas: owner.replicas.flatMap((id) => {
      const replica = nodes.get(id);
      return replica === undefined ? [] : [{ host: replica.host, port: replica.port, id: replica.id }];
    }),
  }));
}

export type ReplicasTextResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

/** CLUSTER REPLICAS <id>: CLUSTER NODES-style lines without `myself` or slots (#2244). */
export function clusterReplicasText(state: ClusterState, masterId: string, nowMs: number): ReplicasTextResult {
  const nodes = state.topology?.nodes;
  const master = nodes?.get(masterId);
  if (nodes === undefined || master === undefined) return { ok: false, message: ERR_INVALID_NODE_ID };
  if (master.role !== 'master') return { ok: false, message: ERR_NOT_A_MASTER };
  let text = '';
  for (const replicaId of master.replicas) {
    const replica = nodes.get(replicaId);
    if (replica !== undefined) text += `${replicaId} ${address(replica)} slave ${masterId} ${liveness(state, nowMs)}\n`;
  }
  return { ok: true, text };
}
