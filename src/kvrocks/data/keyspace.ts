/**
 * A node's metadata keys (Storage.keys), kept in SHARDS maps by key hash. A Map of a million keys
 * rehashes all of them at once when it grows, and applying a 500,000-key MSET to it is one step of
 * 100 ms or more: a stall for every other client of `kvlab serve`, on the master and again on each
 * replica. Here a huge batch of puts and deletes is handed to each shard as its own share of the
 * ops (grouped once per batch, ahead of time by a prepared command: groupByShard) and applied to a
 * shard when that shard is next read, or when the server has a moment (settleSome). Every read
 * settles what it reads first, so nothing outside this file can tell. A snapshot (a checkpoint
 * for full sync) shares the shards, and a shard is copied before its first write after one.
 */
import type { Entry } from '../../protocol/value.ts';
import type { WriteOp } from '../../protocol/wal.ts';
import { shardOf, SHARDS } from './sharded.ts';

type KeyOp = Extract<WriteOp, { op: 'put' | 'delete' }>;

/** A batch with more puts and deletes than this is applied shard by shard, when each is next read. */
export const DEFER_ABOVE = 4096;
/** groupByShard yields after grouping this many ops. */
const GROUP_SLICE = 2_000;

/** A huge batch's ops by shard and its size, worked out once and shared by every node that applies it. */
interface Grouped {
  readonly groups: readonly (readonly KeyOp[])[];
  readonly bytes: number;
}
const grouped = new WeakMap<readonly WriteOp[], Grouped>();

/** About how many bytes an op takes in the WAL: its key and a string's value (walBytesLimit in storage.ts). */
export function opBytes(op: WriteOp): number {
  if (op.op === 'put') return op.key.length + (op.entry.value.type === 'string' ? op.entry.value.text.length : 0);
  return op.op === 'delete' ? op.key.length : 0;
}

/**
 * Groups a batch's puts and deletes by shard, yielding every GROUP_SLICE ops, so that applying it
 * later costs one step per shard. A batch with other ops (FLUSHALL's clear) is not grouped.
 */
export function* groupByShard(ops: readonly WriteOp[]): Generator<void, void, void> {
  if (ops.length <= DEFER_ABOVE || grouped.has(ops)) return;
  const groups: KeyOp[][] = Array.from({ length: SHARDS }, () => []);
  let bytes = 0;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (op.op !== 'put' && op.op !== 'delete') return;
    groups[shardOf(op.key)]!.push(op);
    bytes += opBytes(op);
    if (i % GROUP_SLICE === GROUP_SLICE - 1) yield;
  }
  grouped.set(ops, { groups, bytes });
}

/** The grouping of a huge batch of only puts and deletes (made now if no preparation made it). */
export function groupingOf(ops: readonly WriteOp[]): Grouped | undefined {
  if (ops.length <= DEFER_ABOVE) return undefined;
  for (const _ of groupByShard(ops));
  return grouped.get(ops);
}

export class Keyspace implements ReadonlyMap<string, Entry> {
  private shards: (Map<string, Entry> | undefined)[] = new Array<undefined>(SHARDS).fill(undefined);
  /** 1 where the shard is this keyspace's own, 0 where a snapshot may share it (copy before writing). */
  private owned = new Uint8Array(SHARDS);
  /** Ops not yet applied to each shard, oldest first. */
  private backlog: (readonly (readonly KeyOp[])[] | undefined)[] = new Array<undefined>(SHARDS).fill(undefined);
  private unsettled = 0;
  /** Keys in the settled shards. */
  private counted = 0;

  /** A keyspace holding the entries of `map` (a Keyspace is shared copy-on-write, not copied). */
  static of(map: ReadonlyMap<string, Entry>): Keyspace {
    if (map instanceof Keyspace) return map.snapshot();
    const keyspace = new Keyspace();
    for (const [key, entry] of map) keyspace.put(key, entry);
    return keyspace;
  }

  /** Shards with ops still to apply (0: everything is applied). */
  get pending(): number {
    return this.unsettled;
  }

  get size(): number {
    this.settleAll();
    return this.counted;
  }

  get(key: string): Entry | undefined {
    return this.read(shardOf(key))?.get(key);
  }

  has(key: string): boolean {
    return this.read(shardOf(key))?.has(key) ?? false;
  }

