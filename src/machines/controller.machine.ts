/**
 * kvrocks-controller as one actor: it keeps the stored cluster, pushes every change to the nodes of
 * the new topology only (a removed node is never told: kvrocks#2841), probes every node every 3 s,
 * re-pushes to nodes behind, adopts a node that is ahead, and promotes a replica after a master
 * fails 5 probes in a row. `off` (the default) does nothing at all, so hand-typed topology stays.
 * // kvrocks-controller controller/cluster.go ClusterChecker, controller/controller.go
 */
import { cancel, enqueueActions, raise, setup, type SnapshotFrom } from 'xstate';
import { controllerSession, type ControllerIo, type ResultCallback, type SessionEvent } from './controller-io.ts';
import { parseClusterNodes } from './controller-parse.ts';
import { allNodes, nodeAddress, promoteNewMaster, removeNode, toNodesPayload, type Promotion, type StoredCluster, type StoredNode } from './controller-store.ts';

/** `ping_interval_seconds` and `max_ping_count` defaults. // kvrocks-controller config/config.go */
export const PING_INTERVAL_MS = 3000;
export const MAX_PING_COUNT = 5;
export const ACTION_LOG_LIMIT = 20;

export interface ActionEntry {
  readonly at: number;
  readonly text: string;
}

/** One probe of every node, against the cluster as stored when it began (parallelProbeNodes). */
export interface ProbeRound {
  readonly id: number;
  readonly cluster: StoredCluster;
  readonly pending: readonly string[];
  /** The highest version a node reported above the store, and its CLUSTER NODES once fetched. */
  readonly newest: { readonly version: number; readonly text: string | null } | null;
}

export interface ControllerInput {
  readonly io: ControllerIo;
  /** A cluster already in the store (a restored session); the controller still starts `off`. */
  readonly cluster?: StoredCluster | null;
  readonly pingIntervalMs?: number;
  readonly maxPingCount?: number;
}

export interface ControllerContext {
  readonly io: ControllerIo;
  readonly pingIntervalMs: number;
  readonly maxPingCount: number;
  readonly cluster: StoredCluster | null;
  /** Consecutive failed probes per node id. */
  readonly failures: Readonly<Record<string, number>>;
  readonly actions: readonly ActionEntry[];
  readonly round: ProbeRound | null;
  readonly rounds: number;
  /** A tick that fired during a round runs right after it (Go's ticker keeps one), as does a sync. */
  readonly tickQueued: boolean;
  readonly syncQueued: boolean;
  readonly creating: boolean;
}

export type ControllerEvent =
  | { type: 'START' }
  | { type: 'STOP' }
  | { type: 'CREATE'; cluster: StoredCluster; reply?: ResultCallback }
  | { type: 'REMOVE_NODE'; id: string; reply?: ResultCallback }
  | { type: 'FAILOVER'; shard: number; reply?: ResultCallback }
  | { type: 'PROBE_TICK' }
  | { type: 'SYNC' }
  | SessionEvent;

export interface ControllerStatus {
  readonly running: boolean;
  readonly probing: boolean;
  readonly cluster: StoredCluster | null;
  readonly failures: Readonly<Record<string, number>>;
  readonly actions: readonly ActionEntry[];
}

type Context = ControllerContext;
type Ev<T extends ControllerEvent['type']> = Extract<ControllerEvent, { type: T }>;
interface Enqueue {
  (action: () => void): void;
  assign(assigner: (args: { context: Context }) => Partial<Context>): void;
}

const is = <T extends ControllerEvent['type']>(event: ControllerEvent, type: T): event is Ev<T> => event.type === type;
const list = (nodes: readonly StoredNode[]) => nodes.map(nodeAddress).join(', ');
const without = <T>(record: Readonly<Record<string, T>>, key: string) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
const settle = (round: ProbeRound | null, id: string) => round && { ...round, pending: round.pending.filter((p) => p !== id) };
/** // kvrocks-controller controller/cluster.go increaseFailureCount: at the 5th failure, and every one after */
const failoverDue = (count: number, max: number) => count % max === 0 || count > max;

/** Records a line in the bounded action log and hands it to io.log. */
function say(enqueue: Enqueue, context: Context, text: string): void {
  enqueue.assign(({ context: now }) => ({ actions: [...now.actions, { at: now.io.now(), text }].slice(-ACTION_LOG_LIMIT) }));
  enqueue(() => context.io.log(`controller: ${text}`));
}

