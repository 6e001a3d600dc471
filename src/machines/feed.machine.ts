/**
 * The master's FeedSlaveThread for one replica (K-2024 src/cluster/replication.cc): created when
 * PSYNC succeeds, streams WAL batches as they are written, pings when its idle-poll count says so
 * (PING_DUE, about every 2 s: the node's FeedSlave keeps that count, so a long idle span can be
 * computed rather than ticked), and stops for good when a send fails or it is killed. A stopped thread stays in the list until the ~100 ms cron
 * reaps it, so `connected_slaves` can briefly count it.
 */
import { setup } from 'xstate';

export interface FeedIo {
  /** Sends every batch not yet sent; false when the write failed. */
  flush(): boolean;
  /** Sends the bulk `ping`; false when the write failed. */
  ping(): boolean;
  log(text: string): void;
  /** Tells the master the thread stopped (the cron reaps it later). */
  stopped(): void;
}

export type FeedEvent = { type: 'WAL_APPENDED' } | { type: 'PING_DUE' } | { type: 'SEND_FAILED' } | { type: 'KILL' };

export const feedMachine = setup({
  types: {
    context: {} as { io: FeedIo },
    events: {} as FeedEvent,
    input: {} as { io: FeedIo },
  },
  actions: {
    sendPending: ({ context, self }) => {
      if (!context.io.flush()) {
        context.io.log('Write error while sending batch to slave');
        self.send({ type: 'SEND_FAILED' });
      }
    },
    sendPing: ({ context, self }) => {
      if (!context.io.ping()) {
        context.io.log('Ping slave err, would stop the thread');
        self.send({ type: 'SEND_FAILED' });
      }
    },
    reportStopped: ({ context }) => context.io.stopped(),
  },
}).createMachine({
  id: 'feed',
  context: ({ input }) => ({ io: input.io }),
  initial: 'streaming',
  states: {
    streaming: {
      entry: 'sendPending',
      on: {
        // The idle-poll counter is never reset by data (checkLivenessIfNeed), so pings stay periodic.
        WAL_APPENDED: { actions: 'sendPending' },
        PING_DUE: 'idlePing',
        SEND_FAILED: 'stopped',
        KILL: 'stopped',
      },
    },
    idlePing: {
      entry: 'sendPing',
      always: { target: 'streaming' },
      on: { SEND_FAILED: 'stopped', KILL: 'stopped' },
    },
    stopped: { type: 'final', entry: 'reportStopped' },
  },
});
