/**
 * What a key holds, as Kvrocks' metadata describes it (K-2024 src/storage/redis_metadata.{h,cc}):
 * a type, an absolute expiry in Unix milliseconds (0: none) and the value. Values are immutable:
 * a write stores a new entry, so a WAL batch can carry it to replicas as it is. Helpers over
 * them live in kvrocks/data/value.ts.
 */
export type RedisType = 'string' | 'hash' | 'list' | 'set';

/** A set's members as they are read: a Set, or shards of one for a big set (kvrocks/data/sharded.ts). */
export interface Members extends Iterable<string> {
  readonly size: number;
  has(member: string): boolean;
}

/** A hash's fields as they are read: a Map, or shards of one for a big hash. */
export interface Fields extends Iterable<[string, string]> {
  readonly size: number;
  get(field: string): string | undefined;
  has(field: string): boolean;
  keys(): IterableIterator<string>;
}

/** A list's elements as they are read: an array, or chunks of one for a big list (kvrocks/data/list-chunks.ts). */
export interface Items extends Iterable<string> {
  readonly length: number;
  /** The element at `index` (negative counts from the end), or undefined outside the list. */
  at(index: number): string | undefined;
  slice(start?: number, end?: number): string[];
}

export type Value =
  | { readonly type: 'string'; readonly text: string }
  | { readonly type: 'hash'; readonly fields: Fields }
  | { readonly type: 'list'; readonly items: Items }
  | { readonly type: 'set'; readonly members: Members };

export interface Entry {
  readonly value: Value;
  /** Unix ms; 0 means no expiry. */
  readonly expireAt: number;
  /**
   * Bytes an APPEND left behind a dead (expired or emptied) entry's metadata: String::Append on a
   * key it reads as missing appends a new header and the value to the old raw bytes (K-2024
   * redis_string.cc Append), and the entry stays dead.
   */
  readonly padding?: number;
}
