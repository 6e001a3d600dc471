/**
 * The kvrocks process on one node: running, crashed, restarting. A crash closes every socket (the
 * kernel sends FIN) and loses everything in memory; RocksDB data and nodes.conf survive, and a
 * restart reloads nodes.conf (K-2024 src/server/server.cc, src/cluster/cluster.cc LoadClusterNodes).
 */
import { setup } from 'xstate';

/** How long a restarted process takes to open its DB and listen again: 27-37 ms measured on the 5fccd57c builds. */
export const STARTUP_MS = 30;

export interface ProcessIo {
  /** Load nodes.conf, apply it, start listening. */
  boot(): void;
  /** The process dies: sockets closed, threads gone, in-memory state lost. */
  die(): void;
}

/** BOOT_FAILED: startup stopped, e.g. nodes.conf failed to load (server.cc Server::Start). */
export type ProcessEvent = { type: 'CRASH' } | { type: 'RESTART' } | { type: 'BOOT_FAILED' };

export const nodeProcessMachine = setup({
  types: {
    context: {} as { io: ProcessIo },
    events: {} as ProcessEvent,
    input: {} as { io: ProcessIo },
  },
  delays: { startup: STARTUP_MS },
  actions: {
    boot: ({ context }) => context.io.boot(),
    die: ({ context }) => context.io.die(),
  },
}).createMachine({
  id: 'process',
  context: ({ input }) => ({ io: input.io }),
  initial: 'running',
  states: {
    running: {
      on: {
        CRASH: { target: 'crashed', actions: 'die' },
        BOOT_FAILED: { target: 'crashed', actions: 'die' },
        // A restart of a running process: shut down (sockets closed), then start again.
        RESTART: { target: 'restarting', actions: 'die' },
      },
    },
    crashed: { on: { RESTART: 'restarting' } },
    restarting: {
      after: { startup: { target: 'running', actions: 'boot' } },
      on: { CRASH: 'crashed' },
    },
  },
});
