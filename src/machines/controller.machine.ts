/**
 * kvrocks-controller as one actor: it keeps the stored cluster, pushes every change to the nodes of
 * the new topology only (a removed node is never told: kvrocks#2841), probes every node every 3 s,
 * and promotes a replica once a master has failed 5 probes in a row. `off` (the default) does nothing
 * at all, so topology typed by hand is never overwritten behind a person's back.
 * // kvrocks-controller controller/cluster.go ClusterChecker, controller/controller.go
 */
import { assign, cancel, enqueueActions, raise, setup, type SnapshotFrom } from 'xstate';
import { controllerSession, type ControllerIo, type ResultCallback, type SessionEvent } from './controller-io.ts';
import { allNodes, changeStore, nodeAddress, type StoreChange, type StoredCluster } from './controller-store.ts';

export type { ControllerIo, ControllerResult, ResultCallback } from './controller-io.ts';

/** `ping_interval_seconds` and `max_ping_count` defaults. // kvrocks-controller config/config.go */
export const PING_INTERVAL_MS = 3000;
export const MAX_PING_COUNT = 5;
export const ACTION_LOG_LIMIT = 20;

export type ActionEntry = { readonly at: number; readonly text: string };

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
  /** The last things the controller did, oldest first. */
  readonly actions: readonly ActionEntry[];
  /** A tick or a sync that comes during a round runs right after it (Go's ticker keeps one tick). */
  readonly tickQueued: boolean;
  readonly syncQueued: boolean;
}

export type ControllerEvent =
  | { type: 'START' }
  | { type: 'STOP' }
  | { type: 'CREATE'; cluster: StoredCluster; reply?: ResultCallback }
  | { type: 'REMOVE_NODE'; id: string; reply?: ResultCallback }
  | { type: 'FAILOVER'; shard: number; reply?: ResultCallback }
  | { type: 'PROBE_TICK' }
  | { type: 'QUEUED_TICK' }
  | { type: 'SYNC' }
  | SessionEvent;

export type ControllerStatus = Pick<ControllerContext, 'cluster' | 'failures' | 'actions'> & { readonly running: boolean; readonly probing: boolean };

/** What a start forgets: a fresh ClusterChecker per start. // kvrocks-controller controller/controller.go resume */
const FRESH = { failures: {}, tickQueued: false, syncQueued: false } as const;
const without = (record: Readonly<Record<string, number>>, key: string) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
/** // kvrocks-controller controller/cluster.go increaseFailureCount: at the 5th failure and every one after */
const failoverDue = (count: number, max: number) => count % max === 0 || count > max;
const note = (text: string) => ({ type: 'NOTE', text }) as const;
const replyOf = (event: ControllerEvent): ResultCallback | undefined => ('reply' in event ? event.reply : undefined);
const LABELS: Partial<Record<ControllerEvent['type'], string>> = { CREATE_CHECKED: 'CREATE', INFOS_COLLECTED: 'FAILOVER', ROUND_DONE: 'adoption' };

/** What an API call, a finished check or a finished probe round does to the store ('' when nothing). */
function changeOf({ cluster }: ControllerContext, event: ControllerEvent): StoreChange {
  if (event.type === 'CREATE') return changeStore(cluster, { kind: 'create', cluster: event.cluster });
  if (event.type === 'REMOVE_NODE') return changeStore(cluster, { kind: 'remove', id: event.id });
  if (event.type === 'CREATE_CHECKED' && event.error !== null) return { ok: false, error: event.error };
  if ('request' in event) return event.request ? changeStore(cluster, event.request) : { ok: false, error: '' };
  return { ok: false, error: 'cluster: not found' };
}

