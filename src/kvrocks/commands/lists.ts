/**
 * List commands (K-2024 src/commands/cmd_list.cc, src/types/redis_list.cc). Each element is a
 * subkey: a push Puts the elements and the metadata, a pop Deletes them and Puts the metadata,
 * or Deletes it once the list is empty.
 */
import { parseCInt } from '../cluster/c-int.ts';
import type { KvrocksNode } from '../node/node.ts';
import { bulk, bulks, integer, NIL, NIL_ARRAY, type Reply } from '../../protocol/reply.ts';
import { defineCommand, ERR_NOT_INTEGER, ERR_WRONG_ARGS, parsed, parseError } from './command.ts';
import { commit, del, put, typedGet, WRONG_TYPE } from './db.ts';
import { finish, PREPARE_SLICE, preparedResult, storedValue, type Preparation } from './prepared.ts';
import { popped, pushed } from '../data/list-chunks.ts';
import type { Items } from '../../protocol/value.ts';

interface List {
  readonly items: Items;
  readonly expireAt: number;
  readonly exists: boolean;
}

function listOf(node: KvrocksNode, key: string): List | Reply {
  const found = typedGet(node, key, 'list');
  if (found.kind === 'wrongtype') return WRONG_TYPE;
  return found.kind === 'ok' ? { items: found.value.items, expireAt: found.entry.expireAt, exists: true } : { items: NO_ITEMS, expireAt: 0, exists: false };
}

/** What a missing key reads as: one shared empty list, so prepared work can name it (prepared.ts). */
const NO_ITEMS: Items = [];

const isReply = (value: List | Reply): value is Reply => 'type' in value;

function* preparePush(node: KvrocksNode, argv: readonly string[], left: boolean): Preparation {
  const stored = storedValue(node, argv[1]!, 'list');
  if (stored === null) return null;
  const from = stored?.items ?? NO_ITEMS;
  return { argv, from, result: yield* pushed(from, argv, 2, left, PREPARE_SLICE) };
}

const pushCommand = (name: string, left: boolean, createIfMissing: boolean) =>
  defineCommand({
    name,
    arity: -3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: `${name.toUpperCase()} key element [element ...]`,
    prepare: (node, argv) => preparePush(node, argv, left),
    run: ({ node, prepared }, _args, argv) => {
      const list = listOf(node, argv[1]!);
      if (isReply(list)) return list;
      if (!list.exists && !createIfMissing) return integer(0);
      const items = preparedResult<Items>(prepared, argv, list.items) ?? finish(pushed(list.items, argv, 2, left, PREPARE_SLICE));
      commit(node, [put(argv[1]!, { type: 'list', items }, list.expireAt)], argv.length - 2 + 1);
      return integer(items.length);
    },
  });

/** LPOP/RPOP [count]: count is an int32, at least 0. */
const popCommand = (name: string, left: boolean) =>
  defineCommand<number | null>({
    name,
    arity: -2,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: `${name.toUpperCase()} key [count]`,
    parse: (argv) => {
      if (argv.length > 3) return parseError(ERR_WRONG_ARGS);
      if (argv.length === 2) return parsed(null);
      const count = parseCInt(argv[2]!, 'int');
      if (!count.ok) return parseError(ERR_NOT_INTEGER);
      return count.value < 0 ? parseError('value is out of range, must be positive') : parsed(count.value);
    },
    run: ({ node }, count, argv) => {
      const key = argv[1]!;
      const list = listOf(node, key);
      if (isReply(list)) return list;
      // With a count, a missing key is conn->NilArray(): `*-1` on the wire (K-2024 cmd_list.cc CommandPop).
      if (!list.exists) return count === null ? NIL : NIL_ARRAY;
      const n = Math.min(count ?? 1, list.items.length);
      const { popped: out, rest } = popped(list.items, n, left);
      commit(node, [rest.length === 0 ? del(key) : put(key, { type: 'list', items: rest }, list.expireAt)], n + 1);
      return count === null ? bulk(out[0]!) : bulks(out);
    },
  });

/** LRANGE's and LINDEX's indexes are ints (errValueNotInteger). */
const parseInts = (texts: readonly string[]) => {
  const values = texts.map((text) => parseCInt(text, 'int'));
  return values.every((v) => v.ok) ? parsed(values.map((v) => (v.ok ? v.value : 0))) : parseError(ERR_NOT_INTEGER);
};

export const listCommands = [
  pushCommand('lpush', true, true),
  pushCommand('rpush', false, true),
  pushCommand('lpushx', true, false),
  pushCommand('rpushx', false, false),
  popCommand('lpop', true),
  popCommand('rpop', false),
  defineCommand<number[]>({
    name: 'lrange',
    arity: 4,
    flags: ['read-only'],
    keys: [1, 1, 1],
    summary: 'LRANGE key start stop',
    parse: (argv) => parseInts([argv[2]!, argv[3]!]),
    run: ({ node }, [first, last], argv) => {
      const list = listOf(node, argv[1]!);
      if (isReply(list)) return list;
      const size = list.items.length;
      let start = first! < 0 ? size + first! : first!;
      const stop = last! < 0 ? size + last! : last!;
      if (start > size || stop < 0 || start > stop) return bulks([]);
      if (start < 0) start = 0;
      return bulks(list.items.slice(start, stop + 1));
    },
  }),
  defineCommand({
    name: 'llen',
    arity: 2,
    flags: ['read-only'],
    keys: [1, 1, 1],
    summary: 'LLEN key',
    run: ({ node }, _args, argv) => {
      const list = listOf(node, argv[1]!);
      return isReply(list) ? list : integer(list.items.length);
    },
  }),
  defineCommand<number[]>({
    name: 'lindex',
    arity: 3,
    flags: ['read-only'],
    keys: [1, 1, 1],
    summary: 'LINDEX key index',
    parse: (argv) => parseInts([argv[2]!]),
    run: ({ node }, [index], argv) => {
      const list = listOf(node, argv[1]!);
      if (isReply(list)) return list;
      const i = index! < 0 ? index! + list.items.length : index!;
      const item = i < 0 ? undefined : list.items.at(i);
      return item === undefined ? NIL : bulk(item);
    },
  }),
];
