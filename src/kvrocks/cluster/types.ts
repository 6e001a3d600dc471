/** Cluster topology as a node holds it after parsing `CLUSTERX SETNODES` (K-2024 src/cluster/cluster.h). */
export { NODE_ID_LENGTH, SLOT_COUNT, type SlotRange } from '../../protocol/slots.ts';
import type { SlotRange } from '../../protocol/slots.ts';

export type TopologyRole = 'master' | 'slave';


export interface ClusterNode {
  readonly id: string;
  readonly host: string;
  readonly port: number;
  readonly role: TopologyRole;
  /** `-` for masters (stored as null), the master's id for slaves. */
  readonly masterId: string | null;
  /** Slot tokens exactly as given on the line, in order (masters only). */
  readonly slots: readonly SlotRange[];
  /** Ids of the slave lines pointing at this master whose master exists (rebuilt after parsing). */
  readonly replicas: readonly string[];
  /** Position of the line in the payload (the last line, for a repeated id). */
  readonly order: number;
  /** Given as `slave,fail` (#3386, switch fail-flag-3386): the controller found this replica down. */
  readonly failed?: true;
}

/** What a SETNODES payload may say beyond K-2024's grammar, by behaviour switch. */
export interface TopologySyntax {
  /** #3386: the role token `slave,fail`. */
  readonly failFlag: boolean;
}

export const K2024_SYNTAX: TopologySyntax = Object.freeze({ failFlag: false });

/** The result of parsing one SETNODES payload: immutable, so every node can share it. */
export interface Topology {
  /**
   * Node id -> node, iterating in the order upstream's std::unordered_map does (std-unordered-order.ts);
   * a duplicate id replaces the earlier line (not validated upstream).
   */
  readonly nodes: ReadonlyMap<string, ClusterNode>;
  /** Every listed slot assignment as (range, owner id), in payload order. */
  readonly assignments: readonly { readonly range: SlotRange; readonly owner: string }[];
  /**
   * `cluster_size` of CLUSTER INFO: masters (in the final id map) whose own line lists a slot.
   * Computed once per SETNODES upstream and not updated by SETSLOT (K-2024 src/cluster/cluster.cc SetClusterNodes).
   */
  readonly clusterSize: number;
}
