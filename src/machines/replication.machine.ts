/**
 * The replica's ReplicationThread (K-2024 src/cluster/replication.cc): the PSYNC sequence and the
 * full-sync sequence, each on its own connection, with the real waits: connect attempts >= 1 s apart
 * and 3.1 s connect timeout, 1 s after EOF, 10 s after a failed step (RESTART). The `kRepl*` value
 * INFO and ROLE report is context.replState, set where Kvrocks sets it (in each write handler).
 */
import { assign, enqueueActions, fromCallback, sendTo, setup } from 'xstate';
import type { Checkpoint } from '../protocol/wal.ts';
import { masterLink } from './link.ts';
import { lateTimerDelay } from './replication-stop.ts';
import {
  messageOf,
  ORPHAN_REFUSAL_PREFIX,
  replyError,
  UNKNOWN_REPLICA_REFUSAL_PREFIX,
  type ReplicaIo,
  type ReplicationContext,
  type ReplicationEvent,
  type ReplicationInput,
} from './replication-types.ts';
import { CONNECT_GAP_MS, CONNECT_TIMEOUT_MS, LOOP_TURN_MS, RECONNECT_DELAY_MS, RESTART_DELAY_MS } from './timings.ts';

export { ORPHAN_REFUSAL_PREFIX, UNKNOWN_REPLICA_REFUSAL_PREFIX, type ReplicaIo, type ReplicationEvent, type ReplicationInput } from './replication-types.ts';

const restoreActor = fromCallback<{ type: 'NONE' }, { io: ReplicaIo; checkpoint: Checkpoint }>(({ input, sendBack }) =>
  input.io.restore(input.checkpoint, () => sendBack({ type: 'RESTORED' })),
);

