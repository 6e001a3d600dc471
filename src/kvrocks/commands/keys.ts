/**
 * Generic key commands (K-2024 src/commands/cmd_key.cc, src/storage/redis_db.cc): they read the
 * raw metadata of any type; an expiry write is one Put of the metadata, a DEL one Delete per key.
 */
import { parseCIntBig } from '../cluster/c-int.ts';
import { isExpired, ttlMs } from '../data/value.ts';
import type { KvrocksNode } from '../node/node.ts';
import { integer, status, type Reply } from '../../protocol/reply.ts';
import { defineCommand, ERR_NOT_INTEGER, parsed, parseError } from './command.ts';
import { commit, del, nowMs, parseEntry, put, rawGet, rawLive } from './db.ts';
import { groupByShard } from '../data/keyspace.ts';
import type { WriteOp } from '../storage.ts';
import { PREPARE_SLICE, presentKeys, readAhead, type Preparation, type Prepared, type Present } from './prepared.ts';

/** Database::Expire: 1 when a live key now expires at `timestamp` (no write if it already does). */
function expire(node: KvrocksNode, key: string, timestamp: number): Reply {
  const entry = rawGet(node, key);
  if (!entry || isExpired(entry, nowMs(node))) return integer(0);
  if (entry.expireAt !== timestamp) commit(node, [put(key, entry.value, timestamp)]);
  return integer(1);
}

/** Database::TTL in ms: -2 for a missing key. */
function ttlOf(node: KvrocksNode, key: string): number {
  const entry = rawGet(node, key);
  return entry ? ttlMs(entry, nowMs(node)) : -2;
}

/** An expiry argument: `relative` ones add the clock; `unit` scales it to ms. */
const expireCommand = (name: string, unit: number, relative: boolean, summary: string) =>
  defineCommand<number>({
    name,
    arity: 3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary,
    parse: (argv) => {
      const value = parseCIntBig(argv[2]!, 'int64');
      // EXPIRE and PEXPIRE pass ParseInt's own message on (GET_OR_RET); the AT forms say errValueNotInteger.
      if (!value.ok) return parseError(relative ? value.message : ERR_NOT_INTEGER);
      return parsed(Number(value.value) * unit);
    },
    run: ({ node }, ms, argv) => expire(node, argv[1]!, relative ? ms + nowMs(node) : ms),
  });

const expireTimeCommand = (name: string, unit: number) =>
  defineCommand({
    name,
    arity: 2,
    flags: ['read-only'],
    keys: [1, 1, 1],
    summary: `${name.toUpperCase()} key`,
    run: ({ node }, _args, argv) => {
      const entry = rawGet(node, argv[1]!);
      if (!entry) return integer(-2);
      // GetMetadata with every type: expired or emptied is not found.
      const found = parseEntry(node, entry, entry.value.type);
      if (found.kind !== 'ok') return integer(-2);
      return integer(found.entry.expireAt > 0 ? Math.floor(found.entry.expireAt / unit) : -1);
    },
  });

/** A huge EXISTS or DEL read ahead; it applies while the data is unchanged and no key read has expired. */
function* preparePresent(node: KvrocksNode, argv: readonly string[]): Preparation {
  const from = node.storage.generation;
  return { argv, from, result: yield* presentKeys(node, argv) };
}

/** The keys found live: read ahead when that still holds, else now; their misses are counted. */
function present<T extends Present>(node: KvrocksNode, argv: readonly string[], prepared: Prepared | undefined): T | Present {
  const found = readAhead<T | Present>(node, prepared, argv, () => presentKeys(node, argv));
  node.stats.keyspaceMisses += found.misses;
  return found;
}

/** What a huge DEL prepares: the keys it finds and its batch, grouped for Storage.apply. */
interface Deleting extends Present {
  readonly ops: readonly WriteOp[];
}

function* prepareDelete(node: KvrocksNode, argv: readonly string[]): Preparation {
  const from = node.storage.generation;
  const found = yield* presentKeys(node, argv);
  const ops = new Array<WriteOp>(found.keys.length);
  for (let i = 0; i < ops.length; i++) {
    ops[i] = del(found.keys[i]!);
    if (i % PREPARE_SLICE === 0) yield;
  }
  yield* groupByShard(ops);
  return { argv, from, result: { ...found, ops } satisfies Deleting };
}

/** MDel: each live key is one Delete; nothing is written when none is. */
const delCommand = (name: string) =>
  defineCommand({
    name,
    arity: -2,
    flags: ['write'],
    keys: [1, -1, 1],
    summary: `${name.toUpperCase()} key [key ...]`,
    prepare: prepareDelete,
    run: ({ node, prepared }, _args, argv) => {
      const found = present<Deleting>(node, argv, prepared);
      commit(node, 'ops' in found ? found.ops : found.keys.map(del));
      return integer(found.keys.length);
    },
  });

export const keyCommands = [
  delCommand('del'),
  delCommand('unlink'),
  defineCommand({
    name: 'exists',
    arity: -2,
    flags: ['read-only'],
    keys: [1, -1, 1],
    summary: 'EXISTS key [key ...]',
    prepare: preparePresent,
    run: ({ node, prepared }, _args, argv) => integer(present(node, argv, prepared).keys.length),
  }),
  defineCommand({
    name: 'type',
    arity: 2,
    flags: ['read-only'],
    keys: [1, 1, 1],
    summary: 'TYPE key',
    run: ({ node }, _args, argv) => status(rawLive(node, argv[1]!)?.value.type ?? 'none'),
  }),
  defineCommand({
    name: 'ttl',
    arity: 2,
    flags: ['read-only'],
    keys: [1, 1, 1],
    summary: 'TTL key',
    run: ({ node }, _args, argv) => {
      const ttl = ttlOf(node, argv[1]!);
      return integer(ttl > 0 ? Math.trunc(ttl / 1000) : ttl);
    },
  }),
  defineCommand({ name: 'pttl', arity: 2, flags: ['read-only'], keys: [1, 1, 1], summary: 'PTTL key', run: ({ node }, _args, argv) => integer(ttlOf(node, argv[1]!)) }),
  expireCommand('expire', 1000, true, 'EXPIRE key seconds'),
  expireCommand('pexpire', 1, true, 'PEXPIRE key milliseconds'),
  expireCommand('expireat', 1000, false, 'EXPIREAT key unix-seconds'),
  expireCommand('pexpireat', 1, false, 'PEXPIREAT key unix-milliseconds'),
  expireTimeCommand('expiretime', 1000),
  expireTimeCommand('pexpiretime', 1),
  defineCommand({
    name: 'persist',
    arity: 2,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'PERSIST key',
    run: ({ node }, _args, argv) => {
      const ttl = ttlOf(node, argv[1]!);
      if (ttl === -1 || ttl === -2) return integer(0);
      return expire(node, argv[1]!, 0);
    },
  }),
];
