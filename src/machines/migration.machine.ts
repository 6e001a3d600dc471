/**
 * A source node's slot migration job (K-2024 src/cluster/slot_migrate.cc SlotMigrator): connect to
 * the destination, `cluster import <range> 0`, send the slot's keys as restore commands in pipelines
 * (snapshot), then the WAL written meanwhile in epochs until the gap is small, forbid writes to the
 * slot, send the last of the WAL, `cluster import <range> 1`; on any failure `cluster import <range> 2`.
 * Every pipeline waits for the speed limit and then for all its replies (1 s receive timeout).
 * What the commands are, and what the node marks, is the io's business.
 */
import { assign, enqueueActions, setup } from 'xstate';
import type { WireMessage } from '../protocol/wire.ts';
import { masterLink } from './link.ts';
import {
  authGroup,
  CANCELED,
  finalFlush,
  importGroup,
  MAX_WAL_EPOCHS,
  MIGRATION_CONNECT_TIMEOUT_MS,
  MIGRATION_READ_TIMEOUT_MS,
  readFailure,
  replyOf,
  walFailure,
  type MigrationContext,
  type MigrationEvent,
  type MigrationIo,
  type RestoreGroup,
} from './migration-steps.ts';

export type { MigrationIo, RestoreGroup } from './migration-steps.ts';

