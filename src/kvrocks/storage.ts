/**
 * A node's data as replication sees it: typed keys with their expiry, the RocksDB latest sequence
 * number and the WAL of write batches. Offsets in INFO are sequence numbers, not bytes
 * (kvrocks-semantics §4.1). A batch's `count` is what RocksDB counts (one per Put/Delete of a
 * metadata key or a subkey), which is how far it moves the sequence; its `ops` say what changed.
 */
import { keySlot } from './cluster/crc16.ts';
import { KeyOrder, type Row } from './data/key-order.ts';
import { type Entry, isLive } from './data/value.ts';
import { groupingOf, Keyspace, opBytes } from './data/keyspace.ts';
import { REPL_ID_LENGTH } from '../protocol/wal.ts';

export type { WriteOp, WalBatch, Checkpoint } from '../protocol/wal.ts';
import type { WriteOp, WalBatch, Checkpoint } from '../protocol/wal.ts';

export class Storage {
  /** Every metadata key RocksDB holds, live or not (expired keys stay until compaction); in shards, data/keyspace.ts. */
  keys = new Keyspace();
  latestSeq = 0;
  /** Batches still in the WAL, ascending by seq. */
  wal: WalBatch[] = [];
  /** `replid_`: in memory only, set by ShiftReplId; every local write carries it (K-2024 storage.cc, #538). */
  replId = '';
  /** `replication_id_` in the propagate column family: on disk, replicated and checkpointed. */
  propagatedReplId = '';
  /**
   * The most batches the WAL keeps, or null for all. RocksDB deletes archived WAL files past
   * WAL_ttl_seconds / WAL_size_limit_MB (K-2024 storage.cc, rocksdb.wal_ttl_seconds 3 h and
   * wal_size_limit_mb 16384); `kvlab serve` bounds its memory with a count instead. A replica
   * whose next sequence was dropped gets "sequence out of range" and a full sync, as upstream.
   */
  walLimit: number | null = null;
  /**
   * About how many bytes the WAL keeps at most, or null for all: with walLimit a stand-in for
   * wal_size_limit_mb, so that huge batches (a 100 MB SET, a 500,000-key MSET) bound memory too.
   * A batch counts its keys, its string values and 32 bytes per RocksDB operation (walBytes).
   * The newest batch is always kept.
   */
  walBytesLimit: number | null = null;
  /** What the batches in the WAL come to, batch by batch (parallel to wal) and in all. */
  private walSizes: number[] = [];
  private walBytes = 0;
  /** Replaced by every change of the data: work read ahead (commands/prepared.ts) checks it started from this one. */
  generation: object = {};
  /** The keys in column family order, once something read them so (SCAN). */
  private readonly order = new KeyOrder();
  /** The first sequence of the live WAL: opening the DB flushes what it recovers (see Checkpoint.wal). */
  private liveWalFrom = 1;

  /** The stored entry, expired or empty ones included. */
  entry(key: string): Entry | undefined {
    return this.keys.get(key);
  }

  /** The live keys in RocksDB order: by slot (the slot id is encoded in cluster mode), then by bytes. */
  liveKeys(nowMs: number): string[] {
    return this.orderedKeys().filter((key) => isLive(this.keys.get(key)!, nowMs));
  }

  /** Every stored key in metadata column family order (K-2024 redis_metadata.cc ComposeNamespaceKey). */
  orderedKeys(): string[] {
    return this.orderedRows().map((row) => row.key);
  }

  /** The same, with each key's slot (kept between reads: data/key-order.ts). */
  orderedRows(): readonly Row[] {
    return this.order.of(this.keys.keys());
  }

  /** Applies a local write of `count` RocksDB operations and returns its batch (seq from latest+1). */
  write(ops: readonly WriteOp[], count: number = ops.length): WalBatch {
    const batch: WalBatch = this.replId.length === REPL_ID_LENGTH ? { seq: this.latestSeq + 1, count, ops, replId: this.replId } : { seq: this.latestSeq + 1, count, ops };
    this.apply(batch);
    return batch;
  }

