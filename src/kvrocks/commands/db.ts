/**
 * How commands read and write a node's keys, with Kvrocks' side effects: keyspace hit/miss stats
 * (K-2024 src/storage/storage.cc recordKeyspaceStat: a metadata Get that finds nothing is a miss;
 * src/storage/redis_db.cc ParseMetadata: a typed read is a hit, or a miss when expired, empty or
 * of another type) and one WAL batch per write, counted as RocksDB counts it.
 */
import { type Entry, isExpired, type RedisType, type Value } from '../data/value.ts';
import type { KvrocksNode } from '../node/node.ts';
import { err, type Reply } from '../../protocol/reply.ts';
import type { WriteOp } from '../storage.ts';
import { wallMs } from '../time.ts';

/** K-2024 redis_metadata.h kErrMsgWrongType, through rocksdb::Status::InvalidArgument. */
export const WRONG_TYPE: Reply = err('Invalid argument: WRONGTYPE Operation against a key holding the wrong kind of value');

export type Typed<T extends RedisType> =
  | { readonly kind: 'ok'; readonly entry: Entry; readonly value: Extract<Value, { type: T }> }
  | { readonly kind: 'missing' }
  | { readonly kind: 'wrongtype' };

/** Unix ms now, on the simulated clock (util::GetTimeStampMS). */
export const nowMs = (node: KvrocksNode): number => wallMs(node.sim.now());

/** Storage::Get on the metadata column family: the entry as stored (expired ones too). */
export function rawGet(node: KvrocksNode, key: string): Entry | undefined {
  const entry = node.storage.entry(key);
  if (entry === undefined) node.stats.keyspaceMisses++;
  return entry;
}

/** The stored entry when it is live, else undefined (Exists, MDel, Keys skip expired metadata). */
export function rawLive(node: KvrocksNode, key: string): Entry | undefined {
  const entry = rawGet(node, key);
  return entry && !isExpired(entry, nowMs(node)) ? entry : undefined;
}

/** GetMetadata: expired (or emptied) reads as missing, before the type is checked. */
export function typedGet<T extends RedisType>(node: KvrocksNode, key: string, type: T): Typed<T> {
  const entry = rawGet(node, key);
  if (entry === undefined) return { kind: 'missing' };
  return parseEntry(node, entry, type);
}

/** ParseMetadata on an entry already read. */
export function parseEntry<T extends RedisType>(node: KvrocksNode, entry: Entry, type: T): Typed<T> {
  if (isExpired(entry, nowMs(node))) {
    node.stats.keyspaceMisses++;
    return { kind: 'missing' };
  }
  if (entry.value.type !== type) {
    node.stats.keyspaceMisses++;
    return { kind: 'wrongtype' };
  }
  node.stats.keyspaceHits++;
  return { kind: 'ok', entry, value: entry.value as Extract<Value, { type: T }> };
}

/**
 * One write batch of `count` RocksDB operations; the feed threads are woken to stream it. A batch
 * that holds only its log data (count 0) does not move the sequence, so nothing is written.
 */
export function commit(node: KvrocksNode, ops: readonly WriteOp[], count: number = ops.length): void {
  if (count === 0) return;
  node.storage.write(ops, count);
  node.master.walAppended();
}

export const put = (key: string, value: Value, expireAt = 0): WriteOp => ({ op: 'put', key, entry: { value, expireAt } });
export const del = (key: string): WriteOp => ({ op: 'delete', key });
