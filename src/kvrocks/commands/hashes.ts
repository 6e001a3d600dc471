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
import { finish, PREPARE_SLICE, preparedResult, storedValue, type Preparation, type Prepared } from './prepared.ts';
import { EMPTY_FIELDS, EMPTY_MEMBERS, FieldEditor, SetEditor } from '../data/sharded.ts';
import type { Fields } from '../../protocol/value.ts';

interface Hash {
  readonly fields: Fields;
  /** The live key's expiry, kept by every write (0 for a new key). */
  readonly expireAt: number;
}

/** The hash (empty when missing), or the WRONGTYPE reply. */
function hashOf(node: KvrocksNode, key: string): Hash | Reply {
  const found = typedGet(node, key, 'hash');
  if (found.kind === 'wrongtype') return WRONG_TYPE;
  return found.kind === 'ok' ? { fields: found.value.fields, expireAt: found.entry.expireAt } : { fields: EMPTY_FIELDS, expireAt: 0 };
}

const isReply = (value: Hash | Reply): value is Reply => 'type' in value;

const sortedFields = (fields: Fields) => [...fields.keys()].sort(compareBytes);

function store(node: KvrocksNode, key: string, old: Hash, fields: Fields, count: number): void {
  commit(node, [put(key, { type: 'hash', fields }, old.expireAt)], count);
}

interface Edited {
  readonly fields: Fields;
  /** HSET: fields added; HDEL: fields deleted. */
  readonly changed: number;
  /** RocksDB operations: field Puts or Deletes, plus the metadata when the size changes. */
  readonly count: number;
}

/**
 * Hash::MSet over argv[2..] pairs: the last value of a repeated field wins; an unchanged one (or
 * any existing one with NX) is not written. Copy-on-write edits (data/sharded.ts), so a huge HSET
 * neither copies nor rehashes the whole hash at once; it yields every PREPARE_SLICE pairs.
 */
function* msetFields(from: Fields, argv: readonly string[], nx: boolean): Generator<void, Edited, void> {
  const fields = new FieldEditor(from);
  const seen = new SetEditor(EMPTY_MEMBERS);
  let added = 0;
  let writes = 0;
  for (let i = argv.length - 2; i >= 2; i -= 2) {
    const field = argv[i]!;
    const value = argv[i + 1]!;
    if (i % PREPARE_SLICE === 0) yield;
    if (!seen.add(field)) continue;
    const current = fields.get(field);
    if (current !== undefined && (nx || current === value)) continue;
    if (current === undefined) added++;
    fields.set(field, value);
    writes++;
  }
  return { fields: fields.result(), changed: added, count: writes + (added > 0 ? 1 : 0) };
}

/** Hash::Delete: each field given counts once. */
function* deleteFields(from: Fields, argv: readonly string[]): Generator<void, Edited, void> {
  const fields = new FieldEditor(from);
  let deleted = 0;
  for (let i = 2; i < argv.length; i++) {
    if (fields.delete(argv[i]!)) deleted++;
    if (i % PREPARE_SLICE === 0) yield;
  }
  return { fields: fields.result(), changed: deleted, count: deleted + 1 };
}

/** A huge HSET/HDEL's edit computed ahead in slices (prepared.ts), from the hash stored now. */
function* prepareEdit(node: KvrocksNode, argv: readonly string[], edit: (from: Fields) => Generator<void, Edited, void>): Preparation {
  const stored = storedValue(node, argv[1]!, 'hash');
  if (stored === null) return null;
  const from = stored?.fields ?? EMPTY_FIELDS;
  return { argv, from, result: yield* edit(from) };
}

/** The edit: prepared ahead when that still applies, else computed now. */
const edited = (prepared: Prepared | undefined, old: Hash, argv: readonly string[], edit: (from: Fields) => Generator<void, Edited, void>): Edited =>
  preparedResult<Edited>(prepared, argv, old.fields) ?? finish(edit(old.fields));

const parseFieldPairs = (argv: readonly string[]): Parsed<readonly string[]> => (argv.length % 2 !== 0 ? parseError(ERR_WRONG_ARGS) : parsed(argv));

const setCommand = (name: 'hset' | 'hmset' | 'hsetnx') =>
  defineCommand({
    name,
    arity: -4,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: `${name.toUpperCase()} key field value [field value ...]`,
    parse: parseFieldPairs,
    prepare: (node, argv) => prepareEdit(node, argv, (from) => msetFields(from, argv, name === 'hsetnx')),
    run: ({ node, prepared }, _args, argv) => {
      const old = hashOf(node, argv[1]!);
      if (isReply(old)) return old;
      const { fields, changed, count } = edited(prepared, old, argv, (from) => msetFields(from, argv, name === 'hsetnx'));
      store(node, argv[1]!, old, fields, count);
      return name === 'hmset' ? OK : integer(changed);
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
    prepare: (node, argv) => prepareEdit(node, argv, (from) => deleteFields(from, argv)),
    run: ({ node, prepared }, _args, argv) => {
      const old = hashOf(node, argv[1]!);
      if (isReply(old)) return old;
      const { fields, changed, count } = edited(prepared, old, argv, (from) => deleteFields(from, argv));
      if (changed > 0) store(node, argv[1]!, old, fields, count);
      return integer(changed);
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
      const fields = new FieldEditor(old.fields);
      fields.set(field, n.toString());
      store(node, argv[1]!, old, fields.result(), text === undefined ? 2 : 1);
      return integer(Number(n));
    },
  }),
];
