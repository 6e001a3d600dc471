/**
 * Database::Scan over the metadata column family in cluster mode, where every key is stored after
 * its 16-bit slot id (K-2024 src/storage/redis_db.cc Scan): the keys come in (slot, bytes) order,
 * and a prefix is looked for slot by slot, giving up HASH_SLOTS_MAX_ITERATIONS slots past the start.
 */
import { keySlot } from '../cluster/crc16.ts';
import type { Storage } from '../storage.ts';
import { seekRow, type Row } from './key-order.ts';
import { isExpired, type RedisType } from './value.ts';

/** K-2024 src/cluster/redis_slot.h. */
const HASH_SLOTS_MAX_ITERATIONS = 50;
const HASH_SLOTS_SIZE = 16384;

export interface ScanRequest {
  /** The key the cursor names, or '' from the start. */
  readonly cursor: string;
  readonly limit: number;
  readonly prefix: string;
  /** null: any type. */
  readonly type: RedisType | null;
}

export interface ScanResult {
  readonly keys: string[];
  /** '' when the scan is complete. */
  readonly endKey: string;
}

export function scanKeys(storage: Storage, nowMs: number, request: ScanRequest): ScanResult {
  const rows = storage.orderedRows();
  // Iterator::Seek: the first row at or after the target.
  const seek = (target: Row) => seekRow(rows, target);
  const { cursor, limit, prefix, type } = request;
  const slotStart = cursor === '' ? 0 : keySlot(cursor);
  // With no prefix the iteration is bounded only by the namespace, i.e. not at all here.
  const inRange = (row: Row, slot: number) => prefix === '' || (row.slot === slot && row.key.startsWith(prefix));
  let at: number;
  if (cursor !== '') {
    at = seek({ slot: slotStart, key: cursor });
    // Seek then Next: the row at the cursor is skipped even when the cursor key is gone.
    if (at < rows.length) at++;
  } else at = prefix === '' ? 0 : seek({ slot: 0, key: prefix });

  const keys: string[] = [];
  let last = '';
  let slot = slotStart;
  for (;;) {
    for (; at < rows.length && keys.length < limit; at++) {
      const row = rows[at]!;
      if (!inRange(row, slot)) break;
      const entry = storage.entry(row.key)!;
      if (type !== null && type !== entry.value.type) continue;
      if (isExpired(entry, nowMs)) continue;
      keys.push(row.key);
      last = row.key;
    }
    if (prefix === '') return { keys, endKey: keys.length > 0 && keys.length >= limit ? last : '' };
    if (keys.length >= limit) return { keys, endKey: last };
    if (++slot >= HASH_SLOTS_SIZE) return { keys, endKey: '' };
    if (slot > slotStart + HASH_SLOTS_MAX_ITERATIONS) {
      if (keys.length > 0) return { keys, endKey: last };
      const next = rows[at];
      if (!next) return { keys, endKey: '' };
      if (next.key.startsWith(prefix)) keys.push(next.key);
      return { keys, endKey: next.key };
    }
    at = seek({ slot, key: prefix });
  }
}

/** Database::Keys with stats (DBSIZE SCAN, INFO keyspace): live keys, those with a TTL, their mean TTL in s, expired ones. */
export function keyNumStats(storage: Storage, nowMs: number): { keys: number; expires: number; avgTtl: number; expired: number } {
  let keys = 0;
  let expires = 0;
  let ttlSum = 0;
  let expired = 0;
  for (const entry of storage.keys.values()) {
    if (isExpired(entry, nowMs)) {
      expired++;
      continue;
    }
    keys++;
    if (entry.expireAt !== 0) {
      expires++;
      ttlSum += entry.expireAt - nowMs;
    }
  }
  return { keys, expires, avgTtl: expires > 0 ? Math.floor(Math.floor(ttlSum / expires) / 1000) : 0, expired };
}
