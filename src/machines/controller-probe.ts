/**
 * One probe round: CLUSTER INFO on every node at once. A node behind the store is pushed the
 * topology, a node ahead of the store and of every node before it is asked for CLUSTER NODES (the
 * machine adopts it). With force-resync-400 a node at the stored version whose node or slot counts
 * differ from the store's is force-pushed too. The round ends when every node is done; a failed node
 * is done when the machine says so (after the failover it may start).
 * // kvrocks-controller controller/cluster.go parallelProbeNodes; PR #400 (open) topologyDiverged
 */
import { parseClusterCounts, probeVersion, textOf } from './controller-parse.ts';
import { push, type Pusher } from './controller-push.ts';
import { allNodes, nodeAddress, toNodesPayload, type StoredCluster } from './controller-store.ts';

/** What the store says every node should report: its node count and its covered slots. */
function wanted(cluster: StoredCluster): { readonly nodes: number; readonly slots: number } {
  const slots = cluster.shards.flatMap((shard) => shard.slotRanges).reduce((n, r) => n + (r.start >= 0 && r.end >= r.start ? r.end - r.start + 1 : 0), 0);
  return { nodes: allNodes(cluster).length, slots };
}

export function probeRound(p: Pusher, has: (id: string) => boolean, cluster: StoredCluster, waiters: Map<string, () => void>): void {
  const payload = toNodesPayload(cluster);
  const want = wanted(cluster);
  const force = has('force-resync-400');
  let pending = allNodes(cluster).length;
  let newest = { version: 0, text: '' };
  const settle = () => {
    if (--pending > 0) return;
    p.report({ type: 'ROUND_DONE', request: newest.text !== '' ? { kind: 'adopt', text: newest.text } : null });
  };
  cluster.shards.forEach((shard, index) =>
    shard.nodes.forEach((node) =>
      p.call(node, ['CLUSTER', 'INFO'], (reply) => {
        const at = nodeAddress(node);
        let version = probeVersion(reply);
        // PR #400 parses the counts too, and an unparsable one fails the probe.
        const counts = force && typeof version === 'number' ? parseClusterCounts(textOf(reply) ?? '') : null;
        if (force && typeof version === 'number' && textOf(reply) !== null && counts === null) version = { failed: 'invalid cluster_known_nodes or cluster_slots_ok' };
        if (version === 'loading') {
          p.report({ type: 'NOTE', text: `${at} is restoring the db from backup: skipped` });
          return settle();
        }
        if (typeof version !== 'number') {
          waiters.set(node.id, settle);
          return p.report({ type: 'PROBE_FAILED', shard: index, node, reason: version.failed });
        }
        p.report({ type: 'PROBE_ANSWERED', node });
        if (version < cluster.version) {
          p.report({ type: 'NOTE', text: `${at} is at v${version}: push v${cluster.version}` });
          return push(p, node, payload, cluster.version, force, settle);
        }
        // Counts of -1 (not reported) never count as drift. // PR #400 topologyDiverged
        const drifted = counts !== null && counts.knownNodes >= 0 && counts.slotsOk >= 0 && (counts.knownNodes !== want.nodes || counts.slotsOk !== want.slots);
        if (version === cluster.version && drifted) {
          const text = `${at} is at v${version} with ${counts.knownNodes} nodes and ${counts.slotsOk} slots, not ${want.nodes} and ${want.slots}: force v${version}`;
          p.report({ type: 'NOTE', text });
          return push(p, node, payload, cluster.version, true, settle);
        }
        if (version <= Math.max(cluster.version, newest.version)) return settle();
        newest = { version, text: '' };
        p.report({ type: 'NOTE', text: `${at} is at v${version}, ahead of v${cluster.version}: read its CLUSTER NODES` });
        p.call(node, ['CLUSTER', 'NODES'], (nodes) => {
          if (newest.version === version) newest = { version, text: textOf(nodes) ?? '' };
          settle();
        });
      }),
    ),
  );
}