export const controllerMachine = setup({
  types: { context: {} as ControllerContext, events: {} as ControllerEvent, input: {} as ControllerInput },
  actors: { session: controllerSession },
  delays: { pingInterval: ({ context }) => context.pingIntervalMs },
  guards: {
    hasCluster: ({ context }) => context.cluster !== null,
    changeApplies: ({ context, event }) => changeOf(context, event).ok,
    // Every node is counted, but only a master (as the round saw it) is failed over.
    masterFailedTooOften: ({ context, event }) =>
      event.type === 'PROBE_FAILED' && event.node.role === 'master' && failoverDue((context.failures[event.node.id] ?? 0) + 1, context.maxPingCount),
  },
  actions: {
    forgetFailures: assign(FRESH),
    noteStarted: raise(({ context }) => note(`started: probe every ${context.pingIntervalMs} ms, fail over after ${context.maxPingCount} failed probes`)),
    noteStopped: raise(note('stopped')),
    recordNote: assign({
      actions: ({ context, event }) => (event.type === 'NOTE' ? [...context.actions, { at: context.io.now(), text: event.text }].slice(-ACTION_LOG_LIMIT) : context.actions),
    }),
    logNote: ({ context, event }) => {
      if (event.type === 'NOTE') context.io.log(`controller: ${event.text}`);
    },
    armProbeTicker: raise({ type: 'PROBE_TICK' }, { id: 'probeTick', delay: 'pingInterval' }),
    cancelProbeTicker: cancel('probeTick'),
    refuseWhileOff: enqueueActions(({ event, enqueue }) => {
      enqueue.raise(note(`${event.type} refused: the controller is off`));
      enqueue(() => replyOf(event)?.({ ok: false, error: 'the controller is off (START it first)' }));
    }),
    checkNodesAreFresh: enqueueActions(({ event, enqueue }) => {
      if (event.type !== 'CREATE') return;
      enqueue.sendTo('session', { type: 'CHECK_FRESH', cluster: event.cluster, reply: event.reply });
      enqueue.raise(note(`create ${event.cluster.name}: check that every node is at version -1`));
    }),
    storeChange: enqueueActions(({ context, event, enqueue }) => {
      const change = changeOf(context, event);
      if (!change.ok) return;
      // A promoted node answered, so its count restarts. // controller/cluster.go increaseFailureCount
      enqueue.assign({ cluster: change.cluster, failures: change.promoted ? without(context.failures, change.promoted) : context.failures });
      enqueue.raise(note(change.text));
      enqueue(() => replyOf(event)?.({ ok: true, text: change.text }));
    }),
    refuseChange: enqueueActions(({ context, event, enqueue }) => {
      const change = changeOf(context, event);
      if (change.ok || change.error === '') return;
      enqueue.raise(note(`${LABELS[event.type] ?? event.type} refused: ${change.error}`));
      enqueue(() => replyOf(event)?.({ ok: false, error: change.error }));
    }),
    requestSync: raise({ type: 'SYNC' }),
    queueTick: assign({ tickQueued: true }),
    queueSync: assign({ syncQueued: true }),
    /** Go's select after a round: a sync that waited goes first (upstream picks at random), then a tick. */
    replayQueued: enqueueActions(({ context, enqueue }) => {
      enqueue.assign({ tickQueued: false, syncQueued: false });
      if (context.syncQueued) enqueue.raise({ type: 'SYNC' });
      if (context.tickQueued) enqueue.raise({ type: 'QUEUED_TICK' });
    }),
    /** syncClusterToNodes: every node of the stored topology, replicas marked failed excepted. */
    pushToAllNodes: enqueueActions(({ context: { cluster }, enqueue }) => {
      if (!cluster) return;
      const nodes = allNodes(cluster).filter((node) => !node.failed);
      enqueue.sendTo('session', { type: 'PUSH', cluster, nodes });
      enqueue.raise(note(`push v${cluster.version} to ${nodes.map(nodeAddress).join(', ')}`));
    }),
    startProbeRound: enqueueActions(({ context: { cluster }, enqueue }) => {
      if (cluster) enqueue.sendTo('session', { type: 'PROBE', cluster });
    }),
    countFailure: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'PROBE_FAILED') return;
      const count = (context.failures[event.node.id] ?? 0) + 1;
      enqueue.assign({ failures: { ...context.failures, [event.node.id]: count } });
      enqueue.raise(note(`probe of ${nodeAddress(event.node)} failed (${count} in a row): ${event.reason}`));
    }),
    resetFailures: assign({ failures: ({ context, event }) => (event.type === 'PROBE_ANSWERED' ? without(context.failures, event.node.id) : context.failures) }),
    /** Asks a shard's nodes for role and sequence: for a failed master, or for a manual failover (with a reply). */
    collectFailoverInfos: enqueueActions(({ context: { cluster }, event, enqueue }) => {
      if (!cluster || (event.type !== 'FAILOVER' && event.type !== 'PROBE_FAILED')) return;
      const masterId = event.type === 'PROBE_FAILED' ? event.node.id : '';
      const reply = event.type === 'FAILOVER' ? event.reply : undefined;
      enqueue.sendTo('session', { type: 'COLLECT_INFOS', cluster, shard: event.shard, masterId, reply });
      enqueue.raise(note(`fail over shard ${event.shard}${masterId ? `, master ${masterId} is down` : ''}: ask its nodes for role and sequence`));
    }),
    /** The round waits for a failed node until its failover, if any, is over. */
    releaseProbe: enqueueActions(({ event, enqueue }) => {
      const id = event.type === 'PROBE_FAILED' ? event.node.id : event.type === 'INFOS_COLLECTED' ? event.request.masterId : '';
      if (id !== '') enqueue.sendTo('session', { type: 'SETTLE', id });
    }),
  },
}).createMachine({
  id: 'controller',
  context: ({ input: { io, cluster, pingIntervalMs, maxPingCount } }) => ({
    ...FRESH,
    io,
    cluster: cluster ?? null,
    pingIntervalMs: pingIntervalMs ?? PING_INTERVAL_MS,
    maxPingCount: maxPingCount ?? MAX_PING_COUNT,
    actions: [],
  }),
  initial: 'off',
  on: { NOTE: { actions: ['recordNote', 'logNote'] } },
  states: {
    off: {
      on: { START: 'on', CREATE: { actions: 'refuseWhileOff' }, REMOVE_NODE: { actions: 'refuseWhileOff' }, FAILOVER: { actions: 'refuseWhileOff' } },
    },
    on: {
      invoke: { id: 'session', src: 'session', input: ({ context }) => ({ io: context.io }) },
      entry: ['forgetFailures', 'noteStarted', 'armProbeTicker'],
      exit: 'cancelProbeTicker',
      initial: 'idle',
      on: {
        STOP: { target: 'off', actions: 'noteStopped' },
        // Concurrent creations all check; the store keeps the first. // store/store.go CreateCluster
        CREATE: [{ guard: 'hasCluster', actions: 'refuseChange' }, { actions: 'checkNodesAreFresh' }],
        // A new cluster's checker starts ticking when it is created. // controller/controller.go addCluster
        CREATE_CHECKED: [{ guard: 'changeApplies', actions: ['storeChange', 'cancelProbeTicker', 'armProbeTicker'] }, { actions: 'refuseChange' }],
        REMOVE_NODE: [{ guard: 'changeApplies', actions: ['storeChange', 'requestSync'] }, { actions: 'refuseChange' }],
        FAILOVER: [{ guard: 'hasCluster', actions: 'collectFailoverInfos' }, { actions: 'refuseChange' }],
        INFOS_COLLECTED: [
          { guard: 'changeApplies', actions: ['storeChange', 'requestSync', 'releaseProbe'] },
          { actions: ['refuseChange', 'releaseProbe'] },
        ],
      },
      states: {
        idle: {
          on: {
            PROBE_TICK: [{ guard: 'hasCluster', target: 'probing', actions: 'armProbeTicker' }, { actions: 'armProbeTicker' }],
            QUEUED_TICK: { guard: 'hasCluster', target: 'probing' },
            SYNC: { actions: 'pushToAllNodes' },
          },
        },
        probing: {
          entry: 'startProbeRound',
          on: {
            PROBE_TICK: { actions: ['armProbeTicker', 'queueTick'] },
            SYNC: { actions: 'queueSync' },
            PROBE_FAILED: [
              { guard: 'masterFailedTooOften', actions: ['countFailure', 'collectFailoverInfos'] },
              { actions: ['countFailure', 'releaseProbe'] },
            ],
            PROBE_ANSWERED: { actions: 'resetFailures' },
            // A node ahead of the store gives the new truth. // controller/cluster.go parallelProbeNodes
            ROUND_DONE: [
              { guard: 'changeApplies', target: 'idle', actions: ['storeChange', 'replayQueued'] },
              { target: 'idle', actions: ['refuseChange', 'replayQueued'] },
            ],
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
