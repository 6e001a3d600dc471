/**
 * String keys: enough data for writes to advance the sequence, replicate and route by slot
 * (K-2024 src/commands/cmd_string.cc, cmd_key.cc). Key expiry is not modelled.
 */
import type { KvrocksNode } from '../node/node.ts';
import { bulk, integer, NIL, OK, type Reply } from '../reply.ts';
import { defineCommand, ERR_SYNTAX, parsed, parseError, type Parsed } from './command.ts';

interface SetArgs {
  onlyIf: 'NX' | 'XX' | null;
  get: boolean;
}

/** CommandSet::Parse: each flag group may appear once; anything else is a syntax error. */
function parseSet(argv: readonly string[]): Parsed<SetArgs> {
  const args: SetArgs = { onlyIf: null, get: false };
  let ttlFlag: string | null = null;
  for (let i = 3; i < argv.length; i++) {
    const flag = argv[i]!.toUpperCase();
    if (flag === 'EX' || flag === 'PX' || flag === 'EXAT' || flag === 'PXAT') {
      return parseError('kvlab: key expiry is not modelled (SET ... EX/PX/EXAT/PXAT)');
    } else if (flag === 'KEEPTTL' && (ttlFlag === null || ttlFlag === flag)) {
      ttlFlag = flag;
    } else if ((flag === 'NX' || flag === 'XX') && (args.onlyIf === null || args.onlyIf === flag)) {
      args.onlyIf = flag;
    } else if (flag === 'GET') {
      args.get = true;
    } else {
      return parseError(ERR_SYNTAX);
    }
  }
  return parsed(args);
}

/** A write is one RocksDB batch; feed threads are woken to stream it. */
function write(node: KvrocksNode, ops: Parameters<KvrocksNode['storage']['write']>[0]): void {
  node.storage.write(ops);
  node.master.walAppended();
}

export const keyCommands = [
  defineCommand<SetArgs>({
    name: 'set',
    arity: -3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'SET key value [NX|XX] [GET]',
    parse: parseSet,
    run: ({ node }, args, argv): Reply => {
      const key = argv[1]!;
      const old = node.storage.get(key);
      const blocked = (args.onlyIf === 'NX' && old !== undefined) || (args.onlyIf === 'XX' && old === undefined);
      if (!blocked) write(node, [{ op: 'put', key, value: argv[2]! }]);
      if (args.get) return old === undefined ? NIL : bulk(old);
      return blocked ? NIL : OK;
    },
  }),
  defineCommand({
    name: 'get',
    arity: 2,
    flags: ['read-only'],
    keys: [1, 1, 1],
    summary: 'GET key',
    run: ({ node }, _args, argv) => {
      const value = node.storage.get(argv[1]!);
      if (value === undefined) node.stats.keyspaceMisses++;
      else node.stats.keyspaceHits++;
      return value === undefined ? NIL : bulk(value);
    },
  }),
  defineCommand({
    name: 'del',
    arity: -2,
    flags: ['write'],
    keys: [1, -1, 1],
    summary: 'DEL key [key ...]',
    run: ({ node }, _args, argv) => {
      const present = [...new Set(argv.slice(1))].filter((key) => node.storage.get(key) !== undefined);
      // MDel writes nothing when no key exists, so the sequence does not move.
      if (present.length > 0) write(node, present.map((key) => ({ op: 'delete' as const, key })));
      return integer(present.length);
    },
  }),
  defineCommand({
    name: 'exists',
    arity: -2,
    flags: ['read-only'],
    keys: [1, -1, 1],
    summary: 'EXISTS key [key ...]',
    run: ({ node }, _args, argv) => integer(argv.slice(1).filter((key) => node.storage.get(key) !== undefined).length),
  }),
];
