/**
 * RocksDB write batches and checkpoints as replication moves them between nodes: what a feed
 * thread streams, what a full sync restores (K-2024 src/storage/storage.cc, src/cluster/replication.cc).
 */
import type { Entry } from './value.ts';

export type WriteOp =
  | { readonly op: 'put'; readonly key: string; readonly entry: Entry }
  | { readonly op: 'delete'; readonly key: string }
  /** FLUSHDB/FLUSHALL: one DeleteRange over the metadata column family (K-2024 storage.cc DeleteRange). */
  | { readonly op: 'clear' };

/** One RocksDB write batch: `count` operations numbered seq .. seq+count-1. */
export interface WalBatch {
  readonly seq: number;
  readonly count: number;
  readonly ops: readonly WriteOp[];
}

export interface Checkpoint {
  readonly seq: number;
  readonly keys: ReadonlyMap<string, Entry>;
}
