/**
 * Replies on the wire, RESP2 or RESP3 as the connection chose with HELLO, as byte strings
 * (bytes.ts): a bulk's length is its byte count.
 * // K-2024 src/server/redis_reply.cc (NilString, NilArray, HeaderOfMap, HeaderOfSet, VerbatimString)
 */
import type { Reply } from './reply.ts';

export type Protocol = 2 | 3;

// %lld of a 64-bit integer: never exponent notation.
const integerText = (value: number): string => (Number.isSafeInteger(value) ? String(value) : Number.isFinite(value) ? BigInt(Math.trunc(value)).toString() : String(value));

export function encodeReply(reply: Reply, protocol: Protocol = 2): string {
  switch (reply.type) {
    case 'status':
      return `+${reply.text}\r\n`;
    case 'error':
      return `-${reply.text}\r\n`;
    case 'integer':
      return `:${integerText(reply.value)}\r\n`;
    case 'bulk':
      if (reply.verbatim && protocol === 3) return `=${reply.text.length + 4}\r\ntxt:${reply.text}\r\n`;
      return `$${reply.text.length}\r\n${reply.text}\r\n`;
    case 'nil':
      if (protocol === 3) return '_\r\n';
      return reply.array ? '*-1\r\n' : '$-1\r\n';
    case 'array': {
      const n = reply.items.length;
      let out = protocol === 3 && reply.resp3 === 'map' ? `%${n / 2}\r\n` : protocol === 3 && reply.resp3 === 'set' ? `~${n}\r\n` : `*${n}\r\n`;
      for (const item of reply.items) out += encodeReply(item, protocol);
      return out;
    }
  }
}
