/** Helpers over stored values (the types are in protocol/value.ts, below kvrocks and machines). */
import { byteLength } from '../cluster/text.ts';

export type { RedisType, Value, Entry } from '../../protocol/value.ts';
import type { RedisType, Value, Entry } from '../../protocol/value.ts';

/** Metadata::Encode with 64-bit fields: flags + expire, then version + size, then a list's head + tail. */
const HEADER_BYTES: Readonly<Record<RedisType, number>> = { string: 9, hash: 25, set: 25, list: 41 };

/** The length of the raw metadata value RocksDB holds for the key. */
export function rawLength(entry: Entry): number {
  const text = entry.value.type === 'string' ? byteLength(entry.value.text) : 0;
  return HEADER_BYTES[entry.value.type] + text + (entry.padding ?? 0);
}

/** Elements of a collection (metadata.size); a string has none. */
export function sizeOf(value: Value): number {
  switch (value.type) {
    case 'string':
      return 0;
    case 'hash':
      return value.fields.size;
    case 'list':
      return value.items.length;
    case 'set':
      return value.members.size;
  }
}

/** Metadata::ExpireAt: a collection with no elements counts as expired; a string never does. */
export function isExpired(entry: Entry, nowMs: number): boolean {
  if (entry.value.type !== 'string' && sizeOf(entry.value) === 0) return true;
  return entry.expireAt !== 0 && entry.expireAt < nowMs;
}

export const isLive = (entry: Entry, nowMs: number): boolean => !isExpired(entry, nowMs);

/** Metadata::TTL in ms: -1 without expiry (even for an emptied collection), -2 once past it. */
export function ttlMs(entry: Entry, nowMs: number): number {
  if (entry.expireAt === 0) return -1;
  return entry.expireAt < nowMs ? -2 : entry.expireAt - nowMs;
}

export const stringEntry = (text: string, expireAt = 0): Entry => ({ value: { type: 'string', text }, expireAt });
