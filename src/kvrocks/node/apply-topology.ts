/**
 * What a node does with its replication after a topology is applied: SetMasterSlaveRepl
 * (K-2024 src/cluster/cluster.cc), gated by the named behaviours (kvrocks-semantics §2.2).
 */
import type { SetNodesOutcome } from '../cluster/cluster-state.ts';
import type { ClusterNode } from '../cluster/types.ts';
import type { FeedSlave } from './feeds.ts';
import type { KvrocksNode } from './node.ts';

export function applyTopology(node: KvrocksNode, outcome: SetNodesOutcome): void {
  if (outcome.kind !== 'applied') return;
  const myself = outcome.myself;
  if (myself) {
    setMasterSlaveRepl(node, myself);
  } else if (!node.has('remove-master-2643')) {
    // K-2024: SetMasterSlaveRepl is never called when myself is null; replication goes on (#2618).
    node.trace('not in the topology: replication left as it was (before #2643)');
  } else {
    // PR #2643: a node missing from the topology drops its master.
    node.trace('not in the topology: RemoveMaster (#2643)');
    node.removeMaster();
  }
  if (node.has('drop-orphans-2850')) dropOrphanReplicas(node);
}

/** Applies the role of `myself` (also used by SETNODEID when the id is in the topology). */
export function setMasterSlaveRepl(node: KvrocksNode, myself: ClusterNode): void {
  if (myself.role === 'master') {
    node.removeMaster();
    return;
  }
  const master = myself.masterId ? node.cluster.topology?.nodes.get(myself.masterId) : undefined;
  // A slave whose master_id is missing from the topology keeps whatever replication it had.
  if (master) node.addMaster(master.host, master.port);
}

/**
 * The #2850 PROPOSAL (not in any Kvrocks release): a master stops feeding replicas whose node id
 * (sent in REPLCONF by guarded replicas) is absent from its topology, when that topology is newer
 * than the one the replica reported. A replica that sent no id is matched by its announced address.
 */
function dropOrphanReplicas(node: KvrocksNode): void {
  const topology = node.cluster.topology;
  if (!topology) return;
  const addresses = new Set([...topology.nodes.values()].map((n) => `${n.host}:${n.port}`));
  const orphan = (feed: FeedSlave) => {
    const c = feed.client;
    if (c.replicaNodeId === '') return !addresses.has(`${c.infoIp}:${c.infoPort}`);
    return node.cluster.versionBig > c.replicaVersion && !topology.nodes.has(c.replicaNodeId);
  };
  const killed = node.master.kill((feed) => !feed.stopped && orphan(feed));
  if (killed > 0) node.trace(`#2850 proposal: stopped feeding ${killed} replica(s) missing from topology v${node.cluster.versionText}`);
}
