/**
 * String commands (K-2024 src/commands/cmd_string.cc, src/types/redis_string.cc): every write is
 * one Put of the key's metadata, so it moves the sequence by one per key.
 */
import { parseCIntBig } from '../cluster/c-int.ts';
import { byteLength } from '../cluster/text.ts';
import { rawLength } from '../data/value.ts';
import type { KvrocksNode } from '../node/node.ts';
import { bulk, integer, NIL, OK, type Reply } from '../../protocol/reply.ts';
import { defineCommand, ERR_NOT_INTEGER, parsed, parseError, type Parsed } from './command.ts';
import { counterCommands } from './counters.ts';
import { commit, del, nowMs, parseEntry, put, rawGet, typedGet, WRONG_TYPE } from './db.ts';
import { multiKeyStringCommands } from './strings-multi.ts';
import { type Expiry, expireAt as expireAtOf, parseTtlFlag, type TtlFlag } from './ttl.ts';

interface SetArgs {
  readonly expiry: Expiry | null;
  readonly onlyIf: 'NX' | 'XX' | null;
  readonly get: boolean;
  readonly keepTtl: boolean;
}

/** CommandSet::Parse: a flag of a group may repeat itself but not meet another of its group. */
function parseSet(argv: readonly string[]): Parsed<SetArgs> {
  let ttlFlag: TtlFlag | null = null;
  let setFlag: 'NX' | 'XX' | null = null;
  let expiry: Expiry | null = null;
  let get = false;
  for (let i = 3; i < argv.length; ) {
    const word = argv[i]!.toUpperCase();
    const ttl = parseTtlFlag(argv, i, ttlFlag);
    if (ttl.kind === 'error') return parseError(ttl.message);
    if (ttl.kind === 'taken') {
      ttlFlag = ttl.flag;
      expiry = ttl.expiry;
      i = ttl.next;
      continue;
    }
    if (word === 'KEEPTTL' && (ttlFlag === null || ttlFlag === 'KEEPTTL')) ttlFlag = 'KEEPTTL';
    else if ((word === 'NX' || word === 'XX') && (setFlag === null || setFlag === word)) setFlag = word;
    else if (word === 'GET') get = true;
    else return parseError('syntax error');
    i++;
  }
  return parsed({ expiry, onlyIf: setFlag, get, keepTtl: ttlFlag === 'KEEPTTL' });
}

/** String::Set: the old value is read only when an option needs it. */
function set(node: KvrocksNode, key: string, value: string, args: SetArgs): Reply {
  let expireAt = args.expiry ? expireAtOf(args.expiry, nowMs(node)) : 0;
  let old: string | null = null;
  if (args.onlyIf !== null || args.get || args.keepTtl) {
    const found = typedGet(node, key, 'string');
    if (found.kind === 'wrongtype' && args.get) return WRONG_TYPE;
    if (found.kind === 'ok') old = found.value.text;
    // NX on an existing string, XX on a missing key: nothing is written (a key of another type is overwritten).
    if ((args.onlyIf === 'NX' && found.kind === 'ok') || (args.onlyIf === 'XX' && found.kind === 'missing')) return args.get ? optionalBulk(old) : NIL;
    if (args.keepTtl) expireAt = found.kind === 'ok' ? found.entry.expireAt : 0;
  }
  commit(node, [put(key, { type: 'string', text: value }, expireAt)]);
  return args.get ? optionalBulk(old) : OK;
}

const optionalBulk = (text: string | null): Reply => (text === null ? NIL : bulk(text));

const NO_OPTIONS: SetArgs = { expiry: null, onlyIf: null, get: false, keepTtl: false };

