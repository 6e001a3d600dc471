/**
 * What the controller asks before it promotes a replica: optionally whether the other masters agree
 * the master failed (quorum-check-374), then each candidate's role and sequence, by the rules of the
 * controller version the switches name.
 * // kvrocks-controller store/cluster_shard.go getNewMasterNodeIndex (PR #340, PR #377); PR #374 (open) checkFailureQuorum
 */
import { parseClusterEpoch, parseNodeInfo, textOf } from './controller-parse.ts';
import type { Call } from './controller-push.ts';
import { nodeAddress, type NodeInfo, type PromotionRules, type StoredCluster, type StoredNode } from './controller-store.ts';

export function promotionRules(has: (id: string) => boolean): PromotionRules {
  return { skipUnready: has('skip-unready-replica-340'), emptyShard: has('empty-shard-failover-377') };
}

/**
 * The nodes to ask, in upstream's order: #377 reads the master's sequence first (only where the
 * #340 rules use it); each node is asked CLUSTER INFO (from #340 on: a replica restoring a full sync
 * answers LOADING and is left out) and then INFO. A node that fails either is left out.
 */
export function collectInfos(call: Call, rules: PromotionRules, master: StoredNode, others: readonly StoredNode[], done: (infos: Map<string, NodeInfo>) => void): void {
  const infos = new Map<string, NodeInfo>();
  const askInfo = (node: StoredNode, next: () => void) =>
    call(node, ['INFO'], (info) => {
      const parsed = parseNodeInfo(textOf(info) ?? '');
      if (textOf(info) !== null && parsed) infos.set(node.id, parsed);
      next();
    });
  const ask = (nodes: readonly StoredNode[]) => {
    const [node, ...rest] = nodes;
    if (!node) return done(infos);
    const next = () => ask(rest);
    if (!rules.skipUnready) return askInfo(node, next); // before #340: GetClusterNodeInfo (INFO) only
    call(node, ['CLUSTER', 'INFO'], (clusterInfo) => {
      const text = textOf(clusterInfo);
      if (text === null || parseClusterEpoch(text) === null) return next();
      askInfo(node, next);
    });
  };
  ask(rules.skipUnready && rules.emptyShard ? [master, ...others] : others);
}

/**
 * PR #374's safeguard: every other master of the stored cluster is asked for CLUSTER NODES; the
 * failover goes ahead if more than half of those that answer list the master's id and the word
 * `fail` anywhere in the text, or if there is no other master or none answers. Kvrocks nodes do not
 * detect failures themselves, so their CLUSTER NODES says `fail` only for replicas a controller
 * pushed as `slave,fail` (kvrocks#3386).
 */
export function confirmFailure(call: Call, cluster: StoredCluster, target: StoredNode, done: (confirmed: boolean, why: string) => void): void {
  const observers = cluster.shards.flatMap((shard) => shard.nodes).filter((node) => node.id !== target.id && node.role === 'master');
  if (observers.length === 0) return done(true, 'no other master to ask');
  let reachable = 0;
  let failed = 0;
  const ask = (nodes: readonly StoredNode[]) => {
    const [observer, ...rest] = nodes;
    if (!observer) {
      if (reachable === 0) return done(true, `none of ${observers.map(nodeAddress).join(', ')} answered`);
      return done(failed > Math.floor(reachable / 2), `${failed} of ${reachable} other masters that answered mark it failed`);
    }
    call(observer, ['CLUSTER', 'NODES'], (reply) => {
      const text = reply?.type === 'bulk' ? reply.text : null;
      if (text !== null) {
        reachable++;
        if (text.includes(target.id) && text.includes('fail')) failed++;
      }
      ask(rest);
    });
  };
  ask(observers);
}
