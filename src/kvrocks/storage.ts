/**
 * A node's data as replication sees it: keys, the RocksDB latest sequence number and the WAL of
 * write batches. Offsets in INFO are sequence numbers, not bytes (kvrocks-semantics §4.1).
 */
export type WriteOp = { readonly op: 'put'; readonly key: string; readonly value: string } | { readonly op: 'delete'; readonly key: string };

/** One RocksDB write batch: `count` operations numbered seq .. seq+count-1. */
export interface WalBatch {
  readonly seq: number;
  readonly count: number;
  readonly ops: readonly WriteOp[];
}

export interface Checkpoint {
  readonly seq: number;
  readonly keys: ReadonlyMap<string, string>;
}

export class Storage {
  keys = new Map<string, string>();
  latestSeq = 0;
  /** Batches still in the WAL, ascending by seq. */
  wal: WalBatch[] = [];

  get(key: string): string | undefined {
    return this.keys.get(key);
  }

  /** Applies a local write and returns its batch (seq assigned from latest+1). */
  write(ops: readonly WriteOp[]): WalBatch {
    const batch: WalBatch = { seq: this.latestSeq + 1, count: ops.length, ops };
    this.apply(batch);
    return batch;
  }

  /** Applies a batch received from a master, keeping its sequence numbers. */
  apply(batch: WalBatch): void {
    for (const op of batch.ops) {
      if (op.op === 'put') this.keys.set(op.key, op.value);
      else this.keys.delete(op.key);
    }
    this.latestSeq = batch.seq + batch.count - 1;
    this.wal.push(batch);
  }

  /**
   * PSYNC `next` succeeds when it is latest+1 or exactly the first seq of a batch still in the WAL
   * (K-2024 cmd_replication.cc CommandPSync / checkWALBoundary).
   */
  canServeFrom(next: number): boolean {
    return next === this.latestSeq + 1 || this.indexOfBatch(next) >= 0;
  }

  /** Batches from the one starting at `next`, at most `limit` of them. */
  batchesFrom(next: number, limit: number): WalBatch[] {
    if (next > this.latestSeq) return [];
    const start = this.indexOfBatch(next);
    return start < 0 ? [] : this.wal.slice(start, start + limit);
  }

  checkpoint(): Checkpoint {
    return { seq: this.latestSeq, keys: new Map(this.keys) };
  }

  /** Full-sync restore: the data becomes the checkpoint's; the WAL starts after it. */
  restore(checkpoint: Checkpoint): void {
    this.keys = new Map(checkpoint.keys);
    this.latestSeq = checkpoint.seq;
    this.wal = [];
  }

  /** Drops WAL batches ending before `seq`, as RocksDB purges archived WAL files. */
  purgeWalBefore(seq: number): void {
    this.wal = this.wal.filter((batch) => batch.seq + batch.count - 1 >= seq);
  }

  private indexOfBatch(seq: number): number {
    let lo = 0;
    let hi = this.wal.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const at = this.wal[mid]!.seq;
      if (at === seq) return mid;
      if (at < seq) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}