/** SETEX / PSETEX: a positive TTL in seconds or ms (errInvalidExpireTime otherwise). */
function setWithTtl(name: 'setex' | 'psetex', unitMs: number) {
  return defineCommand<Expiry>({
    name,
    arity: 4,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: `${name.toUpperCase()} key ${unitMs === 1000 ? 'seconds' : 'milliseconds'} value`,
    parse: (argv) => {
      const ttl = parseCIntBig(argv[2]!, 'int64');
      if (!ttl.ok) return parseError(ERR_NOT_INTEGER);
      return ttl.value <= 0n ? parseError('invalid expire time') : parsed({ fromNow: true, ms: Number(ttl.value) * unitMs });
    },
    run: ({ node }, expiry, argv) => set(node, argv[1]!, argv[3]!, { ...NO_OPTIONS, expiry }),
  });
}

export const stringCommands = [
  defineCommand<SetArgs>({
    name: 'set',
    arity: -3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'SET key value [NX|XX] [GET] [EX s|PX ms|EXAT unix-s|PXAT unix-ms|KEEPTTL]',
    parse: parseSet,
    run: ({ node }, args, argv) => set(node, argv[1]!, argv[2]!, args),
  }),
  defineCommand({
    name: 'get',
    arity: 2,
    flags: ['read-only'],
    keys: [1, 1, 1],
    summary: 'GET key',
    run: ({ node }, _args, argv) => {
      const found = typedGet(node, argv[1]!, 'string');
      if (found.kind === 'ok') return bulk(found.value.text);
      if (found.kind === 'missing') return NIL;
      // CommandGet falls back to the bitmap type, which reads the metadata again (a second miss).
      parseEntry(node, rawGet(node, argv[1]!)!, 'string');
      return WRONG_TYPE;
    },
  }),
  defineCommand({
    name: 'getset',
    arity: 3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'GETSET key value',
    run: ({ node }, _args, argv) => set(node, argv[1]!, argv[2]!, { ...NO_OPTIONS, get: true }),
  }),
  defineCommand({
    name: 'getdel',
    arity: 2,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'GETDEL key',
    run: ({ node }, _args, argv) => {
      const found = typedGet(node, argv[1]!, 'string');
      if (found.kind === 'wrongtype') return WRONG_TYPE;
      if (found.kind === 'missing') return NIL;
      commit(node, [del(argv[1]!)]);
      return bulk(found.value.text);
    },
  }),
  defineCommand({
    name: 'setnx',
    arity: 3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'SETNX key value',
    run: ({ node }, _args, argv) => integer(set(node, argv[1]!, argv[2]!, { ...NO_OPTIONS, onlyIf: 'NX' }).type === 'nil' ? 0 : 1),
  }),
  setWithTtl('setex', 1000),
  setWithTtl('psetex', 1),
  defineCommand({
    name: 'append',
    arity: 3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'APPEND key value',
    run: ({ node }, _args, argv) => {
      const key = argv[1]!;
      const found = typedGet(node, key, 'string');
      if (found.kind === 'wrongtype') return WRONG_TYPE;
      const dead = found.kind === 'missing' ? node.storage.entry(key) : undefined;
      if (dead) {
        // Read as missing but still stored: a new header and the value go after the old raw bytes,
        // and the entry keeps its own header, so it stays dead.
        const padding = (dead.padding ?? 0) + 9 + byteLength(argv[2]!);
        commit(node, [{ op: 'put', key, entry: { ...dead, padding } }]);
        return integer(rawLength(dead) + byteLength(argv[2]!));
      }
      // The raw value keeps its metadata, so the TTL survives.
      const text = (found.kind === 'ok' ? found.value.text : '') + argv[2]!;
      commit(node, [put(key, { type: 'string', text }, found.kind === 'ok' ? found.entry.expireAt : 0)]);
      return integer(byteLength(text));
    },
  }),
  defineCommand({
    name: 'strlen',
    arity: 2,
    flags: ['read-only'],
    keys: [1, 1, 1],
    summary: 'STRLEN key',
    run: ({ node }, _args, argv) => {
      const found = typedGet(node, argv[1]!, 'string');
      if (found.kind === 'wrongtype') return WRONG_TYPE;
      return integer(found.kind === 'ok' ? byteLength(found.value.text) : 0);
    },
  }),
  ...counterCommands,
  ...multiKeyStringCommands,
];
