/**
 * The controller's conversations with nodes, as an xstate callback actor that lives as long as the
 * controller is on: stopping it silences every reply still in flight (upstream cancels its context).
 * The machine decides; this actor only talks and reports back.
 */
import { fromCallback } from 'xstate';
import type { Reply } from '../kvrocks/reply.ts';
import { parseClusterEpoch, parseNodeInfo } from './controller-parse.ts';
import { nodeAddress, promotionPlan, type NodeInfo, type StoredCluster, type StoredNode } from './controller-store.ts';

export interface ControllerIo {
  now(): number;
  /** Sends one command to a node (by "host:port") over the simulated network. `done` gets the reply, or null when the node could not be reached (refused, timed out, partitioned). */
  call(address: string, argv: readonly string[], done: (reply: Reply | null) => void): void;
  log(text: string): void;
}

export type ControllerResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };
export type ResultCallback = (result: ControllerResult) => void;

/** What one CLUSTER INFO probe says about a node. */
export type ProbeOutcome =
  | { readonly kind: 'version'; readonly version: number }
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly reason: string };

export type SessionCommand =
  | { type: 'CHECK_FRESH'; cluster: StoredCluster; reply?: ResultCallback }
  | { type: 'PROBE'; round: number; cluster: StoredCluster }
  | { type: 'PUSH'; nodes: readonly StoredNode[]; payload: string; version: number; round: number | null }
  | { type: 'FETCH_NODES'; round: number; node: StoredNode; version: number }
  | { type: 'COLLECT_INFOS'; round: number | null; cluster: StoredCluster; shard: number; masterId: string; reply?: ResultCallback };

export type SessionEvent =
  | { type: 'CREATE_CHECKED'; cluster: StoredCluster; error: string | null; reply?: ResultCallback }
  | { type: 'PROBED'; round: number; shard: number; node: StoredNode; outcome: ProbeOutcome }
  | { type: 'NODES_FETCHED'; round: number; node: StoredNode; version: number; text: string | null }
  | { type: 'SETTLED'; round: number; node: StoredNode }
  | { type: 'INFOS_COLLECTED'; round: number | null; cluster: StoredCluster; shard: number; masterId: string; infos: ReadonlyMap<string, NodeInfo>; reply?: ResultCallback }
  | { type: 'NOTE'; text: string };

type Call = (node: StoredNode, argv: readonly string[], done: (reply: Reply | null) => void) => void;

const NOT_INITIALIZED = 'CLUSTERDOWN The cluster is not initialized';
const RESTORING = 'LOADING kvrocks is restoring the db from backup';

/** The text of a bulk or status reply; null for anything else. */
const textOf = (reply: Reply | null): string | null => (reply?.type === 'bulk' || reply?.type === 'status' ? reply.text : null);
const failure = (reply: Reply | null): string => (reply === null ? 'unreachable' : reply.type === 'error' ? reply.text : 'unexpected reply');

/**
 * Substring checks, because old kvrocks put `ERR ` in front of these (kvrocks#2362).
 * // kvrocks-controller controller/cluster.go probeNode
 */
export function probeOutcome(reply: Reply | null): ProbeOutcome {
  if (reply?.type === 'error' && reply.text.includes(RESTORING)) return { kind: 'loading' };
  if (reply?.type === 'error' && reply.text.includes(NOT_INITIALIZED)) return { kind: 'version', version: -1 };
  const text = textOf(reply);
  const version = text === null ? null : parseClusterEpoch(text);
  return version === null ? { kind: 'failed', reason: text === null ? failure(reply) : 'invalid cluster_current_epoch' } : { kind: 'version', version };
}

/** Creation needs every node at version -1. // kvrocks-controller server/api/cluster.go Create, store/cluster_node.go CheckClusterMode */
function checkFresh(call: Call, nodes: readonly StoredNode[], done: (error: string | null) => void): void {
  const [node, ...rest] = nodes;
  if (!node) return done(null);
  call(node, ['CLUSTER', 'INFO'], (reply) => {
    if (reply?.type === 'error' && reply.text.includes('cluster is not initialized')) return checkFresh(call, rest, done);
    const text = textOf(reply);
    const epoch = text === null ? null : parseClusterEpoch(text);
    if (epoch === null) return done(`error while checking node cluster mode: ${nodeAddress(node)}: ${text === null ? failure(reply) : 'invalid cluster_current_epoch'}`);
    return epoch === -1 ? checkFresh(call, rest, done) : done('node is already in cluster mode');
  });
}

/** SETNODEID, then SETNODES without force only if that worked. // kvrocks-controller store/cluster_node.go SyncClusterInfo */
function push(call: Call, node: StoredNode, payload: string, version: number, done: (error: string | null) => void): void {
  call(node, ['CLUSTERX', 'SETNODEID', node.id], (first) => {
    if (first === null || first.type === 'error') return done(failure(first));
    call(node, ['CLUSTERX', 'SETNODES', payload, String(version)], (second) =>
      done(second === null || second.type === 'error' ? failure(second) : null),
    );
  });
}

/**
 * CLUSTER INFO then INFO, one node after the other: the master first (for its sequence), then each
 * other node of the shard; a node that fails either is left out.
 * // kvrocks-controller store/cluster_shard.go getNewMasterNodeIndex
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
  const report = (event: SessionEvent) => {
    if (live) sendBack(event);
  };
  const call: Call = (node, argv, done) =>
    input.io.call(nodeAddress(node), argv, (reply) => {
      if (live) done(reply);
    });
  receive((command) => {
    switch (command.type) {
      case 'CHECK_FRESH':
        return checkFresh(call, command.cluster.shards.flatMap((s) => s.nodes), (error) =>
          report({ type: 'CREATE_CHECKED', cluster: command.cluster, error, reply: command.reply }),
        );
      case 'PROBE':
        return command.cluster.shards.forEach((shard, index) =>
          shard.nodes.forEach((node) =>
            call(node, ['CLUSTER', 'INFO'], (reply) => report({ type: 'PROBED', round: command.round, shard: index, node, outcome: probeOutcome(reply) })),
          ),
        );
      case 'PUSH':
        return command.nodes.forEach((node) =>
          push(call, node, command.payload, command.version, (error) => {
            if (error !== null) report({ type: 'NOTE', text: `failed to sync v${command.version} to ${nodeAddress(node)}: ${error}` });
            if (command.round !== null) report({ type: 'SETTLED', round: command.round, node });
          }),
        );
      case 'FETCH_NODES':
        return call(command.node, ['CLUSTER', 'NODES'], (reply) =>
          report({ type: 'NODES_FETCHED', round: command.round, node: command.node, version: command.version, text: reply?.type === 'bulk' ? reply.text : null }),
        );
      case 'COLLECT_INFOS': {
        const plan = promotionPlan(command.cluster, command.shard, command.masterId);
        const infos = new Map<string, NodeInfo>();
        const { type: _command, ...rest } = command;
        const finish = () => report({ type: 'INFOS_COLLECTED', ...rest, infos });
        return plan.ok ? collectInfos(call, [plan.master, ...plan.others], infos, finish) : finish();
      }
    }
  });
  return () => {
    live = false;
  };
});
