/**
 * Hash commands (K-2024 src/commands/cmd_hash.cc, src/types/redis_hash.cc). Each field is a
 * subkey: a write Puts or Deletes the fields it changes, plus the metadata when the size changes.
 * Deleting the last field leaves the metadata with size 0, which reads as a missing key.
 */
import { parseCIntBig } from '../cluster/c-int.ts';
import { isCSpace, byteLength } from '../cluster/text.ts';
import { compareBytes } from '../data/bytes.ts';
import type { KvrocksNode } from '../node/node.ts';
import { array, bulk, bulks, err, integer, map, NIL, OK, type Reply } from '../../protocol/reply.ts';
import { defineCommand, ERR_NOT_INTEGER, ERR_WRONG_ARGS, parsed, parseError, type Parsed } from './command.ts';
import { commit, put, typedGet, WRONG_TYPE } from './db.ts';

type Fields = ReadonlyMap<string, string>;

interface Hash {
  readonly fields: Fields;
  /** The live key's expiry, kept by every write (0 for a new key). */
  readonly expireAt: number;
}

/** The hash (empty when missing), or the WRONGTYPE reply. */
function hashOf(node: KvrocksNode, key: string): Hash | Reply {
  const found = typedGet(node, key, 'hash');
  if (found.kind === 'wrongtype') return WRONG_TYPE;
  return found.kind === 'ok' ? { fields: found.value.fields, expireAt: found.entry.expireAt } : { fields: new Map(), expireAt: 0 };
}

const isReply = (value: Hash | Reply): value is Reply => 'type' in value;

const sortedFields = (fields: Fields) => [...fields.keys()].sort(compareBytes);

function store(node: KvrocksNode, key: string, old: Hash, fields: Map<string, string>, count: number): void {
  commit(node, [put(key, { type: 'hash', fields }, old.expireAt)], count);
}

/** Hash::MSet: the last value of a repeated field wins; an unchanged one (or any existing one with NX) is not written. */
function mset(node: KvrocksNode, key: string, pairs: readonly string[], nx: boolean): number | Reply {
  const old = hashOf(node, key);
  if (isReply(old)) return old;
  const fields = new Map(old.fields);
  const seen = new Set<string>();
  let added = 0;
  let writes = 0;
  for (let i = pairs.length - 2; i >= 0; i -= 2) {
    const field = pairs[i]!;
    const value = pairs[i + 1]!;
    if (seen.has(field)) continue;
    seen.add(field);
    const current = fields.get(field);
    if (current !== undefined && (nx || current === value)) continue;
    if (current === undefined) added++;
    fields.set(field, value);
    writes++;
  }
  store(node, key, old, fields, writes + (added > 0 ? 1 : 0));
  return added;
}

const parseFieldPairs = (argv: readonly string[]): Parsed<readonly string[]> => (argv.length % 2 !== 0 ? parseError(ERR_WRONG_ARGS) : parsed(argv));

const setCommand = (name: 'hset' | 'hmset' | 'hsetnx') =>
  defineCommand({
    name,
    arity: -4,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: `${name.toUpperCase()} key field value [field value ...]`,
    parse: parseFieldPairs,
    run: ({ node }, _args, argv) => {
      const added = mset(node, argv[1]!, argv.slice(2), name === 'hsetnx');
      if (typeof added !== 'number') return added;
      return name === 'hmset' ? OK : integer(added);
    },
  });

/** A read of the whole hash: `answer` gets its fields (empty when missing). */
const readCommand = (name: string, arity: number, summary: string, answer: (fields: Fields, argv: readonly string[]) => Reply) =>
  defineCommand({
    name,
    arity,
    flags: ['read-only'],
    keys: [1, 1, 1],
    summary,
    run: ({ node }, _args, argv) => {
      const hash = hashOf(node, argv[1]!);
      return isReply(hash) ? hash : answer(hash.fields, argv);
    },
  });

export const hashCommands = [
  setCommand('hset'),
  setCommand('hmset'),
  setCommand('hsetnx'),
  readCommand('hget', 3, 'HGET key field', (fields, argv) => {
    const value = fields.get(argv[2]!);
    return value === undefined ? NIL : bulk(value);
  }),
  readCommand('hmget', -3, 'HMGET key field [field ...]', (fields, argv) => array(argv.slice(2).map((f) => { const v = fields.get(f); return v === undefined ? NIL : bulk(v); }))),
  // conn->MapOfBulkStrings (K-2024 cmd_hash.cc CommandHGetAll)
  readCommand('hgetall', 2, 'HGETALL key', (fields) => map(sortedFields(fields).flatMap((f) => [bulk(f), bulk(fields.get(f)!)]))),
  readCommand('hkeys', 2, 'HKEYS key', (fields) => bulks(sortedFields(fields))),
  readCommand('hvals', 2, 'HVALS key', (fields) => bulks(sortedFields(fields).map((f) => fields.get(f)!))),
  readCommand('hlen', 2, 'HLEN key', (fields) => integer(fields.size)),
  readCommand('hexists', 3, 'HEXISTS key field', (fields, argv) => integer(fields.has(argv[2]!) ? 1 : 0)),
  readCommand('hstrlen', 3, 'HSTRLEN key field', (fields, argv) => integer(byteLength(fields.get(argv[2]!) ?? ''))),
  defineCommand({
    name: 'hdel',
    arity: -3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'HDEL key field [field ...]',
    run: ({ node }, _args, argv) => {
      const old = hashOf(node, argv[1]!);
      if (isReply(old)) return old;
      const fields = new Map(old.fields);
      const deleted = [...new Set(argv.slice(2))].filter((field) => fields.delete(field)).length;
      if (deleted > 0) store(node, argv[1]!, old, fields, deleted + 1);
      return integer(deleted);
    },
  }),
  defineCommand<bigint>({
    name: 'hincrby',
    arity: 4,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'HINCRBY key field increment',
    parse: (argv) => {
      const by = parseCIntBig(argv[3]!, 'int64');
      return by.ok ? parsed(by.value) : parseError(ERR_NOT_INTEGER);
    },
    run: ({ node }, by, argv) => {
      const old = hashOf(node, argv[1]!);
      if (isReply(old)) return old;
      const field = argv[2]!;
      const text = old.fields.get(field);
      let n = 0n;
      if (text !== undefined) {
        const value = parseCIntBig(text, 'int64');
        if (!value.ok) return err(`Invalid argument: ${value.message}`);
        if (isCSpace(text.charAt(0))) return err('Invalid argument: value is not an integer');
        n = value.value;
      }
      if ((by < 0n && n < 0n && by < -(1n << 63n) - n) || (by > 0n && n > 0n && by > (1n << 63n) - 1n - n)) {
        return err('Invalid argument: increment or decrement would overflow');
      }
      n += by;
      store(node, argv[1]!, old, new Map(old.fields).set(field, n.toString()), text === undefined ? 2 : 1);
      return integer(Number(n));
    },
  }),
];
