/**
 * Who may replicate from this master: two PROPOSALS, neither in any Kvrocks release. Released
 * Kvrocks (K-2024 src/commands/cmd_replication.cc) checks only the db name, the replication id
 * (#538) and the sequence: it never looks at the cluster topology.
 * - #2850 (switch drop-orphans-2850): replicas send their node id and topology version in
 *   REPLCONF; a master refuses one whose id is missing from a topology NEWER than the replica's.
 * - #1224 (switch refuse-unknown-replicas-1224): a master refuses PSYNC from a replica whose
 *   address (REPLCONF's, else the peer's) is not one of its replicas in its own topology, whatever
 *   the versions; replicas already being fed are left alone. `_fetch_meta` is not checked: the
 *   full-sync connection sends no REPLCONF, and it only follows a PSYNC that passed the check.
 */
import type { ClientConn } from './client.ts';
import type { KvrocksNode } from './node.ts';

export const ORPHAN_REFUSAL = "kvlab #2850 proposal: replica is not in this master's topology";

export const unknownReplicaRefusal = (client: ClientConn) =>
  `kvlab #1224 proposal: ${client.infoIp}:${client.infoPort} is not a replica of this master in its topology`;

/** #2850: the master's topology is newer than the replica's and lacks the replica's id. */
export function refusesAsOrphan(node: KvrocksNode, client: ClientConn): boolean {
  if (!node.has('drop-orphans-2850') || client.replicaNodeId === '') return false;
  const topology = node.cluster.topology;
  if (!topology || node.cluster.versionBig <= client.replicaVersion) return false;
  return !topology.nodes.has(client.replicaNodeId);
}

/**
 * #1224: "check if the replica's IP and port are in the master replica nodes" (git-hulk, after
 * mapleFU's review of PR #1219). With no topology yet there is nothing to check against.
 */
export function refusesAsUnknownReplica(node: KvrocksNode, client: ClientConn): boolean {
  if (!node.has('refuse-unknown-replicas-1224')) return false;
  const topology = node.cluster.topology;
  if (!topology) return false;
  const myself = node.cluster.myself;
  const address = `${client.infoIp}:${client.infoPort}`;
  const replicas = myself?.role === 'master' ? myself.replicas : [];
  return !replicas.some((id) => {
    const replica = topology.nodes.get(id);
    return replica !== undefined && `${replica.host}:${replica.port}` === address;
  });
}
