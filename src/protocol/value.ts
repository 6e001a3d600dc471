/**
 * What a key holds, as Kvrocks' metadata describes it (K-2024 src/storage/redis_metadata.{h,cc}):
 * a type, an absolute expiry in Unix milliseconds (0: none) and the value. Values are immutable:
 * a write stores a new entry, so a WAL batch can carry it to replicas as it is. Helpers over
 * them live in kvrocks/data/value.ts.
 */
export type RedisType = 'string' | 'hash' | 'list' | 'set';

export type Value =
  | { readonly type: 'string'; readonly text: string }
  | { readonly type: 'hash'; readonly fields: ReadonlyMap<string, string> }
  | { readonly type: 'list'; readonly items: readonly string[] }
  | { readonly type: 'set'; readonly members: ReadonlySet<string> };

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
