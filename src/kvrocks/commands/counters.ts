/**
 * INCR, DECR, INCRBY, DECRBY, INCRBYFLOAT (K-2024 src/commands/cmd_string.cc, src/types/redis_string.cc
 * String::IncrBy / IncrByFloat): the value is rewritten in place, keeping its TTL.
 */
import { parseCIntBig } from '../cluster/c-int.ts';
import { isCSpace } from '../cluster/text.ts';
import { float2String, parseCDouble, toStdString } from '../data/numbers.ts';
import type { KvrocksNode } from '../node/node.ts';
import { bulk, err, integer, type Reply } from '../../protocol/reply.ts';
import { defineCommand, ERR_NOT_INTEGER, parsed, parseError } from './command.ts';
import { commit, put, typedGet, WRONG_TYPE } from './db.ts';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/**
 * The stored string and its expiry, or the reply that ends the command. A key read as missing but
 * still stored (expired, or an emptied collection) has its old raw bytes parsed with a new header
 * after them, which is never a number (K-2024 redis_string.cc IncrBy/IncrByFloat).
 */
function current(node: KvrocksNode, key: string, notANumber: Reply): { text: string; expireAt: number } | Reply {
  const found = typedGet(node, key, 'string');
  if (found.kind === 'wrongtype') return WRONG_TYPE;
  if (found.kind === 'missing' && node.storage.entry(key)) return notANumber;
  return found.kind === 'ok' ? { text: found.value.text, expireAt: found.entry.expireAt } : { text: '', expireAt: 0 };
}

const NOT_AN_INTEGER = err('Invalid argument: value is not an integer or out of range');
const NOT_A_NUMBER = err('Invalid argument: value is not a number');

function incrBy(node: KvrocksNode, key: string, increment: bigint): Reply {
  const old = current(node, key, NOT_AN_INTEGER);
  if ('type' in old) return old;
  let n = 0n;
  if (old.text !== '') {
    const parsedValue = parseCIntBig(old.text, 'int64');
    if (!parsedValue.ok) return NOT_AN_INTEGER;
    if (isCSpace(old.text.charAt(0))) return err('Invalid argument: value is not an integer');
    n = parsedValue.value;
  }
  if ((increment < 0n && n <= 0n && increment < INT64_MIN - n) || (increment > 0n && n >= 0n && increment > INT64_MAX - n)) {
    return err('Invalid argument: increment or decrement would overflow');
  }
  n += increment;
  commit(node, [put(key, { type: 'string', text: n.toString() }, old.expireAt)]);
  return integer(Number(n));
}

const byArgument = (name: 'incrby' | 'decrby', sign: 1n | -1n) =>
  defineCommand<bigint>({
    name,
    arity: 3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: `${name.toUpperCase()} key ${name === 'incrby' ? 'increment' : 'decrement'}`,
    parse: (argv) => {
      const by = parseCIntBig(argv[2]!, 'int64');
      if (!by.ok) return parseError(ERR_NOT_INTEGER);
      // Negating LLONG_MIN would overflow (CommandDecrBy::Parse).
      if (sign < 0n && by.value === INT64_MIN) return parseError('decrement would overflow');
      return parsed(by.value * sign);
    },
    run: ({ node }, by, argv) => incrBy(node, argv[1]!, by),
  });

const byOne = (name: 'incr' | 'decr', by: bigint) =>
  defineCommand({ name, arity: 2, flags: ['write'], keys: [1, 1, 1], summary: `${name.toUpperCase()} key`, run: ({ node }, _args, argv) => incrBy(node, argv[1]!, by) });

export const counterCommands = [
  byOne('incr', 1n),
  byOne('decr', -1n),
  byArgument('incrby', 1n),
  byArgument('decrby', -1n),
  defineCommand<number>({
    name: 'incrbyfloat',
    arity: 3,
    flags: ['write'],
    keys: [1, 1, 1],
    summary: 'INCRBYFLOAT key increment',
    parse: (argv) => {
      const by = parseCDouble(argv[2]!);
      return by === null ? parseError('value is not a valid float') : parsed(by);
    },
    run: ({ node }, by, argv) => {
      const old = current(node, argv[1]!, NOT_A_NUMBER);
      if ('type' in old) return old;
      let n = 0;
      if (old.text !== '') {
        const value = parseCDouble(old.text);
        if (value === null || isCSpace(old.text.charAt(0))) return NOT_A_NUMBER;
        n = value;
      }
      n += by;
      if (!Number.isFinite(n)) return err('Invalid argument: increment would produce NaN or Infinity');
      // The reply is "%.17g"; the stored value is std::to_string's "%f".
      commit(node, [put(argv[1]!, { type: 'string', text: toStdString(n) }, old.expireAt)]);
      return bulk(float2String(n));
    },
  }),
];
