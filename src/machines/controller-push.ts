/**
 * How the controller tells a node its topology: CLUSTERX SETNODEID, then SETNODES. Without
 * force-resync-400 that is one attempt without `force`, its failure only logged; with it, SETNODES
 * carries `force` and a failed attempt is retried twice, 150 ms and then 300 ms later.
 * // kvrocks-controller store/cluster_node.go SyncClusterInfo; PR #400 (open) syncMaxRetries, syncRetryBaseDelay
 */
import type { Reply } from '../protocol/reply.ts';
import { failureOf } from './controller-parse.ts';
import { allNodes, nodeAddress, toNodesPayload, type StoredCluster, type StoredNode } from './controller-store.ts';
import type { ControllerResult, SessionEvent } from './controller-io.ts';

export type Call = (node: StoredNode, argv: readonly string[], done: (reply: Reply | null) => void) => void;
export type Report = (event: SessionEvent) => void;
export type After = (ms: number, fn: () => void) => void;

/** Everything a push needs: talking, waiting (for a retry's backoff) and logging. */
export interface Pusher {
  readonly call: Call;
  readonly after: After;
  readonly report: Report;
}

export const SYNC_ATTEMPTS = 3;
export const SYNC_RETRY_BASE_MS = 150;

/** One node's push; `done` gets null when it worked, else why the last attempt failed. */
export function push(p: Pusher, node: StoredNode, payload: string, version: number, force: boolean, done: (failure: string | null) => void): void {
  const setNodes = ['CLUSTERX', 'SETNODES', payload, String(version), ...(force ? ['force'] : [])];
  const attempt = (n: number) => {
    const fail = (reply: Reply | null) => {
      // Only PR #400 retries: syncMaxRetries attempts, the delay doubling from syncRetryBaseDelay.
      if (force && n + 1 < SYNC_ATTEMPTS) return p.after(SYNC_RETRY_BASE_MS * 2 ** n, () => attempt(n + 1));
      const failure = failureOf(reply);
      p.report({ type: 'NOTE', text: `failed to sync v${version} to ${nodeAddress(node)}: ${failure}` });
      done(failure);
    };
    p.call(node, ['CLUSTERX', 'SETNODEID', node.id], (first) => {
      if (first === null || first.type === 'error') return fail(first);
      p.call(node, setNodes, (second) => (second === null || second.type === 'error' ? fail(second) : done(null)));
    });
  };
  attempt(0);
}

/**
 * PR #400's sync endpoint: a forced push to every node not marked failed, one after the other,
 * answering which nodes took it. // kvrocks-controller PR #400 (open) server/api/cluster.go Sync
 */
export function forceSync(p: Pusher, cluster: StoredCluster, done: (result: ControllerResult) => void): void {
  const payload = toNodesPayload(cluster);
  const synced: string[] = [];
  const failures = new Map<string, string>();
  const next = (nodes: readonly StoredNode[]) => {
    const [node, ...rest] = nodes;
    if (!node) return done(syncResult(cluster.version, synced, failures));
    push(p, node, payload, cluster.version, true, (failure) => {
      if (failure === null) synced.push(nodeAddress(node));
      else failures.set(nodeAddress(node), failure);
      next(rest);
    });
  };
  next(allNodes(cluster).filter((node) => !node.failed));
}

/** `fmt.Errorf("synced %d node(s); %d failed: %v", ...)`, a Go map printed with sorted keys. */
function syncResult(version: number, synced: readonly string[], failures: ReadonlyMap<string, string>): ControllerResult {
  if (failures.size === 0) return { ok: true, text: `synced ${synced.length} node(s) at v${version}: ${synced.join(', ')}` };
  const map = [...failures].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([address, why]) => `${address}:${why}`);
  return { ok: false, error: `synced ${synced.length} node(s); ${failures.size} failed: map[${map.join(' ')}]` };
}
