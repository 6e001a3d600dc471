/**
 * What a slot migration job sends and how it reports a failure, as K-2024 words it: the io the job
 * runs on, its timeouts, the control commands (AUTH, `cluster import <range> <state>`) and the
 * error texts a `sync` caller gets. // K-2024 src/cluster/slot_migrate.cc
 */
import type { Dialer, LinkEvent } from './link.ts';

/** Commands appended together before one pipeline check, and how a failed send of them is reported. */
export interface RestoreGroup {
  readonly commands: readonly (readonly string[])[];
  /** The job's error when sending this group's pipeline fails with `detail`. */
  describe(detail: string): string;
}

export interface MigrationIo {
  now(): number;
  /** Connects to the destination (a plain blocking socket: no keepalive, no connect timeout). */
  dial: Dialer;
  /** The source's own requirepass, sent as AUTH first when set. */
  password(): string | null;
  /** The range as upstream prints it (`3300`, `0-100`). */
  rangeText(): string;
  maxSpeed(): number;
  maxPipeline(): number;
  seqGap(): number;
  stopRequested(): boolean;
  /** The snapshot's next key (in RocksDB order) as restore commands; null when done. */
  nextSnapshotGroup(): RestoreGroup | null;
  latestSeq(): number;
  /** The slot's writes in WAL batches `from..to`, one group per batch. */
  walGroups(from: number, to: number): RestoreGroup[];
  forbidWrites(): void;
  /** The destination acknowledged the import (SetSlotRangeMigrated). */
  markMigrated(): void;
  /**
   * The job failed (`confirming`: the destination's answer to `cluster import <range> 1` never
   * came, #3147): a waiting `sync` caller is told at once; the forbidden range is released.
   */
  failed(message: string, confirming: boolean): void;
  succeeded(): void;
  log(text: string): void;
  /** clean(): the job is over and its socket closed. */
  finished(): void;
}

/** SockConnect without a timeout: the kernel gives up on SYNs after about 127 s (6 retries). */
export const MIGRATION_CONNECT_TIMEOUT_MS = 127_000;
/** checkMultipleResponses sets SO_RCVTIMEO to 1 s. */
export const MIGRATION_READ_TIMEOUT_MS = 1000;
/** `kMaxLoopTimes`: WAL epochs before the slot is forbidden anyway. */
export const MAX_WAL_EPOCHS = 10;

export type Stage = 'auth' | 'importStart' | 'snapshot' | 'walBefore' | 'walAfter' | 'success' | 'confirm' | 'fail';

export interface MigrationContext {
  io: MigrationIo;
  /** The destination, `host:port`. */
  address: string;
  /** dst_fd_ is valid: the connect succeeded. */
  connected: boolean;
  stage: Stage;
  /** Groups of the current WAL epoch not yet appended. */
  queue: readonly RestoreGroup[];
  /** Commands appended and not yet sent, and the group whose append made the pipeline go. */
  pipeline: readonly (readonly string[])[];
  sending: RestoreGroup | null;
  awaiting: number;
  lastSendAt: number;
  /** wal_begin_seq_: the snapshot's sequence, then the end of each epoch sent. */
  walBegin: number;
  walEpochs: number;
  peerClosed: boolean;
  error: string;
}

export type MigrationEvent = LinkEvent;

export const replyOf = (event: MigrationEvent) => (event.type === 'LINK_MESSAGE' && event.message.kind === 'reply' ? event.message.reply : null);

/** What a failed read reports (checkMultipleResponses). */
export function readFailure(event: MigrationEvent, context: MigrationContext): string {
  const reply = replyOf(event);
  if (reply?.type === 'error') return `got invalid response of length ${reply.text.length + 1}: -${reply.text}`;
  if (event.type === 'LINK_CLOSED' && event.reason === 'reset') return 'failed to read response: Connection reset by peer';
  // evbuffer_read returned 0 (EOF): errno is whatever it was, "Success" on the reference builds.
  if (event.type === 'LINK_CLOSED' || context.peerClosed) return 'failed to read response: Success';
  return 'failed to read response: Resource temporarily unavailable';
}

const STATUS_PREFIX = 'failed to set import status on destination node: failed to check the response from the destination node';
export const importGroup = (state: number) => (io: MigrationIo): RestoreGroup => ({
  commands: [['cluster', 'import', io.rangeText(), String(state)]],
  describe: (detail) => `${STATUS_PREFIX}: ${detail}`,
});
export const authGroup = (io: MigrationIo): RestoreGroup => ({
  commands: [['auth', io.password() ?? '']],
  describe: (detail) => `failed to authenticate on destination node: failed to check the response of AUTH command: ${detail}`,
});
const FINAL_FLUSH = 'failed to send commands to restore a key: wrong response from the destination node';
export const finalFlush = (stage: Stage): RestoreGroup => ({
  commands: [],
  describe: (detail) => (stage === 'snapshot' ? `${FINAL_FLUSH}: ${detail}` : walFailure(stage)),
});
/** migrateIncrementData fails with an empty message, which the WAL stages prefix. */
export const walFailure = (stage: Stage) => `failed to sync WAL ${stage === 'walBefore' ? 'before' : 'after'} forbidding a slot: `;
export const CANCELED = 'key migration stopped due to a task cancellation';
