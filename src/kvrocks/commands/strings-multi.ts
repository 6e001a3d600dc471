/** MSET, MSETNX, MGET (K-2024 src/commands/cmd_string.cc, src/types/redis_string.cc MSet/MSetNX/MGet). */
import type { KvrocksNode } from '../node/node.ts';
import { array, bulk, integer, NIL, OK, type Reply } from '../../protocol/reply.ts';
import { defineCommand, ERR_WRONG_ARGS, parsed, parseError, type Parsed } from './command.ts';
import { commit, put, rawLive, typedGet } from './db.ts';

/** MSET / MSETNX take key-value pairs: an odd count of them is an arity error (Parse). */
const parsePairs = (argv: readonly string[]): Parsed<readonly string[]> => (argv.length % 2 === 1 ? parsed(argv) : parseError(ERR_WRONG_ARGS));

function msetPairs(node: KvrocksNode, argv: readonly string[]): void {
  const ops = [];
  for (let i = 1; i < argv.length; i += 2) ops.push(put(argv[i]!, { type: 'string', text: argv[i + 1]! }));
  commit(node, ops);
}

export const multiKeyStringCommands = [
  defineCommand({
    name: 'mset',
    arity: -3,
    flags: ['write'],
    keys: [1, -1, 2],
    summary: 'MSET key value [key value ...]',
    parse: parsePairs,
    run: ({ node }, _args, argv) => {
      msetPairs(node, argv);
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
    run: ({ node }, _args, argv) => {
      // String::MSetNX: Exists over the keys first, then one MSet.
      let exists = 0;
      for (let i = 1; i < argv.length; i += 2) if (rawLive(node, argv[i]!)) exists++;
      if (exists > 0) return integer(0);
      msetPairs(node, argv);
      return integer(1);
    },
  }),
  defineCommand({
    name: 'mget',
    arity: -2,
    flags: ['read-only'],
    keys: [1, -1, 1],
    summary: 'MGET key [key ...]',
    // A missing key or one of another type is a nil (MultiBulkString with statuses).
    run: ({ node }, _args, argv) => {
      const values = new Array<Reply>(argv.length - 1);
      for (let i = 1; i < argv.length; i++) {
        const found = typedGet(node, argv[i]!, 'string');
        values[i - 1] = found.kind === 'ok' ? bulk(found.value.text) : NIL;
      }
      return array(values);
    },
  }),
];
