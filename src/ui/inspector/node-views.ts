/**
 * What the inspector prints for one node, as the node itself would answer: its cluster view
 * (CLUSTERX VERSION / MYID, CLUSTER NODES with its own `myself` flag) and INFO replication.
 */
import { clusterNodesText } from '../../kvrocks/cluster/describe.ts';
import { infoText } from '../../kvrocks/info.ts';
import type { KvrocksNode } from '../../kvrocks/node/node.ts';
import { wallMs } from '../../kvrocks/time.ts';

export interface NodesLine {
  readonly text: string;
  readonly myself: boolean;
}

export interface ClusterView {
  readonly version: number;
  readonly myId: string;
  readonly lines: readonly NodesLine[];
  /** Why there are no lines, in the node's words. */
  readonly note: string;
}

const refused = (node: KvrocksNode) => `Could not connect to Redis at ${node.address}: Connection refused`;

export function clusterView(node: KvrocksNode): ClusterView {
  if (!node.running) return { version: -1, myId: '', lines: [], note: refused(node) };
  const cluster = node.cluster;
  if (cluster.version < 0) return { version: cluster.version, myId: cluster.myId, lines: [], note: '(error) CLUSTERDOWN The cluster is not initialized' };
  // CLUSTER NODES prints ping/pong times from the wall clock (kvrocks/commands/cluster.ts).
  const text = clusterNodesText(cluster, wallMs(node.sim.now()));
  const lines = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => ({ text: line, myself: line.split(' ')[2]?.startsWith('myself,') ?? false }));
  const note = cluster.myself ? '' : `this node is not in its own topology (myid ${cluster.myId === '' ? 'unset' : cluster.myId})`;
  return { version: cluster.version, myId: cluster.myId, lines, note };
}

/** INFO replication as redis-cli prints it (CRLF shown as newlines). */
export function replicationInfo(node: KvrocksNode): string {
  if (!node.running) return refused(node);
  return infoText(node, 'replication').replace(/\r\n/g, '\n').trimEnd();
}
