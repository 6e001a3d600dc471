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
      let out = arrayHeader(reply, protocol);
      for (const item of reply.items) out += encodeReply(item, protocol);
      return out;
    }
  }
}

function arrayHeader(reply: Extract<Reply, { type: 'array' }>, protocol: Protocol): string {
  const n = reply.items.length;
  return protocol === 3 && reply.resp3 === 'map' ? `%${n / 2}\r\n` : protocol === 3 && reply.resp3 === 'set' ? `~${n}\r\n` : `*${n}\r\n`;
}

/** Arrays with more items than this are encoded piece by piece by encodeReplyPieces. */
export const PIECE_ITEMS = 4096;

/**
 * encodeReply in pieces that join to the same bytes: a huge array's header, then its items
 * PIECE_ITEMS at a time, so a server can write a million-item reply between other clients' turns.
 */
export function* encodeReplyPieces(reply: Reply, protocol: Protocol = 2): Generator<string, void, void> {
  if (reply.type !== 'array' || reply.items.length <= PIECE_ITEMS) return yield encodeReply(reply, protocol);
  yield arrayHeader(reply, protocol);
  for (let start = 0; start < reply.items.length; start += PIECE_ITEMS) {
    let piece = '';
    const end = Math.min(start + PIECE_ITEMS, reply.items.length);
    for (let i = start; i < end; i++) piece += encodeReply(reply.items[i]!, protocol);
    yield piece;
  }
}