function answer(reply: ResultCallback | undefined, ok: boolean, text: string): void {
  reply?.(ok ? { ok: true, text } : { ok: false, error: text });
}

/** The store refuses an update based on an older version. // kvrocks-controller store/store.go UpdateCluster */
function promotionOf(context: Context, event: ControllerEvent): Promotion {
  if (!is(event, 'INFOS_COLLECTED')) return { ok: false, error: 'no promotion' };
  if (!context.cluster) return { ok: false, error: 'cluster: not found' };
  if (context.cluster.version > event.cluster.version) return { ok: false, error: 'the cluster has been updated by others' };
  return promoteNewMaster(event.cluster, event.shard, event.infos, event.masterId);
}

/** syncClusterToNodes: every node of the stored topology except replicas marked failed. */
function pushAll(enqueue: Enqueue & { sendTo: (...args: never[]) => void }, context: Context, cluster: StoredCluster): void {
  const nodes = allNodes(cluster).filter((node) => !node.failed);
  const command = { type: 'PUSH', nodes, payload: toNodesPayload(cluster), version: cluster.version, round: null } as const;
  (enqueue.sendTo as (to: string, event: typeof command) => void)('session', command);
  say(enqueue, context, `push v${cluster.version} to ${list(nodes)}`);
}

export const controllerMachine = setup({
  types: {
    context: {} as ControllerContext,
    events: {} as ControllerEvent,
    input: {} as ControllerInput,
  },
  actors: { session: controllerSession },
  delays: { pingInterval: ({ context }) => context.pingIntervalMs },
  guards: {
    hasCluster: ({ context }) => context.cluster !== null,
    canCreate: ({ context }) => context.cluster === null && !context.creating,
    nodesWereFresh: ({ context, event }) => is(event, 'CREATE_CHECKED') && event.error === null && context.cluster === null,
    nodeIsRemovable: ({ context, event }) => is(event, 'REMOVE_NODE') && context.cluster !== null && removeNode(context.cluster, event.id).ok,
    promotionApplies: ({ context, event }) => promotionOf(context, event).ok,
    staleRound: ({ context, event }) => is(event, 'PROBED') && event.round !== context.round?.id,
    currentRound: ({ context, event }) => (is(event, 'NODES_FETCHED') || is(event, 'SETTLED')) && event.round === context.round?.id,
    masterFailedTooOften: ({ context, event }) =>
      is(event, 'PROBED') &&
      event.outcome.kind === 'failed' &&
      event.node.role === 'master' &&
      failoverDue((context.failures[event.node.id] ?? 0) + 1, context.maxPingCount),
    probeFailed: ({ event }) => is(event, 'PROBED') && event.outcome.kind === 'failed',
    nodeRestoring: ({ event }) => is(event, 'PROBED') && event.outcome.kind === 'loading',
    nodeBehind: ({ context, event }) =>
      is(event, 'PROBED') && event.outcome.kind === 'version' && event.outcome.version < (context.round?.cluster.version ?? 0),
    nodeNewest: ({ context, event }) =>
      is(event, 'PROBED') &&
      event.outcome.kind === 'version' &&
      event.outcome.version > (context.round?.cluster.version ?? Infinity) &&
      event.outcome.version > (context.round?.newest?.version ?? 0),
    roundDone: ({ context }) => context.round?.pending.length === 0,
    roundDoneAndTickQueued: ({ context }) => context.round?.pending.length === 0 && context.tickQueued,
  },
  actions: {
    resetSession: enqueueActions(({ context, enqueue }) => {
      // A fresh ClusterChecker per start: failure counts begin at zero. // kvrocks-controller controller/controller.go resume
      enqueue.assign({ failures: {}, round: null, tickQueued: false, syncQueued: false, creating: false });
      say(enqueue, context, `started (probe every ${context.pingIntervalMs} ms, fail over after ${context.maxPingCount} failed probes)`);
    }),
    noteStopped: enqueueActions(({ context, enqueue }) => say(enqueue, context, 'stopped')),
    armProbeTicker: raise({ type: 'PROBE_TICK' }, { id: 'probeTick', delay: 'pingInterval' }),
    cancelProbeTicker: cancel('probeTick'),
    refuseWhileOff: ({ context, event }) => {
      const text = 'the controller is off (START it first)';
      context.io.log(`controller: ${event.type} refused: ${text}`);
      if ('reply' in event) answer(event.reply, false, text);
    },
    checkNodesAreFresh: enqueueActions(({ context, event, enqueue }) => {
      if (!is(event, 'CREATE')) return;
      enqueue.assign({ creating: true });
      enqueue.sendTo('session', { type: 'CHECK_FRESH', cluster: event.cluster, reply: event.reply });
      say(enqueue, context, `create ${event.cluster.name}: check that every node is at version -1`);
    }),
    refuseCreation: enqueueActions(({ context, event, enqueue }) => {
      if (!is(event, 'CREATE') && !is(event, 'CREATE_CHECKED')) return;
      const error = is(event, 'CREATE_CHECKED') && event.error !== null ? event.error : context.cluster ? 'cluster: already exists' : 'a cluster is already being created';
      if (is(event, 'CREATE_CHECKED')) enqueue.assign({ creating: false });
      say(enqueue, context, `create ${event.cluster.name} refused: ${error}`);
      enqueue(() => answer(event.reply, false, error));
    }),
    storeCreatedCluster: enqueueActions(({ context, event, enqueue }) => {
      if (!is(event, 'CREATE_CHECKED')) return;
      enqueue.assign({ cluster: event.cluster, creating: false });
      // The first probe finds every node at -1 and pushes; the checker starts ticking now. // controller/controller.go addCluster
      enqueue.cancel('probeTick');
      enqueue.raise({ type: 'PROBE_TICK' }, { id: 'probeTick', delay: 'pingInterval' });
      say(enqueue, context, `created ${event.cluster.name} v${event.cluster.version}; the next probe pushes it`);
      enqueue(() => answer(event.reply, true, `created ${event.cluster.name} v${event.cluster.version}`));
    }),
    storeWithoutNode: enqueueActions(({ context, event, enqueue }) => {
      if (!is(event, 'REMOVE_NODE') || !context.cluster) return;
      const result = removeNode(context.cluster, event.id);
      if (!result.ok) return;
      enqueue.assign({ cluster: result.cluster });
      say(enqueue, context, `removed ${event.id}: v${result.cluster.version} (the removed node is not told)`);
      enqueue(() => answer(event.reply, true, `removed ${event.id}, v${result.cluster.version}`));
    }),
    refuseRemoval: enqueueActions(({ context, event, enqueue }) => {
      if (!is(event, 'REMOVE_NODE')) return;
      const error = context.cluster ? removeNode(context.cluster, event.id) : { ok: false as const, error: 'cluster: not found' };
      const text = error.ok ? 'not found' : error.error;
      say(enqueue, context, `remove ${event.id} refused: ${text}`);
      enqueue(() => answer(event.reply, false, text));
    }),
    requestSync: raise({ type: 'SYNC' }),
    pushToAllNodes: enqueueActions(({ context, enqueue }) => {
      if (context.cluster) pushAll(enqueue, context, context.cluster);
    }),
    queueTick: enqueueActions(({ enqueue }) => enqueue.assign({ tickQueued: true })),
    queueSync: enqueueActions(({ enqueue }) => enqueue.assign({ syncQueued: true })),
    collectFailoverInfos: enqueueActions(({ context, event, enqueue }) => {
      if (!context.cluster || (!is(event, 'FAILOVER') && !is(event, 'PROBED'))) return;
      const auto = is(event, 'PROBED');
      const masterId = auto ? event.node.id : '';
      const round = auto ? (context.round?.id ?? null) : null;
      const reply = auto ? undefined : event.reply;
      enqueue.sendTo('session', { type: 'COLLECT_INFOS', round, cluster: context.cluster, shard: event.shard, masterId, reply });
      const why = auto ? `master ${nodeAddress(event.node)} failed ${(context.failures[masterId] ?? 0) + 1} probes` : 'manual failover';
      say(enqueue, context, `${why}: ask shard ${event.shard} for role and sequence`);
    }),
    refuseFailover: ({ event }) => {
      if (is(event, 'FAILOVER')) answer(event.reply, false, 'cluster: not found');
    },
    storePromotion: enqueueActions(({ context, event, enqueue }) => {
      const result = promotionOf(context, event);
      if (!result.ok || !is(event, 'INFOS_COLLECTED')) return;
      // The new master answered, so its count restarts. // controller/cluster.go increaseFailureCount
      enqueue.assign({ cluster: result.cluster, failures: without(context.failures, result.newMasterId) });
      const text = `shard ${event.shard}: promoted ${result.newMasterId}, old master ${result.oldMasterId} is its slave; v${result.cluster.version}`;
      say(enqueue, context, text);
      enqueue(() => answer(event.reply, true, text));
    }),
    refusePromotion: enqueueActions(({ context, event, enqueue }) => {
      const result = promotionOf(context, event);
      if (result.ok || !is(event, 'INFOS_COLLECTED')) return;
      say(enqueue, context, `failover of shard ${event.shard} failed: ${result.error}`);
      enqueue(() => answer(event.reply, false, result.error));
    }),
    settleFailingMaster: enqueueActions(({ context, event, enqueue }) => {
      if (is(event, 'INFOS_COLLECTED') && event.round !== null && event.round === context.round?.id) {
        enqueue.assign({ round: settle(context.round, event.masterId) });
      }
    }),
    noteFromSession: enqueueActions(({ context, event, enqueue }) => {
      if (is(event, 'NOTE')) say(enqueue, context, event.text);
    }),
    startProbeRound: enqueueActions(({ context, enqueue }) => {
      if (!context.cluster) return;
      const round: ProbeRound = { id: context.rounds + 1, cluster: context.cluster, pending: allNodes(context.cluster).map((n) => n.id), newest: null };
      enqueue.assign({ round, rounds: round.id, tickQueued: false });
      enqueue.sendTo('session', { type: 'PROBE', round: round.id, cluster: round.cluster });
    }),
    countFailure: enqueueActions(({ context, event, enqueue }) => {
      if (!is(event, 'PROBED') || event.outcome.kind !== 'failed') return;
      const count = (context.failures[event.node.id] ?? 0) + 1;
      enqueue.assign({ failures: { ...context.failures, [event.node.id]: count } });
      say(enqueue, context, `probe of ${nodeAddress(event.node)} failed (${count} in a row): ${event.outcome.reason}`);
    }),
    resetFailures: enqueueActions(({ context, event, enqueue }) => {
      if (is(event, 'PROBED') && event.node.id in context.failures) enqueue.assign({ failures: without(context.failures, event.node.id) });
    }),
    noteRestoring: enqueueActions(({ context, event, enqueue }) => {
      if (is(event, 'PROBED')) say(enqueue, context, `${nodeAddress(event.node)} is restoring the db from backup: skipped`);
    }),
    repushToNode: enqueueActions(({ context, event, enqueue }) => {
      const round = context.round;
      if (!is(event, 'PROBED') || event.outcome.kind !== 'version' || !round) return;
      const { cluster } = round;
      enqueue.sendTo('session', { type: 'PUSH', nodes: [event.node], payload: toNodesPayload(cluster), version: cluster.version, round: round.id });
      say(enqueue, context, `${nodeAddress(event.node)} is at v${event.outcome.version}: push v${cluster.version}`);
    }),
    fetchClusterNodes: enqueueActions(({ context, event, enqueue }) => {
      const round = context.round;
      if (!is(event, 'PROBED') || event.outcome.kind !== 'version' || !round) return;
      const { version } = event.outcome;
      enqueue.assign({ round: { ...round, newest: { version, text: null } } });
      enqueue.sendTo('session', { type: 'FETCH_NODES', round: round.id, node: event.node, version });
      say(enqueue, context, `${nodeAddress(event.node)} is at v${version}, ahead of v${round.cluster.version}: read its CLUSTER NODES`);
    }),
    recordNewestTopology: enqueueActions(({ context, event, enqueue }) => {
      const round = context.round;
      if (!is(event, 'NODES_FETCHED') || round?.newest?.version !== event.version) return;
      enqueue.assign({ round: { ...round, newest: { version: event.version, text: event.text ?? '' } } });
    }),
    settleNode: enqueueActions(({ context, event, enqueue }) => {
      if (is(event, 'PROBED') || is(event, 'NODES_FETCHED') || is(event, 'SETTLED')) enqueue.assign({ round: settle(context.round, event.node.id) });
    }),
    finishRound: enqueueActions(({ context, enqueue }) => {
      const round = context.round;
      let cluster = context.cluster;
      if (round?.newest?.text && cluster) {
        // Adopt the newest node's view without a version bump. // controller/cluster.go parallelProbeNodes, store/store.go SetCluster
        const parsed = parseClusterNodes(round.newest.text, cluster.name);
        if (!parsed.ok) say(enqueue, context, `failed to parse the cluster info: ${parsed.error}`);
        else if (cluster.version > parsed.cluster.version) say(enqueue, context, 'failed to update the cluster info: the cluster has been updated by others');
        else {
          cluster = parsed.cluster;
          enqueue.assign({ cluster });
          say(enqueue, context, `adopted v${cluster.version} from the nodes (no version bump)`);
        }
      }
      enqueue.assign({ round: null, tickQueued: false, syncQueued: false });
      if (context.syncQueued && cluster) pushAll(enqueue, context, cluster);
    }),
  },
}).createMachine({
  id: 'controller',
  context: ({ input }) => ({
    io: input.io,
    pingIntervalMs: input.pingIntervalMs ?? PING_INTERVAL_MS,
    maxPingCount: input.maxPingCount ?? MAX_PING_COUNT,
    cluster: input.cluster ?? null,
    failures: {},
    actions: [],
    round: null,
    rounds: 0,
    tickQueued: false,
    syncQueued: false,
    creating: false,
  }),
  initial: 'off',
  states: {
    off: {
      on: {
        START: 'on',
        CREATE: { actions: 'refuseWhileOff' },
        REMOVE_NODE: { actions: 'refuseWhileOff' },
        FAILOVER: { actions: 'refuseWhileOff' },
      },
    },
    on: {
      invoke: { id: 'session', src: 'session', input: ({ context }) => ({ io: context.io }) },
      entry: ['resetSession', 'armProbeTicker'],
      exit: 'cancelProbeTicker',
      initial: 'idle',
      on: {
        STOP: { target: 'off', actions: 'noteStopped' },
        CREATE: [{ guard: 'canCreate', actions: 'checkNodesAreFresh' }, { actions: 'refuseCreation' }],
        CREATE_CHECKED: [{ guard: 'nodesWereFresh', actions: 'storeCreatedCluster' }, { actions: 'refuseCreation' }],
        REMOVE_NODE: [{ guard: 'nodeIsRemovable', actions: ['storeWithoutNode', 'requestSync'] }, { actions: 'refuseRemoval' }],
        FAILOVER: [{ guard: 'hasCluster', actions: 'collectFailoverInfos' }, { actions: 'refuseFailover' }],
        INFOS_COLLECTED: [
          { guard: 'promotionApplies', actions: ['storePromotion', 'requestSync', 'settleFailingMaster'] },
          { actions: ['refusePromotion', 'settleFailingMaster'] },
        ],
        NOTE: { actions: 'noteFromSession' },
      },
      states: {
        idle: {
          on: {
            PROBE_TICK: [{ guard: 'hasCluster', target: 'probing', actions: 'armProbeTicker' }, { actions: 'armProbeTicker' }],
            SYNC: { actions: 'pushToAllNodes' },
          },
        },
        probing: {
          entry: 'startProbeRound',
          always: [
            { guard: 'roundDoneAndTickQueued', target: 'probing', reenter: true, actions: 'finishRound' },
            { guard: 'roundDone', target: 'idle', actions: 'finishRound' },
          ],
          on: {
            PROBE_TICK: { actions: ['armProbeTicker', 'queueTick'] },
            SYNC: { actions: 'queueSync' },
            PROBED: [
              { guard: 'staleRound' },
              { guard: 'masterFailedTooOften', actions: ['collectFailoverInfos', 'countFailure'] },
              { guard: 'probeFailed', actions: ['countFailure', 'settleNode'] },
              { guard: 'nodeRestoring', actions: ['noteRestoring', 'settleNode'] },
              { guard: 'nodeBehind', actions: ['resetFailures', 'repushToNode'] },
              { guard: 'nodeNewest', actions: ['resetFailures', 'fetchClusterNodes'] },
              { actions: ['resetFailures', 'settleNode'] },
            ],
            NODES_FETCHED: { guard: 'currentRound', actions: ['recordNewestTopology', 'settleNode'] },
            SETTLED: { guard: 'currentRound', actions: 'settleNode' },
          },
        },
      },
    },
  },
});

/** What a status command shows: the stored cluster, failure counts and the last actions. */
export function controllerStatus(snapshot: SnapshotFrom<typeof controllerMachine>): ControllerStatus {
  const { cluster, failures, actions } = snapshot.context;
  return { running: snapshot.matches('on'), probing: snapshot.matches({ on: 'probing' }), cluster, failures, actions };
}
