/**
 * Prepared work: what a command with a huge argument list computes from the stored value, done
 * ahead in slices by a server that must keep serving other clients meanwhile (`kvlab serve`; real
 * Kvrocks runs each command on a worker thread). It is a pure cache: the command uses it only when
 * the value it would start from is the very object the preparation started from (stored values are
 * never changed in place) and the argv is the same array, so every check, the reply, the WAL and
 * replication happen at execution exactly as without it. The console and `kvlab run` never prepare.
 */
import type { KvrocksNode } from '../node/node.ts';
import { isExpired, type Value } from '../data/value.ts';
import { nowMs } from './db.ts';

/** A preparation yields after about this many items, so its driver can let others in. */
export const PREPARE_SLICE = 2_000;

export interface Prepared {
  readonly argv: readonly string[];
  /** The value the work started from (a stored collection, or a shared empty one). */
  readonly from: object;
  readonly result: unknown;
}

/** Yields between slices; returns the prepared work, or null when there is nothing to prepare. */
export type Preparation = Generator<void, Prepared | null, void>;

/** The result, when `prepared` was computed from exactly `from` for exactly `argv`. */
export function preparedResult<T>(prepared: Prepared | undefined, argv: readonly string[], from: object): T | undefined {
  return prepared !== undefined && prepared.argv === argv && prepared.from === from ? (prepared.result as T) : undefined;
}

/**
 * The stored value of `key` when it is live and of `type`; undefined when it is missing or expired
 * (the command starts from empty); null for another type (the command will fail). Reads storage
 * without counting keyspace hits or misses: only the execution counts.
 */
export function storedValue<T extends Value['type']>(node: KvrocksNode, key: string, type: T): Extract<Value, { type: T }> | undefined | null {
  const entry = node.storage.entry(key);
  if (entry === undefined || isExpired(entry, nowMs(node))) return undefined;
  return entry.value.type === type ? (entry.value as Extract<Value, { type: T }>) : null;
}

/** Runs a preparation-shaped computation to its end at once (the path without prepared work). */
export function finish<T>(work: Generator<void, T, void>): T {
  for (;;) {
    const step = work.next();
    if (step.done) return step.value;
  }
}

/** Which of the keys at argv[1], argv[1 + stride], ... are live (one given twice, twice); the misses to count; until when that holds. */
export interface Present {
  readonly keys: readonly string[];
  readonly misses: number;
  /** The earliest expiry among the live keys (Infinity: none expire): past it a key may be gone. */
  readonly liveUntil: number;
}

/**
 * Exists / MDel / MSetNX's Exists: reads each key's raw metadata, skipping expired ones (a missing
 * one is a keyspace miss); yields every PREPARE_SLICE keys.
 */
export function* presentKeys(node: KvrocksNode, argv: readonly string[], stride = 1): Generator<void, Present, void> {
  const now = nowMs(node);
  // Made at its largest and cut to length after: growing a huge array by push copies it whole at every step.
  const keys = new Array<string>(Math.ceil((argv.length - 1) / stride));
  let found = 0;
  let misses = 0;
  let liveUntil = Infinity;
  for (let i = 1, n = 1; i < argv.length; i += stride, n++) {
    const entry = node.storage.entry(argv[i]!);
    if (entry === undefined) misses++;
    else if (!isExpired(entry, now)) {
      keys[found++] = argv[i]!;
      if (entry.expireAt !== 0) liveUntil = Math.min(liveUntil, entry.expireAt);
    }
    if (n % PREPARE_SLICE === 0) yield;
  }
  keys.length = found;
  return { keys, misses, liveUntil };
}

/**
 * What a read prepared ahead found, while the data is unchanged (Storage.generation) and nothing
 * it read has expired since; else the same read done now.
 */
export function readAhead<T extends { readonly liveUntil: number }>(node: KvrocksNode, prepared: Prepared | undefined, argv: readonly string[], read: () => Generator<void, T, void>): T {
  const ahead = preparedResult<T>(prepared, argv, node.storage.generation);
  return ahead !== undefined && nowMs(node) <= ahead.liveUntil ? ahead : finish(read());
}