export const replicationMachine = setup({
  types: {
    context: {} as ReplicationContext,
    events: {} as ReplicationEvent,
    input: {} as ReplicationInput,
  },
  actors: { masterLink, restoreActor },
  delays: {
    // "prevent frequent re-connect": sleep(1) when the last attempt began under 1 s ago.
    connectGap: ({ context }) => (context.io.now() - context.lastConnectAt < CONNECT_GAP_MS ? CONNECT_GAP_MS : 0),
    connectTimeout: CONNECT_TIMEOUT_MS,
    reconnectDelay: RECONNECT_DELAY_MS,
    restartDelay: RESTART_DELAY_MS,
    loopTurn: LOOP_TURN_MS,
  },
  guards: {
    isFromMainLink: ({ event }) => 'link' in event && event.link === 'main',
    hasMasterAuth: ({ context }) => context.io.masterAuth() !== null,
    repliedOk: ({ event }) => {
      const m = messageOf(event);
      return m?.kind === 'reply' && m.reply.type === 'status' && m.reply.text === 'OK';
    },
    dbNameMatches: ({ context, event }) => {
      const m = messageOf(event);
      return m?.kind === 'line' && m.text === context.io.dbName();
    },
    masterIsLoading: ({ event }) => replyError(event)?.startsWith('LOADING') ?? false,
    /** The #2850 proposal: a master refuses a replica missing from its newer topology. */
    refusedAsOrphan: ({ event }) => replyError(event)?.startsWith(ORPHAN_REFUSAL_PREFIX) ?? false,
    refusedAsUnknownReplica: ({ event }) => replyError(event)?.startsWith(UNKNOWN_REPLICA_REFUSAL_PREFIX) ?? false,
    ipAddressRejected: ({ context, event }) =>
      !context.replconfWithoutIp && context.io.announceIp() !== null && replyError(event) === 'ERR unknown option',
    isHandoff: ({ context }) => context.handoff,
    gotFileList: ({ event }) => messageOf(event)?.kind === 'line',
    gotFiles: ({ event }) => messageOf(event)?.kind === 'files',
    gotBatchesThatApply: ({ context, event }) => {
      const m = messageOf(event);
      return m?.kind === 'batches' && context.io.applyBatches(m.batches);
    },
    gotPing: ({ event }) => messageOf(event)?.kind === 'ping',
    resumesFullsync: ({ context }) => context.resume === 'fullsync',
  },
  actions: {
    enterConnecting: ({ context }) => context.io.setReplState('kReplConnecting'),
    flashError: ({ context }) => context.io.setReplState('kReplError'),
    noteConnectAttempt: assign({ lastConnectAt: ({ context }) => context.io.now() }),
    noteWaitStart: assign({ waitFrom: ({ context }) => context.io.now() }),
    // Sleeps after EOF and RESTART, and a sequence started from a handler, run inside a callback.
    blockLoop: assign(({ context }) => (context.loop === 'running' ? { loop: 'blocked' as const, blockedAt: context.io.now() } : {})),
    resumeLoop: assign(({ context }) => {
      if (context.loop === 'running') return {};
      const now = context.io.now();
      return { loop: 'running' as const, tickOrigin: context.loop === 'none' ? now : now + lateTimerDelay(context.tickOrigin, context.blockedAt) };
    }),
    noteIo: ({ context }) => context.io.noteIo(),
    logRetry: ({ context }) => context.io.log('[replication] Retry in 10 seconds'),
    logReconnect: ({ context }) => context.io.log('[replication] connection error/eof, reconnect the master'),
    logConnectFailed: ({ context }) => context.io.log('[replication] Failed to connect the master'),
    resumePsync: assign({ resume: 'psync' as const }),
    resumeFullsync: assign({ resume: 'fullsync' as const }),
    // The other sequence is started from a handler: its connect runs inside that callback.
    markHandoff: assign(({ context }) =>
      context.loop === 'running' ? { handoff: true, loop: 'blocked' as const, blockedAt: context.io.now() } : { handoff: true },
    ),
    clearHandoff: assign({ handoff: false }),
    dropIpAddress: assign({ replconfWithoutIp: true }),
    keepCheckpoint: assign({
      checkpoint: ({ event }) => {
        const m = messageOf(event);
        return m?.kind === 'files' ? m.checkpoint : null;
      },
    }),
    sendAuthCommand: sendTo('link', ({ context }) => ({
      type: 'SEND',
      message: { kind: 'command', argv: ['AUTH', context.io.masterAuth() ?? ''] },
    })),
    sendDbName: sendTo('link', { type: 'SEND', message: { kind: 'command', argv: ['_db_name'] } }),
    sendReplConf: sendTo('link', ({ context }) => {
      const argv = ['replconf', 'listening-port', String(context.io.listeningPort())];
      const ip = context.io.announceIp();
      if (ip !== null && !context.replconfWithoutIp) argv.push('ip-address', ip);
      argv.push(...context.io.replconfExtras());
      return { type: 'SEND', message: { kind: 'command', argv } };
    }),
    sendPsync: sendTo('link', ({ context }) => ({
      type: 'SEND',
      message: { kind: 'command', argv: ['PSYNC', ...context.io.psyncArgs()] },
    })),
    sendFetchMeta: sendTo('link', { type: 'SEND', message: { kind: 'command', argv: ['_fetch_meta'] } }),
    // Each fetch worker authenticates on its own connection, then asks for the files.
    sendFetchFile: enqueueActions(({ context, enqueue }) => {
      const auth = context.io.masterAuth();
      if (auth !== null) enqueue.sendTo('files', { type: 'SEND', message: { kind: 'command', argv: ['AUTH', auth] } });
      enqueue.sendTo('files', { type: 'SEND', message: { kind: 'command', argv: ['_fetch_file', 'checkpoint'] } });
    }),
    setSendAuth: ({ context }) => context.io.setReplState('kReplSendAuth'),
    setCheckDbName: ({ context }) => context.io.setReplState('kReplCheckDBName'),
    setReplConf: ({ context }) => context.io.setReplState('kReplReplConf'),
    setSendPsync: ({ context }) => context.io.setReplState('kReplSendPSync'),
    setConnected: ({ context }) => context.io.setReplState('kReplConnected'),
    setFetchMeta: ({ context }) => context.io.setReplState('kReplFetchMeta'),
    setFetchSst: ({ context }) => context.io.setReplState('kReplFetchSST'),
  },
}).createMachine({
  id: 'replication',
  context: ({ input }) => ({
    io: input.io,
    masterAddress: input.masterAddress,
    lastConnectAt: -Infinity,
    resume: 'psync',
    handoff: false,
    replconfWithoutIp: false,
    checkpoint: null,
    waitFrom: 0,
    loop: 'none',
    tickOrigin: 0,
    blockedAt: 0,
  }),
  entry: 'enterConnecting',
  initial: 'psync',
  on: { STOP: '.stopped' },
  states: {
    psync: {
      entry: 'resumePsync',
      initial: 'attempt',
      states: {
        backoff: { entry: 'noteWaitStart', after: { connectGap: 'attempt' } },
        attempt: {
          entry: 'noteConnectAttempt',
          invoke: { id: 'link', src: 'masterLink', input: ({ context }) => linkInput(context, 'main') },
          on: {
            LINK_REFUSED: { target: 'backoff', actions: 'logConnectFailed' },
            LINK_CLOSED: '#replication.reconnectWait',
          },
          initial: 'connecting',
          states: {
            connecting: {
              after: { connectTimeout: { target: '#replication.psync.backoff', actions: 'logConnectFailed' } },
              on: {
                LINK_OPEN: [
                  { guard: 'isHandoff', target: 'quitting', actions: ['flashError', 'clearHandoff'] },
                  { target: 'handshake' },
                ],
              },
            },
            // The handler that started this sequence QUITs (kReplError) until the loop turns once.
            quitting: { after: { loopTurn: 'handshake' } },
            handshake: {
              entry: 'resumeLoop',
              always: [{ guard: 'hasMasterAuth', target: 'sendAuth' }, { target: 'checkDbName' }],
            },
            sendAuth: {
              entry: ['setSendAuth', 'sendAuthCommand'],
              on: {
                LINK_MESSAGE: [
                  { guard: 'repliedOk', target: 'checkDbName', actions: 'noteIo' },
                  { target: '#replication.restartWait', actions: 'noteIo' },
                ],
              },
            },
            checkDbName: {
              entry: ['setCheckDbName', 'sendDbName'],
              on: {
                LINK_MESSAGE: [
                  { guard: 'dbNameMatches', target: 'replConf', actions: 'noteIo' },
                  { target: '#replication.restartWait', actions: 'noteIo' },
                ],
              },
            },
            replConf: {
              entry: ['setReplConf', 'sendReplConf'],
              on: {
                LINK_MESSAGE: [
                  { guard: 'ipAddressRejected', target: 'replConf', reenter: true, actions: ['noteIo', 'dropIpAddress'] },
                  { guard: 'refusedAsOrphan', target: '#replication.restartWait', actions: 'noteIo' },
                  { guard: 'masterIsLoading', target: '#replication.restartWait', actions: 'noteIo' },
                  { target: 'sendPsync', actions: 'noteIo' },
                ],
              },
            },
            sendPsync: {
              entry: ['setSendPsync', 'sendPsync'],
              on: {
                LINK_MESSAGE: [
                  { guard: 'repliedOk', target: 'connected', actions: 'noteIo' },
                  { guard: 'masterIsLoading', target: '#replication.restartWait', actions: 'noteIo' },
                  { guard: 'refusedAsUnknownReplica', target: '#replication.restartWait', actions: 'noteIo' },
                  // Any other error (`sequence out of range, please use fullsync`, `wrong replication id of the last log`).
                  { target: '#replication.fullsync', actions: ['noteIo', 'markHandoff'] },
                ],
              },
            },
            connected: {
              entry: 'setConnected',
              on: {
                LINK_MESSAGE: [
                  { guard: 'gotPing', actions: 'noteIo' },
                  { guard: 'gotBatchesThatApply', actions: 'noteIo' },
                  { target: '#replication.restartWait', actions: 'noteIo' },
                ],
              },
            },
          },
        },
      },
    },
    fullsync: {
      entry: 'resumeFullsync',
      initial: 'attempt',
      states: {
        backoff: { entry: 'noteWaitStart', after: { connectGap: 'attempt' } },
        attempt: {
          entry: 'noteConnectAttempt',
          invoke: { id: 'link', src: 'masterLink', input: ({ context }) => linkInput(context, 'main') },
          on: {
            LINK_REFUSED: { target: 'backoff', actions: 'logConnectFailed' },
            LINK_CLOSED: { guard: 'isFromMainLink', target: '#replication.reconnectWait' },
          },
          initial: 'connecting',
          states: {
            connecting: {
              after: { connectTimeout: { target: '#replication.fullsync.backoff', actions: 'logConnectFailed' } },
              on: {
                LINK_OPEN: [
                  { guard: 'isHandoff', target: 'quitting', actions: ['flashError', 'clearHandoff'] },
                  { target: 'fetchMeta' },
                ],
              },
            },
            quitting: { after: { loopTurn: 'fetchMeta' } },
            fetchMeta: {
              entry: ['resumeLoop', 'setFetchMeta', 'sendFetchMeta'],
              on: {
                LINK_MESSAGE: [
                  { guard: 'gotFileList', target: 'fetchFiles', actions: 'noteIo' },
                  { target: '#replication.restartWait', actions: 'noteIo' },
                ],
              },
            },
            fetchFiles: {
              entry: 'setFetchSst',
              invoke: { id: 'files', src: 'masterLink', input: ({ context }) => linkInput(context, 'files') },
              on: {
                LINK_OPEN: { actions: 'sendFetchFile' },
                LINK_REFUSED: '#replication.restartWait',
                // The master closes the meta connection after the file list; the handler is busy
                // fetching, so that EOF is never read. A failed file fetch is a RESTART.
                LINK_CLOSED: [{ guard: 'isFromMainLink' }, { target: '#replication.restartWait' }],
                LINK_MESSAGE: [
                  { guard: 'repliedOk', actions: 'noteIo' },
                  { guard: 'gotFiles', target: 'restoring', actions: ['noteIo', 'keepCheckpoint'] },
                  { target: '#replication.restartWait', actions: 'noteIo' },
                ],
              },
            },
            restoring: {
              invoke: { src: 'restoreActor', input: ({ context }) => ({ io: context.io, checkpoint: context.checkpoint! }) },
              on: { RESTORED: { target: '#replication.psync', actions: 'markHandoff' }, LINK_CLOSED: {} },
            },
          },
        },
      },
    },
    reconnectWait: {
      entry: ['enterConnecting', 'logReconnect', 'noteWaitStart', 'blockLoop'],
      after: { reconnectDelay: [{ guard: 'resumesFullsync', target: 'fullsync' }, { target: 'psync' }] },
    },
    restartWait: {
      entry: ['enterConnecting', 'logRetry', 'noteWaitStart', 'blockLoop'],
      after: { restartDelay: [{ guard: 'resumesFullsync', target: 'fullsync' }, { target: 'psync' }] },
    },
    stopped: { type: 'final' },
  },
});

function linkInput(context: ReplicationContext, name: string) {
  return { name, address: context.masterAddress, dial: context.io.dial };
}
