/** MSET, MSETNX, MGET (K-2024 src/commands/cmd_string.cc, src/types/redis_string.cc MSet/MSetNX/MGet). */
import type { KvrocksNode } from '../node/node.ts';
import { array, bulk, integer, NIL, OK, type Reply } from '../../protocol/reply.ts';
import { defineCommand, ERR_WRONG_ARGS, parsed, parseError, type Parsed } from './command.ts';
import { isExpired } from '../data/value.ts';
import { commit, nowMs, put } from './db.ts';
import { groupByShard } from '../data/keyspace.ts';
import type { WriteOp } from '../storage.ts';
import { finish, PREPARE_SLICE, preparedResult, presentKeys, readAhead, type Preparation, type Present } from './prepared.ts';

/** MSET / MSETNX take key-value pairs: an odd count of them is an arity error (Parse). */
const parsePairs = (argv: readonly string[]): Parsed<readonly string[]> => (argv.length % 2 === 1 ? parsed(argv) : parseError(ERR_WRONG_ARGS));

/** MSet's batch: one Put per pair. Yields every PREPARE_SLICE pairs, then while grouping a huge batch for Storage.apply. */
function* pairOps(argv: readonly string[]): Generator<void, WriteOp[], void> {
  const ops = new Array<WriteOp>((argv.length - 1) / 2);
  for (let i = 1; i < argv.length; i += 2) {
    ops[(i - 1) / 2] = put(argv[i]!, { type: 'string', text: argv[i + 1]! });
    if (i % (2 * PREPARE_SLICE) === 1) yield;
  }
  yield* groupByShard(ops);
  return ops;
}

/** MSET's ops depend on its arguments only, so they hold whatever the data became meanwhile. */
const ARGUMENTS_ONLY = {};

function* prepareMset(_node: KvrocksNode, argv: readonly string[]): Preparation {
  if (argv.length % 2 === 0) return null;
  return { argv, from: ARGUMENTS_ONLY, result: yield* pairOps(argv) };
}

/** What a huge MSETNX prepares: the keys that exist and, when none does, its batch. */
interface MsetNxAhead extends Present {
  readonly ops: readonly WriteOp[];
}

/** String::MSetNX: Exists over the keys (every other argument) first. */
const existingKeys = (node: KvrocksNode, argv: readonly string[]) => presentKeys(node, argv, 2);

function* prepareMsetNx(node: KvrocksNode, argv: readonly string[]): Preparation {
  if (argv.length % 2 === 0) return null;
  const from = node.storage.generation;
  const found = yield* existingKeys(node, argv);
  const ops = found.keys.length === 0 ? yield* pairOps(argv) : [];
  return { argv, from, result: { ...found, ops } satisfies MsetNxAhead };
}

/** What MGET read: its values, the keyspace hits and misses to count, and until when it holds. */
interface StringsRead {
  readonly values: Reply[];
  readonly hits: number;
  readonly misses: number;
  /** The earliest expiry among the live keys read (Infinity: none expire): past it a value may be gone. */
  readonly liveUntil: number;
}

/**
 * String::MGet: a missing key, an expired one or one of another type is a nil (MultiBulkString
 * with statuses); each key counts one keyspace hit or miss, as GetMetadata does. Yields every
 * PREPARE_SLICE keys, so a huge MGET can be prepared in slices.
 */
function* readStrings(node: KvrocksNode, argv: readonly string[]): Generator<void, StringsRead, void> {
  const now = nowMs(node);
  const values = new Array<Reply>(argv.length - 1);
  let hits = 0;
  let liveUntil = Infinity;
  for (let i = 1; i < argv.length; i++) {
    const entry = node.storage.entry(argv[i]!);
    if (entry === undefined || isExpired(entry, now) || entry.value.type !== 'string') values[i - 1] = NIL;
    else {
      values[i - 1] = bulk(entry.value.text);
      hits++;
      if (entry.expireAt !== 0) liveUntil = Math.min(liveUntil, entry.expireAt);
    }
    if (i % PREPARE_SLICE === 0) yield;
  }
  return { values, hits, misses: argv.length - 1 - hits, liveUntil };
}

/** A huge MGET read ahead; it applies while the data is unchanged (Storage.generation) and no key read has expired. */
function* prepareRead(node: KvrocksNode, argv: readonly string[]): Preparation {
  const from = node.storage.generation;
  return { argv, from, result: yield* readStrings(node, argv) };
}

export const multiKeyStringCommands = [
  defineCommand({
    name: 'mset',
    arity: -3,
    flags: ['write'],
    keys: [1, -1, 2],
    summary: 'MSET key value [key value ...]',
    parse: parsePairs,
    prepare: prepareMset,
    run: ({ node, prepared }, _args, argv) => {
      commit(node, preparedResult<WriteOp[]>(prepared, argv, ARGUMENTS_ONLY) ?? finish(pairOps(argv)));
      return OK;
    },
  }),
  defineCommand({
    name: 'msetnx',
    arity: -3,
    flags: ['write'],
    keys: [1, -1, 2],
    summary: 'MSETNX key value [key value ...]',
    parse: parsePairs,
    prepare: prepareMsetNx,
    run: ({ node, prepared }, _args, argv) => {
      // String::MSetNX: Exists over the keys first, then one MSet.
      const found = readAhead<MsetNxAhead | Present>(node, prepared, argv, () => existingKeys(node, argv));
      node.stats.keyspaceMisses += found.misses;
      if (found.keys.length > 0) return integer(0);
      commit(node, 'ops' in found ? found.ops : finish(pairOps(argv)));
      return integer(1);
    },
  }),
  defineCommand({
    name: 'mget',
    arity: -2,
    flags: ['read-only'],
    keys: [1, -1, 1],
    summary: 'MGET key [key ...]',
    prepare: prepareRead,
    run: ({ node, prepared }, _args, argv) => {
      const read = readAhead(node, prepared, argv, () => readStrings(node, argv));
      node.stats.keyspaceHits += read.hits;
      node.stats.keyspaceMisses += read.misses;
      return array(read.values);
    },
  }),
];
