/**
 * One node's cluster view: version, myid, topology, slot owners and myself (semantics §2.1).
 * It never touches replication: callers apply the role (RemoveMaster/AddMaster) according to the
 * behaviour mode, using the outcome returned here.
 * // K-2024 src/cluster/cluster.cc Cluster::{SetClusterNodes, SetNodeId, SetSlotRanges, Reset}
 */
import { SlotMarks } from './slot-marks.ts';
import { ERR_INVALID_NODE_ID } from './topology-line.ts';
import { parseClusterNodes, unassignedRanges, withFreshNodeIdentities } from './topology.ts';
import { byteLength } from './text.ts';
import { K2024_SYNTAX, NODE_ID_LENGTH, SLOT_COUNT, type ClusterNode, type SlotRange, type Topology, type TopologySyntax } from './types.ts';

export const ERR_INVALID_CLUSTER_VERSION = 'Invalid cluster version';
export const ERR_NO_SUCH_NODE = 'No this node in the cluster';
export const ERR_NOT_A_MASTER = "The node isn't a master";

export type SetNodesOutcome =
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'applied'; readonly myself: ClusterNode | null };

/** `migratedAway`: slots this node had migrated and now gave away, whose keys the caller deletes. */
export type SetSlotOutcome = { readonly ok: true; readonly migratedAway: readonly number[] } | { readonly ok: false; readonly message: string };

/** The address this node listens on, used to find its own line when myid is unknown. */
export interface ListeningAddress {
  readonly host: string;
  readonly port: number;
}

const EMPTY_OWNERS: readonly (ClusterNode | null)[] = Object.freeze(new Array<ClusterNode | null>(SLOT_COUNT).fill(null));
const canonicalCache = new WeakMap<Topology, readonly (ClusterNode | null)[]>();

function assign(table: (ClusterNode | null)[], topology: Topology): (ClusterNode | null)[] {
  for (const { range, owner } of topology.assignments) {
    const node = topology.nodes.get(owner) ?? null;
    for (let slot = range.start; slot <= range.end; slot++) table[slot] = node;
  }
  return table;
}

/** The slot table of a payload that lists every slot: the same for every node that applies it. */
function canonicalOwners(topology: Topology): readonly (ClusterNode | null)[] {
  let table = canonicalCache.get(topology);
  if (!table) {
    table = Object.freeze(assign(EMPTY_OWNERS.slice(), topology));
    canonicalCache.set(topology, table);
  }
  return table;
}

export class ClusterState {
  private currentVersion = -1n;
  private currentMyId = '';
  private currentTopology: Topology | null = null;
  private currentMyself: ClusterNode | null = null;
  /**
   * Copy-on-write: a table is never mutated once assigned here, so nodes applying the same
   * full-coverage payload share one table (1000 nodes x 16384 slots would otherwise dominate
   * memory), and readers may memoise by table identity.
   */
  private owners: readonly (ClusterNode | null)[] = EMPTY_OWNERS;
  /** Ids a failed SETSLOT inserted as empty map entries (see setSlot). */
  private readonly phantoms = new Set<string>();
  /** Slots migrated away, imported, and being imported (slot-marks.ts). */
  readonly marks = new SlotMarks();

  /** The version as a number (exact up to 2^53; use versionBig/versionText beyond). */
  get version(): number {
    return Number(this.currentVersion);
  }
  /** Versions are int64_t upstream: kept exactly. */
  get versionBig(): bigint {
    return this.currentVersion;
  }
  get versionText(): string {
    return String(this.currentVersion);
  }
  get myId(): string {
    return this.currentMyId;
  }
  get topology(): Topology | null {
    return this.currentTopology;
  }
  get myself(): ClusterNode | null {
    return this.currentMyself;
  }
  /** Slot -> owner node; slots a newer payload omits keep their old (stale) owner object. */
  get slotOwner(): readonly (ClusterNode | null)[] {
    return this.owners;
  }
  /**
   * Upstream SetSlotRanges looks the target up with `nodes_[id]`, which inserts an empty entry for
   * an unknown id: it counts in cluster_known_nodes until the next SETNODES or RESET (and would
   * crash CLUSTER NODES / nodes.conf dumping there). Exposed so the node layer can decide.
   */
  get phantomNodeIds(): ReadonlySet<string> {
    return this.phantoms;
  }

  ownerOfSlot(slot: number): ClusterNode | null {
    return this.owners[slot] ?? null;
  }