  /** Applies a batch received from a master, keeping its sequence numbers. */
  apply(batch: WalBatch): void {
    this.generation = {};
    if (this.keys.applyGrouped(batch.ops)) this.order.drop();
    else for (const op of batch.ops) this.applyOp(op);
    this.latestSeq = batch.seq + batch.count - 1;
    this.wal.push(batch);
    const bytes = walBytes(batch);
    this.walSizes.push(bytes);
    this.walBytes += bytes;
    this.trimWal();
  }

  private applyOp(op: WriteOp): void {
    const order = this.order;
    if (op.op === 'put') {
      if (order.built && !this.keys.has(op.key)) order.added(op.key);
      this.keys.put(op.key, op.entry);
    } else if (op.op === 'delete') {
      if (order.built && this.keys.has(op.key)) order.removed(op.key);
      this.keys.delete(op.key);
    } else if (op.op === 'setReplId') this.propagatedReplId = op.replId;
    else {
      order.drop();
      if (op.op === 'clearSlots') this.clearSlots(op.start, op.end);
      else this.keys.clear();
    }
  }

  /** Trims in chunks (down to the limits once 1.25 times over), so the cost per batch stays amortised O(1). */
  private trimWal(): void {
    const batches = this.walLimit ?? Infinity;
    const bytes = this.walBytesLimit ?? Infinity;
    if (this.wal.length <= batches * 1.25 && this.walBytes <= bytes * 1.25) return;
    let drop = Math.max(0, this.wal.length - batches);
    let left = this.walBytes;
    for (let i = 0; i < drop; i++) left -= this.walSizes[i]!;
    while (left > bytes && drop < this.wal.length - 1) left -= this.walSizes[drop++]!;
    this.wal.splice(0, drop);
    this.walSizes.splice(0, drop);
    this.walBytes = left;
  }

  /** walSizes and walBytes for a WAL replaced whole. */
  private sized(): void {
    this.walSizes = this.wal.map(walBytes);
    this.walBytes = this.walSizes.reduce((sum, bytes) => sum + bytes, 0);
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
    const live = this.wal.filter((batch) => batch.seq >= this.liveWalFrom);
    return { seq: this.latestSeq, keys: this.keys.snapshot(), replId: this.propagatedReplId, wal: live };
  }

  /** Full-sync restore: the data becomes the checkpoint's; the WAL starts after it. */
  restore(checkpoint: Checkpoint): void {
    this.generation = {};
    this.keys = Keyspace.of(checkpoint.keys);
    this.order.drop();
    this.latestSeq = checkpoint.seq;
    this.wal = [...checkpoint.wal];
    this.sized();
    this.propagatedReplId = checkpoint.replId;
  }

  /**
   * GetReplIdFromWalBySeq: the replication id logged in the WAL batch holding `seq` (RocksDB starts
   * from the first batch ending at or after it), '' past the latest sequence or with no WAL.
   * // K-2024 src/storage/storage.cc GetReplIdFromWalBySeq
   */
  replIdAt(seq: number): string {
    if (seq < 0 || seq > this.latestSeq) return '';
    const batch = this.wal.find((b) => b.seq + b.count - 1 >= seq);
    return batch?.replId ?? '';
  }

  /** The process starts: what the WAL holds so far is flushed, and archived (still readable). */
  opened(): void {
    this.liveWalFrom = this.latestSeq + 1;
  }

  /** Drops WAL batches ending before `seq`, as RocksDB purges archived WAL files. */
  purgeWalBefore(seq: number): void {
    this.wal = this.wal.filter((batch) => batch.seq + batch.count - 1 >= seq);
    this.sized();
  }

  private clearSlots(start: number, end: number): void {
    this.keys.deleteWhere((key) => {
      const slot = keySlot(key);
      return slot >= start && slot <= end;
    });
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

/** About what a batch takes in the WAL (Storage.walBytesLimit); a huge grouped batch's size was summed when it was grouped. */
function walBytes(batch: WalBatch): number {
  const known = groupingOf(batch.ops)?.bytes;
  if (known !== undefined) return known + 32 * batch.count;
  let bytes = 32 * batch.count;
  for (const op of batch.ops) bytes += opBytes(op);
  return bytes;
}
