/**
 * A failed `CLUSTERX SETSLOT <slots> NODE <unknown id>` leaves a null entry in the node map, and the
 * next code that walks the map or looks that id up dereferences it: the process dies with SIGSEGV
 * on both builds (kvrocks-semantics §9). The model kills the node the same way: every connection
 * closes without a reply, and nodes.conf keeps what the last successful dump wrote.
 * // K-2024 src/cluster/cluster.cc SetSlotRanges (`nodes_[node_id]` inserts the entry)
 */
import type { KvrocksNode } from '../node/node.ts';

/** The process dies where upstream dereferences a null pointer; the command gets no reply. */
export function segfault(node: KvrocksNode, where: string, why = 'a null node entry left by CLUSTERX SETSLOT to an unknown id'): null {
  node.trace(`got signal: Segmentation fault (11) in ${where}: ${why}`);
  node.crash();
  return null;
}

/** Whether the node map holds the null entry for `id`. */
export function isNullEntry(node: KvrocksNode, id: string): boolean {
  return node.cluster.phantomNodeIds.has(id);
}

/** Whether walking the whole node map (CLUSTER NODES, genNodesInfo) would dereference one. */
export function holdsNullEntry(node: KvrocksNode): boolean {
  return node.cluster.phantomNodeIds.size > 0;
}

/**
 * DumpClusterNodes after SETNODEID/SETSLOT: genNodesInfo walks the node map, so with a null entry
 * the process dies before nodes.conf.tmp is renamed. Returns false when it died.
 * // K-2024 src/commands/cmd_cluster.cc CommandClusterX::Execute, src/cluster/cluster.cc DumpClusterNodes
 */
export function persistNodesConfOrCrash(node: KvrocksNode): boolean {
  if (!node.config.persistClusterNodesEnabled) return true;
  if (holdsNullEntry(node)) {
    segfault(node, 'Cluster::genNodesInfo');
    return false;
  }
  node.persistNodesConf();
  return true;
}
