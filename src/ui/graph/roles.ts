/**
 * What each node was told (its own topology) and what it runs (INFO role), as plain values the
 * graph, the mirror and the inspector share. Read-only over the model; no DOM.
 */
import type { ClusterNode, Topology } from '../../kvrocks/cluster/types.ts';
import type { KvrocksNode } from '../../kvrocks/node/node.ts';
import type { World } from '../../kvrocks/world.ts';

/** `unknown` while the process is down: its in-memory cluster state is gone (node.ts die()). */
export type ToldRole = 'master' | 'slave' | 'not-in-topology' | 'none' | 'unknown';
export type RunningRole = 'master' | 'slave' | 'unknown';

export const TOLD_TEXT: Record<ToldRole, string> = {
  master: 'master',
  slave: 'slave',
  'not-in-topology': 'not in topology',
  none: 'none (no topology)',
  unknown: '? (down)',
};

export function toldRole(node: KvrocksNode): ToldRole {
  if (!node.running) return 'unknown';
  if (node.cluster.version < 0) return 'none';
  const myself = node.cluster.myself;
  return myself ? myself.role : 'not-in-topology';
}

/** `role:` of INFO replication: slave iff master_host is set, whatever the topology says. */
export function runningRole(node: KvrocksNode): RunningRole {
  if (!node.running) return 'unknown';
  return node.isSlave ? 'slave' : 'master';
}

const nodesByAddress = new WeakMap<World, Map<string, KvrocksNode>>();

/** The world's node at host:port (a world's nodes and addresses never change, so this is memoised). */
export function nodeAt(world: World, address: string): KvrocksNode | undefined {
  let index = nodesByAddress.get(world);
  if (!index) {
    index = new Map(world.nodes.map((n) => [n.address, n]));
    nodesByAddress.set(world, index);
  }
  return index.get(address);
}

const byAddress = new WeakMap<Topology, Map<string, ClusterNode>>();

/** The line of `topology` for host:port (memoised per immutable Topology). */
export function lineAt(topology: Topology, address: string): ClusterNode | undefined {
  let index = byAddress.get(topology);
  if (!index) {
    index = new Map();
    for (const line of topology.nodes.values()) if (!index.has(`${line.host}:${line.port}`)) index.set(`${line.host}:${line.port}`, line);
    byAddress.set(topology, index);
  }
  return index.get(address);
}

/** The master `node`'s OWN topology tells it to replicate, as a world node (null if none or unknown). */
export function toldMasterOf(world: World, node: KvrocksNode): KvrocksNode | null {
  if (!node.running) return null;
  const { myself, topology } = node.cluster;
  if (!myself || myself.role !== 'slave' || !myself.masterId || !topology) return null;
  const master = topology.nodes.get(myself.masterId);
  return master ? (nodeAt(world, `${master.host}:${master.port}`) ?? null) : null;
}

/**
 * Does `master`'s own topology list `replica` as one of its slaves? The replica's line is found by
 * its myid, else by its address. Undefined when the master is down (nothing to ask).
 */
export function masterListsReplica(master: KvrocksNode, replica: KvrocksNode): boolean | undefined {
  if (!master.running) return undefined;
  const { topology, myId } = master.cluster;
  if (!topology || myId === '') return false;
  const line = (replica.cluster.myId !== '' ? topology.nodes.get(replica.cluster.myId) : undefined) ?? lineAt(topology, replica.address);
  return line !== undefined && line.role === 'slave' && line.masterId === myId;
}

/** Nodes grouped by the shard their own topology puts them in: master first, then its replicas. */
export function toldShards(world: World): KvrocksNode[][] {
  const shards = new Map<KvrocksNode, KvrocksNode[]>();
  const home = (node: KvrocksNode) => {
    const told = toldMasterOf(world, node);
    return told && told !== node && toldMasterOf(world, told) === null ? told : node;
  };
  for (const node of world.nodes) {
    const key = home(node);
    const shard = shards.get(key) ?? [];
    if (key === node) shard.unshift(node);
    else shard.push(node);
    shards.set(key, shard);
  }
  return [...shards.values()];
}
