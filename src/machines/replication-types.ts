/**
 * The ReplicationThread machine's types: what it asks of its node (io), its context and its events,
 * and the refusal prefixes of the two proposals' masters. Kept apart so the machine file reads as
 * its statechart.
 */
import type { Checkpoint, WalBatch } from '../protocol/wal.ts';
import type { WireMessage } from '../protocol/wire.ts';
import type { Dialer, LinkEvent } from './link.ts';
import type { ReplState } from './repl-state.ts';

/** How a guarded master's refusal starts (the #2850 proposal, not released Kvrocks). */
export const ORPHAN_REFUSAL_PREFIX = 'ERR kvlab #2850 proposal';
/**
 * How a master's refusal of a replica missing from its topology starts (the #1224 proposal, not
 * released Kvrocks): its replicas retry in 10 s instead of falling back to a full sync.
 */
export const UNKNOWN_REPLICA_REFUSAL_PREFIX = 'ERR kvlab #1224 proposal';

export interface ReplicaIo {
  now(): number;
  dial: Dialer;
  masterAuth(): string | null;
  dbName(): string;
  listeningPort(): number;
  announceIp(): string | null;
  /** Extra REPLCONF options: the #2850 proposal's node-id and cluster-version (guarded mode only). */
  replconfExtras(): readonly string[];
  /** PSYNC's arguments: `<next seq>` (local latest + 1), or `<replid> <next seq>` with use-rsid-psync (#538). */
  psyncArgs(): readonly string[];
  /** Applies streamed batches; false when one cannot be applied (-> RESTART). */
  applyBatches(batches: readonly WalBatch[]): boolean;
  /** Every handler call refreshes master_last_io_seconds_ago. */
  noteIo(): void;
  setReplState(state: ReplState): void;
  log(text: string): void;
  /** Restores a checkpoint (the node is loading meanwhile) and calls `done` when finished. */
  restore(checkpoint: Checkpoint, done: () => void): () => void;
}

export interface ReplicationInput {
  io: ReplicaIo;
  masterAddress: string;
}

export interface ReplicationContext {
  io: ReplicaIo;
  masterAddress: string;
  lastConnectAt: number;
  /** Which sequence a wait resumes: the one that failed. */
  resume: 'psync' | 'fullsync';
  /** The other sequence was started from a handler that then QUITs: kReplError flashes on connect. */
  handoff: boolean;
  replconfWithoutIp: boolean;
  checkpoint: Checkpoint | null;
  /** When the current sleep (connect gap, 1 s after EOF, 10 s RESTART) began. */
  waitFrom: number;
  /**
   * The thread's event loop: `none` until the first connect returns (run() dispatches only then),
   * `blocked` while a callback sleeps or runs the connect loop, `running` otherwise. Stop() is
   * noticed by a 100 ms timer of that loop (replication-stop.ts).
   */
  loop: 'none' | 'running' | 'blocked';
  /** A moment the loop's 100 ms timer fires at (it fires every 100 ms from there). */
  tickOrigin: number;
  /** When the loop last blocked in a callback (the time libevent's cached clock stays at). */
  blockedAt: number;
}

export type ReplicationEvent = LinkEvent | { type: 'RESTORED' } | { type: 'STOP' };

export const messageOf = (event: ReplicationEvent): WireMessage | null => (event.type === 'LINK_MESSAGE' ? event.message : null);
export const replyError = (event: ReplicationEvent): string | null => {
  const m = messageOf(event);
  return m?.kind === 'reply' && m.reply.type === 'error' ? m.reply.text : null;
};

