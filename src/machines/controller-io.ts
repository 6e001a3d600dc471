/**
 * The controller's conversations with nodes, as an xstate callback actor that lives as long as the
 * controller is on: stopping it silences every reply still in flight (upstream cancels its context).
 * The machine owns the store and decides failovers; this actor talks, and runs one probe round the
 * way parallelProbeNodes does, reporting back what the machine needs.
 */
import { fromCallback } from 'xstate';
import type { Reply } from '../protocol/reply.ts';
import { clusterModeError, failureOf, parseClusterEpoch, parseNodeInfo, probeVersion, textOf } from './controller-parse.ts';
import { allNodes, nodeAddress, promotionPlan, toNodesPayload, type NodeInfo, type StoreRequest, type StoredCluster, type StoredNode } from './controller-store.ts';

export interface ControllerIo {
  now(): number;
  /** Sends one command to a node (by "host:port") over the simulated network. `done` gets the reply, or null when the node could not be reached (refused, timed out, partitioned). */
  call(address: string, argv: readonly string[], done: (reply: Reply | null) => void): void;
  log(text: string): void;
}

export type ControllerResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };
export type ResultCallback = (result: ControllerResult) => void;

export type SessionCommand =
  | { type: 'CHECK_FRESH'; cluster: StoredCluster; reply?: ResultCallback }
  | { type: 'PROBE'; cluster: StoredCluster }
  /** A failed node of the current round may count as probed (after its failover, if any). */
  | { type: 'SETTLE'; id: string }
  | { type: 'PUSH'; cluster: StoredCluster; nodes: readonly StoredNode[] }
  | { type: 'COLLECT_INFOS'; cluster: StoredCluster; shard: number; masterId: string; reply?: ResultCallback };

/** Reports; those that end in a store change carry the request for it. */
export type SessionEvent =
  | { type: 'CREATE_CHECKED'; request: Extract<StoreRequest, { kind: 'create' }>; error: string | null; reply?: ResultCallback }
  | { type: 'PROBE_FAILED'; shard: number; node: StoredNode; reason: string }
  | { type: 'PROBE_ANSWERED'; node: StoredNode }
  /** `request` adopts the CLUSTER NODES of the node with the highest version above the store, if any. */
  | { type: 'ROUND_DONE'; request: Extract<StoreRequest, { kind: 'adopt' }> | null }
  | { type: 'INFOS_COLLECTED'; request: Extract<StoreRequest, { kind: 'promote' }>; reply?: ResultCallback }
  | { type: 'NOTE'; text: string };

type Call = (node: StoredNode, argv: readonly string[], done: (reply: Reply | null) => void) => void;
type Report = (event: SessionEvent) => void;

/** Creation needs every node at version -1, asked one by one. // kvrocks-controller server/api/cluster.go Create */
function checkFresh(call: Call, nodes: readonly StoredNode[], done: (error: string | null) => void): void {
  const [node, ...rest] = nodes;
  if (!node) return done(null);
  call(node, ['CLUSTER', 'INFO'], (reply) => {
    const error = clusterModeError(nodeAddress(node), reply);
    return error === null ? checkFresh(call, rest, done) : done(error);
  });
}

/** SETNODEID, then SETNODES without force if that worked; errors are only logged. // kvrocks-controller store/cluster_node.go SyncClusterInfo */
function push(call: Call, node: StoredNode, payload: string, version: number, report: Report, done: () => void): void {
  const fail = (reply: Reply | null) => {
    report({ type: 'NOTE', text: `failed to sync v${version} to ${nodeAddress(node)}: ${failureOf(reply)}` });
    done();
  };
  call(node, ['CLUSTERX', 'SETNODEID', node.id], (first) => {
    if (first === null || first.type === 'error') return fail(first);
    call(node, ['CLUSTERX', 'SETNODES', payload, String(version)], (second) => (second === null || second.type === 'error' ? fail(second) : done()));
  });
}

/**
 * CLUSTER INFO on every node at once: a node behind is re-pushed, a node ahead of the store and of
 * every node before it is asked for CLUSTER NODES. The round ends when every node is done; a failed
 * node is done when the machine says so (after the failover it may start).
 * // kvrocks-controller controller/cluster.go parallelProbeNodes
 */