  /** Whether no key is stored, settling only as much as that takes. */
  isEmpty(): boolean {
    for (let i = 0; i < SHARDS; i++) if (this.backlog[i] === undefined && (this.shards[i]?.size ?? 0) > 0) return false;
    for (let i = 0; i < SHARDS && this.unsettled > 0; i++) if (this.backlog[i] !== undefined && this.read(i)!.size > 0) return false;
    return true;
  }

  *entries(): MapIterator<[string, Entry]> {
    this.settleAll();
    for (const shard of this.shards) if (shard) yield* shard;
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<Entry> {
    for (const [, entry] of this.entries()) yield entry;
  }

  [Symbol.iterator](): MapIterator<[string, Entry]> {
    return this.entries();
  }

  forEach(callback: (entry: Entry, key: string, map: ReadonlyMap<string, Entry>) => void): void {
    for (const [key, entry] of this.entries()) callback(entry, key, this);
  }

  get [Symbol.toStringTag](): string {
    return 'Keyspace';
  }

  /**
   * A huge batch of only puts and deletes goes to the shards' backlogs; false for any other
   * batch, which the caller applies op by op.
   */
  applyGrouped(ops: readonly WriteOp[]): boolean {
    const groups = groupingOf(ops)?.groups;
    if (groups === undefined) return false;
    for (let i = 0; i < SHARDS; i++) {
      const ops = groups[i]!;
      if (ops.length === 0) continue;
      const waiting = this.backlog[i];
      if (waiting === undefined) this.unsettled++;
      this.backlog[i] = waiting === undefined ? [ops] : [...waiting, ops];
    }
    return true;
  }

  put(key: string, entry: Entry): void {
    const shard = this.writable(shardOf(key));
    const before = shard.size;
    shard.set(key, entry);
    this.counted += shard.size - before;
  }

  delete(key: string): void {
    const shard = this.writable(shardOf(key));
    if (shard.delete(key)) this.counted--;
  }

  clear(): void {
    this.shards.fill(undefined);
    this.backlog.fill(undefined);
    this.owned.fill(0);
    this.unsettled = 0;
    this.counted = 0;
  }

  /** Deletes every key `doomed` picks. */
  deleteWhere(doomed: (key: string) => boolean): void {
    for (const key of [...this.keys()]) if (doomed(key)) this.delete(key);
  }

  /** The same keys, sharing the shards copy-on-write (what a checkpoint holds). */
  snapshot(): Keyspace {
    const copy = new Keyspace();
    copy.shards = [...this.shards];
    copy.backlog = [...this.backlog];
    copy.unsettled = this.unsettled;
    copy.counted = this.counted;
    this.owned.fill(0);
    return copy;
  }

  /** Settles backlogged shards until `enough()` says to stop; false once none is left. */
  settleSome(enough: () => boolean): boolean {
    for (let i = 0; i < SHARDS && this.unsettled > 0; i++) {
      if (this.backlog[i] === undefined) continue;
      this.read(i);
      if (enough()) break;
    }
    return this.unsettled > 0;
  }

  /** Settles the backlogged shards, one per step. */
  *settling(): Generator<void, void, void> {
    for (let i = 0; i < SHARDS && this.unsettled > 0; i++) {
      if (this.backlog[i] === undefined) continue;
      this.read(i);
      yield;
    }
  }

  private settleAll(): void {
    for (let i = 0; i < SHARDS && this.unsettled > 0; i++) this.read(i);
  }

  /** Shard i with its backlog applied, for reading. */
  private read(i: number): Map<string, Entry> | undefined {
    if (this.backlog[i] !== undefined) this.settle(i);
    return this.shards[i];
  }

  /** Shard i, settled and this keyspace's own, for writing. */
  private writable(i: number): Map<string, Entry> {
    if (this.backlog[i] !== undefined) this.settle(i);
    return this.own(i);
  }

  private own(i: number): Map<string, Entry> {
    if (this.owned[i] === 0) {
      this.shards[i] = new Map(this.shards[i]);
      this.owned[i] = 1;
    }
    return this.shards[i]!;
  }

  private settle(i: number): void {
    const waiting = this.backlog[i]!;
    this.backlog[i] = undefined;
    this.unsettled--;
    const shard = this.own(i);
    const before = shard.size;
    for (const ops of waiting) for (const op of ops) if (op.op === 'put') shard.set(op.key, op.entry);
    else shard.delete(op.key);
    this.counted += shard.size - before;
  }
}