  /** CLUSTERX SETNODES: version gate, parse, commit, myid derivation, myself. No replication. */
  setClusterNodes(
    payload: string,
    versionArg: number | bigint,
    force: boolean,
    self: ListeningAddress,
    bindAddresses: readonly string[] = ['127.0.0.1'],
    syntax: TopologySyntax = K2024_SYNTAX,
  ): SetNodesOutcome {
    const version = BigInt(versionArg);
    // The gate runs before parsing: an equal version without force never looks at the payload.
    if (version < 0n) return { kind: 'error', message: ERR_INVALID_CLUSTER_VERSION };
    if (!force && this.currentVersion > version) return { kind: 'error', message: ERR_INVALID_CLUSTER_VERSION };
    if (!force && this.currentVersion === version) return { kind: 'unchanged' };

    const parsed = parseClusterNodes(payload, syntax);
    if (!parsed.ok) return { kind: 'error', message: parsed.error };
    const topology = this.ownsStaleSlot(parsed.topology) ? withFreshNodeIdentities(parsed.topology) : parsed.topology;

    this.currentVersion = version;
    this.currentTopology = topology;
    this.phantoms.clear();
    // Only listed slots are reassigned; the others keep pointing at their previous owner object.
    this.owners = unassignedRanges(topology).length === 0 ? canonicalOwners(topology) : assign(this.owners.slice(), topology);
    if (this.currentMyId === '' || force) {
      const mine = findListeningNode(topology, self, bindAddresses);
      if (mine !== null) this.currentMyId = mine.id;
    }
    this.currentMyself = this.currentMyId === '' ? null : (topology.nodes.get(this.currentMyId) ?? null);
    this.marks.forgetImporting();
    return { kind: 'applied', myself: this.currentMyself };
  }

  /** Would a slot the payload leaves unlisted keep pointing at one of this (memoised) topology's nodes? */
  private ownsStaleSlot(topology: Topology): boolean {
    for (const range of unassignedRanges(topology)) {
      for (let slot = range.start; slot <= range.end; slot++) {
        const owner = this.owners[slot];
        if (owner != null && topology.nodes.get(owner.id) === owner) return true;
      }
    }
    return false;
  }

  /** CLUSTERX SETNODEID (the command layer has checked the 40-byte length). */
  setNodeId(id: string): { myself: ClusterNode | null; topologyExists: boolean } {
    this.currentMyId = id;
    const topologyExists = this.currentVersion >= 0n;
    this.currentMyself = topologyExists ? (this.currentTopology?.nodes.get(id) ?? null) : null;
    return { myself: this.currentMyself, topologyExists };
  }

  /**
   * nodes.conf loading sets myid directly, without binding myself or deriving anything.
   * // K-2024 src/cluster/cluster.cc LoadClusterNodes (`myid_ = id`)
   */
  restoreMyId(id: string): void {
    this.currentMyId = id;
  }

  /** CLUSTERX SETSLOT execute: moves slots to a master, bumps the version, no role change. */
  setSlot(ranges: readonly SlotRange[], nodeId: string, newVersionArg: number | bigint): SetSlotOutcome {
    const newVersion = BigInt(newVersionArg);
    // Must be exactly current+1: an operation on a known base, unlike SETNODES.
    if (newVersion <= 0n || newVersion !== this.currentVersion + 1n) {
      return { ok: false, message: ERR_INVALID_CLUSTER_VERSION };
    }
    if (byteLength(nodeId) !== NODE_ID_LENGTH) return { ok: false, message: ERR_INVALID_NODE_ID };
    const target = this.currentTopology?.nodes.get(nodeId);
    if (target === undefined) {
      this.phantoms.add(nodeId);
      return { ok: false, message: ERR_NO_SUCH_NODE };
    }
    if (target.role !== 'master') return { ok: false, message: ERR_NOT_A_MASTER };
    this.currentVersion = newVersion;
    // Upstream also flips per-node slot bitsets, but those are only read when SETNODES recounts
    // cluster_size, which it does from a fresh parse; the slot table is what gets printed.
    const migratedAway: number[] = [];
    for (const range of ranges) {
      const next = this.owners.slice();
      for (let slot = range.start; slot <= range.end; slot++) {
        // A slot leaving this node forgets its migrated/imported mark; a migrated one loses its keys.
        if (next[slot] === this.currentMyself && next[slot] !== target) {
          if (this.marks.migrated.delete(slot)) migratedAway.push(slot);
          this.marks.imported.delete(slot);
        }
        next[slot] = target;
      }
      this.owners = next;
    }
    return { ok: true, migratedAway };
  }

  /** CLUSTER RESET after its refusal checks (done by the caller): back to the fresh state. */
  reset(): void {
    this.currentVersion = -1n;
    this.currentMyId = '';
    this.currentTopology = null;
    this.currentMyself = null;
    this.owners = EMPTY_OWNERS;
    this.phantoms.clear();
    this.marks.clear();
  }
}

/**
 * The first node (in node-map order) on our port whose host is a listening address; with a wildcard
 * bind, any local interface address counts (#1392).
 * // K-2024 src/common/io_util.cc MatchListeningIP
 */
function findListeningNode(topology: Topology, self: ListeningAddress, binds: readonly string[]): ClusterNode | null {
  const wildcard = binds.includes('0.0.0.0') || binds.includes('::');
  const localAddresses = ['127.0.0.1', '::1', self.host];
  for (const node of topology.nodes.values()) {
    if (node.port !== self.port) continue;
    if (binds.includes(node.host) || (wildcard && localAddresses.includes(node.host))) return node;
  }
  return null;
}
