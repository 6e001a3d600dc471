/**
 * The controller's conversations with nodes, as an xstate callback actor that lives as long as the
 * controller is on: stopping it silences every reply still in flight (upstream cancels its context).
 * The machine owns the store and decides failovers; this actor talks, and runs one probe round the
 * way parallelProbeNodes does, reporting back what the machine needs.
 */
import { fromCallback } from 'xstate';
import type { Reply } from '../protocol/reply.ts';
import { clusterModeError } from './controller-parse.ts';
import { collectInfos, confirmFailure, promotionRules } from './controller-failover.ts';
import { probeRound } from './controller-probe.ts';
import { forceSync, push, type Call, type Pusher } from './controller-push.ts';
import { allNodes, nodeAddress, promotionPlan, toNodesPayload, type NodeInfo, type StoreRequest, type StoredCluster, type StoredNode } from './controller-store.ts';

export interface ControllerIo {
  now(): number;
  /** Sends one command to a node (by "host:port") over the simulated network. `done` gets the reply, or null when the node could not be reached (refused, timed out, partitioned). */
  call(address: string, argv: readonly string[], done: (reply: Reply | null) => void): void;
  log(text: string): void;
  /** Whether a named behaviour (kvrocks/behaviours/switches.ts) is on, read where its decision is made. */
  has(id: string): boolean;
  /** Runs `fn` once `ms` of virtual time has passed (a retry's backoff). */
  after(ms: number, fn: () => void): void;
}

export type ControllerResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly error: string };
export type ResultCallback = (result: ControllerResult) => void;

export type SessionCommand =
  | { type: 'CHECK_FRESH'; cluster: StoredCluster; reply?: ResultCallback }
  | { type: 'PROBE'; cluster: StoredCluster }
  /** A failed node of the current round may count as probed (after its failover, if any). */
  | { type: 'SETTLE'; id: string }
  | { type: 'PUSH'; cluster: StoredCluster; nodes: readonly StoredNode[] }
  | { type: 'COLLECT_INFOS'; cluster: StoredCluster; shard: number; masterId: string; reply?: ResultCallback }
  /** PR #400's sync endpoint. */
  | { type: 'FORCE_SYNC'; cluster: StoredCluster; reply?: ResultCallback };

/** Reports; those that end in a store change carry the request for it. */
export type SessionEvent =
  | { type: 'CREATE_CHECKED'; request: Extract<StoreRequest, { kind: 'create' }>; error: string | null; reply?: ResultCallback }
  | { type: 'PROBE_FAILED'; shard: number; node: StoredNode; reason: string }
  | { type: 'PROBE_ANSWERED'; node: StoredNode }
  /** `request` adopts the CLUSTER NODES of the node with the highest version above the store, if any. */
  | { type: 'ROUND_DONE'; request: Extract<StoreRequest, { kind: 'adopt' }> | null }
  | { type: 'INFOS_COLLECTED'; request: Extract<StoreRequest, { kind: 'promote' }>; reply?: ResultCallback }
  | { type: 'NOTE'; text: string };

/** Creation needs every node at version -1, asked one by one. // kvrocks-controller server/api/cluster.go Create */
function checkFresh(call: Call, nodes: readonly StoredNode[], done: (error: string | null) => void): void {
  const [node, ...rest] = nodes;
  if (!node) return done(null);
  call(node, ['CLUSTER', 'INFO'], (reply) => {
    const error = clusterModeError(nodeAddress(node), reply);
    return error === null ? checkFresh(call, rest, done) : done(error);
  });
}

/**
 * An automatic failover first passes PR #374's quorum check when quorum-check-374 is on; a manual
 * one never asks. Then the shard's nodes are asked for role and sequence.
 * // kvrocks-controller controller/cluster.go increaseFailureCount; PR #374 (open)
 */
function failover(p: Pusher, has: (id: string) => boolean, command: Extract<SessionCommand, { type: 'COLLECT_INFOS' }>, refused: () => void, reply: () => ResultCallback | undefined): void {
  const { cluster: basis, shard, masterId } = command;
  const plan = promotionPlan(basis, shard, masterId);
  const rules = promotionRules(has);
  const finish = (infos: Map<string, NodeInfo>) => p.report({ type: 'INFOS_COLLECTED', request: { kind: 'promote', basis, shard, infos, masterId, rules }, reply: reply() });
  if (!plan.ok) return finish(new Map());
  const collect = () => collectInfos(p.call, rules, plan.master, plan.others, finish);
  if (masterId === '' || !has('quorum-check-374')) return collect();
  confirmFailure(p.call, basis, plan.master, (confirmed, why) => {
    if (confirmed) return collect();
    p.report({ type: 'NOTE', text: `failure of ${nodeAddress(plan.master)} not confirmed by quorum (${why}): skipping failover` });
    refused();
  });
}

export const controllerSession = fromCallback<SessionCommand, { io: ControllerIo }>(({ input, sendBack, receive }) => {
  let live = true;
  const { io } = input;
  const waiters = new Map<string, () => void>();
  const waiting = new Set<ResultCallback>(); // API calls still talking to nodes: told if the controller stops
  const ask = (reply: ResultCallback | undefined) => void (reply && waiting.add(reply));
  const answered = (reply: ResultCallback | undefined) => {
    if (reply) waiting.delete(reply);
    return reply;
  };
  const settle = (id: string) => {
    const done = waiters.get(id);
    waiters.delete(id);
    done?.();
  };
  const p: Pusher = {
    report: (event) => {
      if (live) sendBack(event);
    },
    call: (node, argv, done) =>
      io.call(nodeAddress(node), argv, (reply) => {
        if (live) done(reply);
      }),
    after: (ms, fn) =>
      io.after(ms, () => {
        if (live) fn();
      }),
  };
  const has = (id: string) => io.has(id);
  receive((command) => {
    switch (command.type) {
      case 'CHECK_FRESH':
        ask(command.reply);
        return checkFresh(p.call, allNodes(command.cluster), (error) =>
          p.report({ type: 'CREATE_CHECKED', request: { kind: 'create', cluster: command.cluster }, error, reply: answered(command.reply) }),
        );
      case 'PROBE':
        return probeRound(p, has, command.cluster, waiters);
      case 'SETTLE':
        return settle(command.id);
      case 'PUSH': {
        const payload = toNodesPayload(command.cluster);
        const force = has('force-resync-400');
        return command.nodes.forEach((node) => push(p, node, payload, command.cluster.version, force, () => {}));
      }
      case 'COLLECT_INFOS':
        ask(command.reply);
        return failover(p, has, command, () => settle(command.masterId), () => answered(command.reply));
      case 'FORCE_SYNC':
        ask(command.reply);
        return forceSync(p, command.cluster, (result) => {
          p.report({ type: 'NOTE', text: result.ok ? result.text : `sync: ${result.error}` });
          answered(command.reply)?.(result);
        });
    }
  });
  return () => {
    live = false;
    for (const reply of waiting) reply({ ok: false, error: 'the controller stopped' });
  };
});
