/**
 * Stored sets and hashes are immutable (protocol/value.ts): a write makes a new value. Copying a
 * plain Set or Map for every write costs the whole collection, and one growing past a power of
 * two rehashes all of it at once (about 20 ms at a million members: a stall for every other
 * client of `kvlab serve`). Above SHARD_ABOVE elements a collection is kept in SHARDS shards
 * instead: a write copies only the shards it touches and the others are shared, and a rehash is a
 * shard's. Nothing outside this file sees the difference: both shapes read through Members and
 * Fields, and every reply that lists elements sorts them (SMEMBERS, HGETALL, ...), as Kvrocks does.
 */
import type { Fields, Members } from '../../protocol/value.ts';

/** Collections with more elements than this are kept in shards. */
export const SHARD_ABOVE = 8192;
export const SHARDS = 256;

/** FNV-1a over the string's code units, folded to a shard index. */
export function shardOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return (hash ^ (hash >>> 16)) & (SHARDS - 1);
}

/** A big set's members, in shards (read-only: edits go through SetEditor). */
export class ShardedSet implements Members {
  constructor(
    readonly shards: readonly ReadonlySet<string>[],
    readonly size: number,
  ) {}

  has(member: string): boolean {
    return this.shards[shardOf(member)]!.has(member);
  }

  *[Symbol.iterator](): IterableIterator<string> {
    for (const shard of this.shards) yield* shard;
  }
}

/** A big hash's fields, in shards (read-only: edits go through FieldEditor). */
export class ShardedMap implements Fields {
  constructor(
    readonly shards: readonly ReadonlyMap<string, string>[],
    readonly size: number,
  ) {}

  get(field: string): string | undefined {
    return this.shards[shardOf(field)]!.get(field);
  }

  has(field: string): boolean {
    return this.shards[shardOf(field)]!.has(field);
  }

  *keys(): IterableIterator<string> {
    for (const shard of this.shards) yield* shard.keys();
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    for (const shard of this.shards) yield* shard;
  }
}

export const EMPTY_MEMBERS: Members = new Set<string>();
export const EMPTY_FIELDS: Fields = new Map<string, string>();

/**
 * A copy-on-write edit of a collection: reads see the edits, `from` is never changed, and the
 * first write to a shard copies that shard (or, for a small collection, the whole of it).
 */
abstract class Editor<C extends Set<string> | Map<string, string>> {
  /** The whole collection while it is small; null once it is in shards. */
  protected whole: C | null = null;
  protected shards: C[] | null = null;
  private owned: Uint8Array | null = null;
  protected count: number;
  /** Whether anything was written: an edit that changed nothing gives back `from` itself. */
  protected dirty = false;

  protected constructor(
    private readonly fromWhole: C | null,
    fromShards: readonly C[] | null,
    size: number,
  ) {
    this.count = size;
    if (fromShards !== null) {
      this.shards = [...fromShards];
      this.owned = new Uint8Array(SHARDS);
    }
  }

  get size(): number {
    return this.count;
  }

  protected abstract copy(of: C | null): C;

  /** What holds `key`, for reading. */
  protected readable(key: string): C | null {
    if (this.shards !== null) return this.shards[shardOf(key)]!;
    return this.whole ?? this.fromWhole;
  }

  /** What holds `key`, copied first if it is still shared with `from`. */
  protected writable(key: string): C {
    this.dirty = true;
    if (this.shards === null) return (this.whole ??= this.copy(this.fromWhole));
    const i = shardOf(key);
    if (this.owned![i] === 0) {
      this.shards[i] = this.copy(this.shards[i]!);
      this.owned![i] = 1;
    }
    return this.shards[i]!;
  }

  /** After an insert: a small collection that grew past SHARD_ABOVE is split into shards once. */
  protected grew(): void {
    if (this.shards !== null || this.count <= SHARD_ABOVE) return;
    const shards = Array.from({ length: SHARDS }, () => this.copy(null));
    this.split(this.whole!, shards);
    this.shards = shards;
    this.owned = new Uint8Array(SHARDS).fill(1);
    this.whole = null;
  }

  protected abstract split(whole: C, into: C[]): void;

  /** The edited collection, once something was written. */
  protected finished(): { whole: C | null; shards: C[] | null } {
    return this.shards !== null ? { whole: null, shards: this.shards } : { whole: this.whole, shards: null };
  }
}

/** Edits a set of members copy-on-write; `result()` is the new members. */
export class SetEditor extends Editor<Set<string>> {
  private readonly from: Members;

  constructor(from: Members) {
    const sharded = from instanceof ShardedSet;
    super(sharded ? null : (from as Set<string>), sharded ? (from.shards as Set<string>[]) : null, from.size);
    this.from = from;
  }

  has(member: string): boolean {
    return this.readable(member)?.has(member) ?? false;
  }

  add(member: string): boolean {
    if (this.has(member)) return false;
    this.writable(member).add(member);
    this.count++;
    this.grew();
    return true;
  }

  delete(member: string): boolean {
    if (!this.has(member)) return false;
    this.writable(member).delete(member);
    this.count--;
    return true;
  }

  result(): Members {
    if (!this.dirty) return this.from;
    const { whole, shards } = this.finished();
    return shards !== null ? new ShardedSet(shards, this.count) : whole!;
  }

  protected copy(of: Set<string> | null): Set<string> {
    return new Set(of ?? undefined);
  }

  protected split(whole: Set<string>, into: Set<string>[]): void {
    for (const member of whole) into[shardOf(member)]!.add(member);
  }
}

/** Edits a hash's fields copy-on-write; `result()` is the new fields. */
export class FieldEditor extends Editor<Map<string, string>> {
  private readonly from: Fields;

  constructor(from: Fields) {
    const sharded = from instanceof ShardedMap;
    super(sharded ? null : (from as Map<string, string>), sharded ? (from.shards as Map<string, string>[]) : null, from.size);
    this.from = from;
  }

  get(field: string): string | undefined {
    return this.readable(field)?.get(field);
  }

  set(field: string, value: string): void {
    const target = this.writable(field);
    const had = target.has(field);
    target.set(field, value);
    if (!had) {
      this.count++;
      this.grew();
    }
  }

  delete(field: string): boolean {
    if (this.readable(field)?.has(field) !== true) return false;
    this.writable(field).delete(field);
    this.count--;
    return true;
  }

  result(): Fields {
    if (!this.dirty) return this.from;
    const { whole, shards } = this.finished();
    return shards !== null ? new ShardedMap(shards, this.count) : whole!;
  }

  protected copy(of: Map<string, string> | null): Map<string, string> {
    return new Map(of ?? undefined);
  }

  protected split(whole: Map<string, string>, into: Map<string, string>[]): void {
    for (const [field, value] of whole) into[shardOf(field)]!.set(field, value);
  }
}