function probeRound(call: Call, cluster: StoredCluster, report: Report, waiters: Map<string, () => void>): void {
  const payload = toNodesPayload(cluster);
  let pending = allNodes(cluster).length;
  let newest = { version: 0, text: '' };
  const settle = () => {
    if (--pending > 0) return;
    report({ type: 'ROUND_DONE', request: newest.text !== '' ? { kind: 'adopt', text: newest.text } : null });
  };
  cluster.shards.forEach((shard, index) =>
    shard.nodes.forEach((node) =>
      call(node, ['CLUSTER', 'INFO'], (reply) => {
        const version = probeVersion(reply);
        const at = nodeAddress(node);
        if (version === 'loading') {
          report({ type: 'NOTE', text: `${at} is restoring the db from backup: skipped` });
          return settle();
        }
        if (typeof version !== 'number') {
          waiters.set(node.id, settle);
          return report({ type: 'PROBE_FAILED', shard: index, node, reason: version.failed });
        }
        report({ type: 'PROBE_ANSWERED', node });
        if (version < cluster.version) {
          report({ type: 'NOTE', text: `${at} is at v${version}: push v${cluster.version}` });
          return push(call, node, payload, cluster.version, report, settle);
        }
        if (version <= Math.max(cluster.version, newest.version)) return settle();
        newest = { version, text: '' };
        report({ type: 'NOTE', text: `${at} is at v${version}, ahead of v${cluster.version}: read its CLUSTER NODES` });
        call(node, ['CLUSTER', 'NODES'], (nodes) => {
          if (newest.version === version) newest = { version, text: textOf(nodes) ?? '' };
          settle();
        });
      }),
    ),
  );
}

/**
 * CLUSTER INFO then INFO, one node after the other: the master first (for its sequence), then the
 * rest of the shard; a node that fails either is left out. // kvrocks-controller store/cluster_shard.go getNewMasterNodeIndex
 */
function collectInfos(call: Call, nodes: readonly StoredNode[], infos: Map<string, NodeInfo>, done: () => void): void {
  const [node, ...rest] = nodes;
  if (!node) return done();
  const next = () => collectInfos(call, rest, infos, done);
  call(node, ['CLUSTER', 'INFO'], (clusterInfo) => {
    const text = textOf(clusterInfo);
    if (text === null || parseClusterEpoch(text) === null) return next();
    call(node, ['INFO'], (info) => {
      const parsed = parseNodeInfo(textOf(info) ?? '');
      if (textOf(info) !== null && parsed) infos.set(node.id, parsed);
      next();
    });
  });
}

export const controllerSession = fromCallback<SessionCommand, { io: ControllerIo }>(({ input, sendBack, receive }) => {
  let live = true;
  const waiters = new Map<string, () => void>();
  const waiting = new Set<ResultCallback>(); // API calls still talking to nodes: told if the controller stops
  const ask = (reply: ResultCallback | undefined) => void (reply && waiting.add(reply));
  const answered = (reply: ResultCallback | undefined) => {
    if (reply) waiting.delete(reply);
    return reply;
  };
  const report: Report = (event) => {
    if (live) sendBack(event);
  };
  const call: Call = (node, argv, done) =>
    input.io.call(nodeAddress(node), argv, (reply) => {
      if (live) done(reply);
    });
  receive((command) => {
    switch (command.type) {
      case 'CHECK_FRESH':
        ask(command.reply);
        return checkFresh(call, allNodes(command.cluster), (error) =>
          report({ type: 'CREATE_CHECKED', request: { kind: 'create', cluster: command.cluster }, error, reply: answered(command.reply) }),
        );
      case 'PROBE':
        return probeRound(call, command.cluster, report, waiters);
      case 'SETTLE': {
        const settle = waiters.get(command.id);
        waiters.delete(command.id);
        return settle?.();
      }
      case 'PUSH': {
        const payload = toNodesPayload(command.cluster);
        return command.nodes.forEach((node) => push(call, node, payload, command.cluster.version, report, () => {}));
      }
      case 'COLLECT_INFOS': {
        const { cluster: basis, shard, masterId, reply } = command;
        const plan = promotionPlan(basis, shard, masterId);
        const infos = new Map<string, NodeInfo>();
        const finish = () => report({ type: 'INFOS_COLLECTED', request: { kind: 'promote', basis, shard, infos, masterId }, reply: answered(reply) });
        ask(reply);
        return plan.ok ? collectInfos(call, [plan.master, ...plan.others], infos, finish) : finish();
      }
    }
  });
  return () => {
    live = false;
    for (const reply of waiting) reply({ ok: false, error: 'the controller stopped' });
  };
});