export const migrationMachine = setup({
  types: { context: {} as MigrationContext, events: {} as MigrationEvent, input: {} as { io: MigrationIo; address: string; walBegin: number } },
  actors: { masterLink },
  delays: {
    connectTimeout: MIGRATION_CONNECT_TIMEOUT_MS,
    readTimeout: MIGRATION_READ_TIMEOUT_MS,
    // applyMigrationSpeedLimit: a pipeline goes no sooner than 1e6 * pipeline / speed us after the last.
    speedLimit: ({ context: { io, lastSendAt } }) => {
      const speed = io.maxSpeed();
      if (speed <= 0) return 0;
      const perRequestUs = Math.max(1, Math.floor((1_000_000 * io.maxPipeline()) / speed));
      return Math.max(0, lastSendAt + perRequestUs / 1000 - io.now());
    },
  },
  guards: {
    needsAuth: ({ context }) => context.io.password() !== null,
    stopped: ({ context }) => context.io.stopRequested(),
    /** The snapshot loop checks the stop flag before each key; an epoch, before each batch. */
    stoppedWithWork: ({ context }) => context.io.stopRequested() && (context.stage === 'snapshot' || context.queue.length > 0 || context.pipeline.length > 0),
    hasPending: ({ context }) => context.pipeline.length > 0,
    inSnapshot: ({ context }) => context.stage === 'snapshot',
    inWalAfter: ({ context }) => context.stage === 'walAfter',
    gapIsSmall: ({ context }) => context.io.latestSeq() - context.walBegin <= context.io.seqGap() || context.walEpochs >= MAX_WAL_EPOCHS,
    isErrorReply: ({ event }) => replyOf(event)?.type === 'error',
    isLastReply: ({ context, event }) => replyOf(event) !== null && context.awaiting <= 1,
    isReply: ({ event }) => replyOf(event) !== null,
    peerClosed: ({ context }) => context.peerClosed,
    linkWritable: ({ context }) => context.connected && !context.peerClosed,
  },
  actions: {
    failWith: assign({ error: (_, message: string) => message }),
    failOnRead: assign({
      error: ({ context, event }) =>
        context.stage === 'walBefore' || context.stage === 'walAfter' ? walFailure(context.stage) : (context.sending ?? finalFlush(context.stage)).describe(readFailure(event, context)),
    }),
    failStopped: assign({ error: ({ context }) => (context.stage === 'snapshot' || context.stage === 'success' ? CANCELED : walFailure(context.stage)) }),
    notePeerClosed: assign({ peerClosed: true }),
    noteConnected: assign({ connected: true }),
    /**
     * Appends groups until the pipeline is full or the source runs dry (one key per step of the
     * snapshot loop, one WAL batch per step of an epoch); running dry with commands pending is the
     * final flush of the stage.
     */
    fill: assign(({ context }) => {
      let pipeline = context.pipeline;
      let queue = context.queue;
      let sending: RestoreGroup | null = null;
      const max = context.io.maxPipeline();
      while (pipeline.length < max) {
        const group = context.stage === 'snapshot' ? context.io.nextSnapshotGroup() : (queue[0] ?? null);
        if (context.stage !== 'snapshot') queue = queue.slice(1);
        if (group === null) {
          sending = pipeline.length > 0 ? finalFlush(context.stage) : null;
          break;
        }
        pipeline = [...pipeline, ...group.commands];
        sending = group;
      }
      return { pipeline, queue, sending };
    }),
    startControlStep: assign((_, group: RestoreGroup) => ({ pipeline: [...group.commands], sending: group })),
    sendPipeline: enqueueActions(({ context, enqueue }) => {
      for (const argv of context.pipeline) enqueue.sendTo('dst', { type: 'SEND', message: { kind: 'command', argv } as WireMessage });
      enqueue.assign({ awaiting: context.pipeline.length, pipeline: [] });
    }),
    // last_send_time_ is kept for restore pipelines only (sendCmdsPipelineIfNeed), not for AUTH or CLUSTER IMPORT.
    noteRestoreSent: assign({ lastSendAt: ({ context }) => context.io.now() }),
    countReply: assign({ awaiting: ({ context }) => context.awaiting - 1 }),
    enterSnapshot: assign({ stage: 'snapshot' as const, queue: [] }),
    enterWalBefore: assign({ stage: 'walBefore' as const }),
    // An epoch: everything from the last one's end to the latest sequence now.
    loadEpoch: assign(({ context }) => {
      const to = context.io.latestSeq();
      return { queue: context.io.walGroups(context.walBegin + 1, to), walBegin: to, walEpochs: context.walEpochs + 1 };
    }),
    forbid: enqueueActions(({ context, enqueue }) => {
      context.io.forbidWrites();
      const to = context.io.latestSeq();
      const queue = to > context.walBegin ? context.io.walGroups(context.walBegin + 1, to) : [];
      enqueue.assign({ stage: 'walAfter', queue, walBegin: to });
    }),
    enterSuccess: assign({ stage: 'success' as const }),
    markMigrated: ({ context }) => context.io.markMigrated(),
    reportSuccess: ({ context }) => context.io.succeeded(),
    reportFailure: ({ context }) => context.io.failed(context.error, context.stage === 'confirm'),
    enterFail: assign({ stage: 'fail' as const }),
    logFailNotice: ({ context, event }) => context.io.log(`[migrate] Failed to finish a failed migration: ${readFailure(event, context)}`),
    finish: ({ context }) => context.io.finished(),
  },
}).createMachine({
  id: 'migration',
  context: ({ input }) => ({
    io: input.io,
    address: input.address,
    connected: false,
    stage: 'auth',
    queue: [],
    pipeline: [],
    sending: null,
    awaiting: 0,
    lastSendAt: -Infinity,
    walBegin: input.walBegin,
    walEpochs: 0,
    peerClosed: false,
    error: '',
  }),
  initial: 'linked',
  states: {
    linked: {
      invoke: { id: 'dst', src: 'masterLink', input: ({ context }) => ({ name: 'dst', address: context.address, dial: context.io.dial }) },
      initial: 'connecting',
      on: { LINK_CLOSED: { actions: 'notePeerClosed' } },
      states: {
        connecting: {
          after: { connectTimeout: { target: 'failing', actions: { type: 'failWith', params: 'failed to connect to the destination node: Connection timed out' } } },
          on: {
            LINK_REFUSED: { target: 'failing', actions: { type: 'failWith', params: 'failed to connect to the destination node: Connection refused' } },
            LINK_OPEN: [
              { guard: 'needsAuth', target: 'authenticating', actions: 'noteConnected' },
              { target: 'starting', actions: 'noteConnected' },
            ],
          },
        },
        authenticating: {
          entry: [{ type: 'startControlStep', params: ({ context }) => authGroup(context.io) }, 'sendPipeline'],
          ...awaitReplies({ target: '#migration.linked.starting' }),
        },
        starting: {
          entry: [assign({ stage: 'importStart' as const }), { type: 'startControlStep', params: ({ context }) => importGroup(0)(context.io) }, 'sendPipeline'],
          ...awaitReplies({ target: '#migration.linked.pump', actions: ['enterSnapshot'] }),
        },
        pump: {
          always: [
            { guard: 'stoppedWithWork', target: 'failing', actions: 'failStopped' },
            { target: 'filled', actions: 'fill' },
          ],
        },
        filled: {
          always: [
            { guard: 'hasPending', target: 'throttle' },
            { guard: 'inSnapshot', target: 'walCheck', actions: 'enterWalBefore' },
            { guard: 'inWalAfter', target: 'success' },
            { target: 'walCheck' },
          ],
        },
        throttle: { after: { speedLimit: 'writing' } },
        writing: {
          entry: ['sendPipeline', 'noteRestoreSent'],
          ...awaitReplies({ target: '#migration.linked.pump' }),
        },
        // syncWalBeforeForbiddingSlot: epochs until the gap is within migrate-sequence-gap.
        walCheck: {
          always: [
            { guard: 'gapIsSmall', target: 'pump', actions: 'forbid' },
            { guard: 'stopped', target: 'failing', actions: 'failStopped' },
            { target: 'pump', actions: 'loadEpoch' },
          ],
        },
        success: {
          entry: 'enterSuccess',
          always: [
            { guard: 'stopped', target: 'failing', actions: 'failStopped' },
            { target: 'confirming' },
          ],
        },
        confirming: {
          entry: [assign({ stage: 'confirm' as const }), { type: 'startControlStep', params: ({ context }) => importGroup(1)(context.io) }, 'sendPipeline'],
          ...awaitReplies({ target: '#migration.done', actions: ['markMigrated', 'reportSuccess'] }),
        },
        // finishFailedMigration: the caller is told first, then `cluster import <range> 2` (its answer is only logged).
        failing: {
          entry: ['reportFailure', 'enterFail'],
          always: [
            { guard: 'linkWritable', target: 'notifying' },
            { target: '#migration.done' },
          ],
        },
        notifying: {
          entry: [{ type: 'startControlStep', params: ({ context }) => importGroup(2)(context.io) }, 'sendPipeline'],
          after: { readTimeout: { target: '#migration.done', actions: 'logFailNotice' } },
          on: {
            LINK_CLOSED: { target: '#migration.done', actions: 'logFailNotice' },
            LINK_MESSAGE: { target: '#migration.done' },
          },
        },
      },
    },
    done: { type: 'final', entry: 'finish' },
  },
});

/**
 * Waiting for every reply of the pipeline just sent (checkMultipleResponses): an error reply, EOF
 * or 1 s without data (SO_RCVTIMEO, counted from each read) fails the job.
 */
function awaitReplies(done: { target: string; actions?: readonly ('enterSnapshot' | 'markMigrated' | 'reportSuccess')[] }) {
  const fail = { target: '#migration.linked.failing', actions: 'failOnRead' } as const;
  return {
    initial: 'waiting',
    states: {
      waiting: {
        after: { readTimeout: fail },
        always: { guard: 'peerClosed', ...fail },
        on: {
          LINK_CLOSED: { target: '#migration.linked.failing', actions: ['notePeerClosed', 'failOnRead'] },
          LINK_MESSAGE: [
            { guard: 'isErrorReply', ...fail },
            { guard: 'isLastReply', target: done.target, actions: ['countReply', ...(done.actions ?? [])] },
            { guard: 'isReply', target: 'waiting', reenter: true, actions: 'countReply' },
          ],
        },
      },
    },
  } as const;
}
