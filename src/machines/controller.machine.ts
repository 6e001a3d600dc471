/**
 * kvrocks-controller as one actor: it keeps the stored cluster, pushes every change to the nodes of
 * the new topology only (a removed node is never told: kvrocks#2841), probes every node every 3 s,
 * and promotes a replica once a master has failed 5 probes in a row. `off` (the default) does nothing
 * at all, so topology typed by hand is never overwritten behind a person's back. Upstream changes
 * it can run with or without (forced pushes, failover rules, a quorum check) are switches the
 * session reads through `io.has` where each decision is made.
 * // kvrocks-controller controller/cluster.go ClusterChecker, controller/controller.go
 */
import { assign, cancel, enqueueActions, not, raise, setup, type SnapshotFrom } from 'xstate';
import { controllerSession } from './controller-io.ts';
import { controllerMigrations } from './controller-migration.ts';
import { allNodes, nodeAddress } from './controller-store.ts';
import {
  ACTION_LOG_LIMIT,
  changeOf,
  failoverDue,
  FRESH,
  LABELS,
  MAX_PING_COUNT,
  note,
  PING_INTERVAL_MS,
  replyOf,
  without,
  type ControllerContext,
  type ControllerEvent,
  type ControllerInput,
  type ControllerStatus,
} from './controller-context.ts';

export type { ControllerIo, ControllerResult, ResultCallback } from './controller-io.ts';
export { ACTION_LOG_LIMIT, MAX_PING_COUNT, PING_INTERVAL_MS } from './controller-context.ts';
export type { ActionEntry, ControllerContext, ControllerEvent, ControllerInput, ControllerStatus } from './controller-context.ts';

export const controllerMachine = setup({
  types: { context: {} as ControllerContext, events: {} as ControllerEvent, input: {} as ControllerInput },
  actors: { session: controllerSession, migrations: controllerMigrations },
  delays: { pingInterval: ({ context }) => context.pingIntervalMs },
  guards: {
    hasCluster: ({ context }) => context.cluster !== null,
    syncEndpointExists: ({ context }) => context.io.has('force-resync-400'),
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
    forceSyncAllNodes: enqueueActions(({ context: { cluster }, event, enqueue }) => {
      if (!cluster || event.type !== 'SYNC_API') return;
      enqueue.sendTo('session', { type: 'FORCE_SYNC', cluster, reply: event.reply });
      enqueue.raise(note(`sync: force v${cluster.version} to every node`));
    }),
    /** MigrateSlot: the migrations actor checks the store, then asks the source shard's master. */
    forwardMigrate: enqueueActions(({ context: { cluster }, event, enqueue }) => {
      if (!cluster || event.type !== 'MIGRATE_SLOT') return;
      enqueue.sendTo('migrations', { type: 'MIGRATE', cluster, slot: event.slot, target: event.target, reply: event.reply });
    }),
    // gin answers a route it does not have with 404 and this body. // kvrocks-controller issue #395
    answerNoRoute: ({ event }) => replyOf(event)?.({ ok: false, error: '404 page not found' }),
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
      on: {
        START: 'on',
        CREATE: { actions: 'refuseWhileOff' },
        REMOVE_NODE: { actions: 'refuseWhileOff' },
        FAILOVER: { actions: 'refuseWhileOff' },
        SYNC_API: { actions: 'refuseWhileOff' },
        MIGRATE_SLOT: { actions: 'refuseWhileOff' },
      },
    },
    on: {
      invoke: [
        { id: 'session', src: 'session', input: ({ context }) => ({ io: context.io }) },
        // migrationLoop runs beside the probe loop. // kvrocks-controller controller/cluster.go Start
        { id: 'migrations', src: 'migrations', input: ({ context, self }) => ({ io: context.io, cluster: () => self.getSnapshot().context.cluster }) },
      ],
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
        SYNC_API: [
          { guard: not('syncEndpointExists'), actions: 'answerNoRoute' },
          { guard: 'hasCluster', actions: 'forceSyncAllNodes' },
          { actions: 'refuseChange' },
        ],
        MIGRATE_SLOT: [{ guard: 'hasCluster', actions: 'forwardMigrate' }, { actions: 'refuseChange' }],
        // UpdateCluster: version + 1, then the new topology goes to every node.
        MIGRATION_STARTED: [{ guard: 'changeApplies', actions: ['storeChange', 'requestSync'] }, { actions: 'refuseChange' }],
        MIGRATION_CHECKED: [{ guard: 'changeApplies', actions: ['storeChange', 'requestSync'] }, { actions: 'refuseChange' }],
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
