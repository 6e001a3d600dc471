/**
 * Whole-keyspace commands (K-2024 src/commands/cmd_server.cc): KEYS, SCAN, DBSIZE, FLUSHDB,
 * FLUSHALL. Both flushes are one DeleteRange over the metadata column family, one sequence number.
 */
import { parseCIntBig } from '../cluster/c-int.ts';
import { scanKeys } from '../data/scan.ts';
import type { RedisType } from '../data/value.ts';
import type { KvrocksNode } from '../node/node.ts';
import { array, bulk, bulks, err, integer, OK, type Reply } from '../../protocol/reply.ts';
import { defineCommand, parsed, parseError, type Parsed } from './command.ts';
import { commit, nowMs } from './db.ts';
import { cursorFor, keyOfCursor } from './scan-cursor.ts';

interface ScanArgs {
  readonly cursor: string;
  readonly prefix: string;
  readonly limit: number;
  readonly type: RedisType | null;
}

/** RedisTypeNames (K-2024 redis_metadata.h): `none` means no filter; the others never match a key here. */
const TYPE_NAMES = new Set(['none', 'string', 'hash', 'list', 'set', 'zset', 'bitmap', 'sortedint', 'stream', 'MBbloom--', 'ReJSON-RL', 'hyperloglog']);

/** CommandScanBase::Parse and ParseAdditionalFlags<true>. */
function parseScan(argv: readonly string[]): Parsed<ScanArgs> {
  // PutCursor: "0" is the start; a leading "_" is dropped.
  const raw = argv[1]!;
  const cursor = raw === '0' ? '' : raw.startsWith('_') ? raw.slice(1) : raw;
  let prefix = '';
  let limit = 20;
  let type: string | null = null;
  for (let i = 2; i < argv.length; ) {
    const word = argv[i]!.toLowerCase();
    const value = argv[i + 1];
    if (word !== 'match' && word !== 'count' && word !== 'type') return parseError('syntax error');
    if (value === undefined) return parseError('no more item to parse');
    if (word === 'match') {
      if (value === '' || value.indexOf('*') !== value.length - 1) return parseError('currently only key prefix matching is supported');
      prefix = value.slice(0, -1);
    } else if (word === 'count') {
      const n = parseCIntBig(value, 'int64');
      if (!n.ok) return parseError(n.message);
      if (n.value <= 0n) return parseError('limit should be a positive integer');
      limit = Number(n.value);
    } else {
      if (!TYPE_NAMES.has(value)) return parseError('Invalid type');
      type = value === 'none' ? null : value;
    }
    i += 2;
  }
  return parsed({ cursor, prefix, limit, type: type as RedisType | null });
}

function dbsize(node: KvrocksNode, argv: readonly string[]): Reply {
  // GetLatestKeyNumStats: the last DBSIZE SCAN, not a live count.
  if (argv.length === 1) return integer(node.keyNumStats.keys);
  if (argv.length === 2 && argv[1]!.toLowerCase() === 'scan') {
    if (node.keyNumStats.scanning) return err('scanning the db now');
    node.startKeyScan();
    return OK;
  }
  return err('DBSIZE subcommand only supports scan');
}

export const keyspaceCommands = [
  defineCommand({
    name: 'keys',
    arity: 2,
    flags: ['read-only'],
    summary: 'KEYS prefix* (only a prefix pattern, as in Kvrocks)',
    run: ({ node }, _args, argv) => {
      const pattern = argv[1]!;
      if (pattern === '' || pattern.indexOf('*') !== pattern.length - 1) return err('only keys prefix match was supported');
      const prefix = pattern.slice(0, -1);
      return bulks(node.storage.liveKeys(nowMs(node)).filter((key) => key.startsWith(prefix)));
    },
  }),
  defineCommand<ScanArgs>({
    name: 'scan',
    arity: -2,
    flags: ['read-only'],
    summary: 'SCAN cursor [MATCH prefix*] [COUNT n] [TYPE type]',
    parse: parseScan,
    run: ({ node }, args) => {
      const result = scanKeys(node.storage, nowMs(node), { ...args, cursor: keyOfCursor(node, args.cursor) });
      return array([bulk(result.endKey === '' ? '0' : cursorFor(node, result.endKey)), bulks(result.keys)]);
    },
  }),
  defineCommand({ name: 'dbsize', arity: -1, flags: ['read-only'], summary: 'DBSIZE [SCAN]: keys counted by the last DBSIZE SCAN', run: ({ node }, _args, argv) => dbsize(node, argv) }),
  defineCommand({
    name: 'flushdb',
    arity: 1,
    flags: ['write'],
    summary: 'FLUSHDB',
    run: ({ node }) => {
      // A migration in progress is stopped first. // K-2024 src/commands/cmd_server.cc CommandFlushDB
      if (node.config.clusterEnabled) node.migrator.requestStop();
      // Database::FlushDB: DeleteRange over the namespace, written even when it is empty.
      commit(node, [{ op: 'clear' }], 1);
      return OK;
    },
  }),
  defineCommand({
    name: 'flushall',
    arity: 1,
    flags: ['write'],
    summary: 'FLUSHALL',
    run: ({ node }) => {
      if (node.config.clusterEnabled) node.migrator.requestStop();
      // Database::FlushAll: DeleteRange from the first to the last metadata key, none when there is none.
      if (!node.storage.keys.isEmpty()) commit(node, [{ op: 'clear' }], 1);
      return OK;
    },
  }),
];
