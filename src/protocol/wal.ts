/**
 * RocksDB write batches and checkpoints as replication moves them between nodes: what a feed
 * thread streams, what a full sync restores (K-2024 src/storage/storage.cc, src/cluster/replication.cc).
 */
import type { Entry } from './value.ts';

/** kReplIdLength (K-2024 src/storage/storage.h). */
export const REPL_ID_LENGTH = 16;

export type WriteOp =
  | { readonly op: 'put'; readonly key: string; readonly entry: Entry }
  | { readonly op: 'delete'; readonly key: string }
  /** FLUSHDB/FLUSHALL: one DeleteRange over the metadata column family (K-2024 storage.cc DeleteRange). */
  | { readonly op: 'clear' }
  /** ClearKeysOfSlotRange: one DeleteRange over the slots' key prefixes (K-2024 redis_db.cc). */
  | { readonly op: 'clearSlots'; readonly start: number; readonly end: number }
  /** ShiftReplId's Put of `replication_id_` into the propagate column family (K-2024 storage.cc WriteToPropagateCF). */
  | { readonly op: 'setReplId'; readonly replId: string };

/** One RocksDB write batch: `count` operations numbered seq .. seq+count-1. */
export interface WalBatch {
  readonly seq: number;
  readonly count: number;
  readonly ops: readonly WriteOp[];
  /** The writer's replication id, put at the end as log data when it has one (K-2024 storage.cc writeToDB, #538). */
  readonly replId?: string;
}

export interface Checkpoint {
  readonly seq: number;
  readonly keys: ReadonlyMap<string, Entry>;
  /** The propagate column family's `replication_id_` ('' when none was ever written). */
  readonly replId: string;
  /**
   * The WAL files copied with it: RocksDB's checkpoint flushes nothing below its log-size threshold
   * (K-2024 storage.cc CreateCheckpoint with write_buffer_size), so the live WAL (every batch
   * since the process started, when recovery flushed the older ones) comes along.
   */
  readonly wal: readonly WalBatch[];
}
