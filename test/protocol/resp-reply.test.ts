// Replies on the wire (src/protocol/resp-reply.ts): a huge array encoded in pieces joins to exactly
// the bytes of encoding it whole, in RESP2 and RESP3, for any shape of reply.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { array, bulk, integer, map, NIL, set, type Reply } from '../../src/protocol/reply.ts';
import { encodeReply, encodeReplyPieces, PIECE_ITEMS } from '../../src/protocol/resp-reply.ts';

const joined = (reply: Reply, protocol: 2 | 3) => [...encodeReplyPieces(reply, protocol)].join('');

const leaf: fc.Arbitrary<Reply> = fc.oneof(
  fc.string().map(bulk),
  fc.integer().map(integer),
  fc.constant(NIL),
  fc.array(fc.string().map(bulk), { maxLength: 3 }).map(array),
);

describe('encodeReplyPieces', () => {
  it('a small reply is one piece, the same as encodeReply', () => {
    for (const protocol of [2, 3] as const) {
      expect([...encodeReplyPieces(array([bulk('a'), NIL]), protocol)]).toEqual([encodeReply(array([bulk('a'), NIL]), protocol)]);
      expect([...encodeReplyPieces(integer(7), protocol)]).toEqual([':7\r\n']);
    }
  });

  it('a huge array comes as its header, then pieces of PIECE_ITEMS items', () => {
    const items = Array.from({ length: 2 * PIECE_ITEMS + 1 }, (_, i) => (i % 2 ? NIL : bulk(`v${i}`)));
    const pieces = [...encodeReplyPieces(array(items), 2)];
    expect(pieces[0]).toBe(`*${items.length}\r\n`);
    expect(pieces).toHaveLength(1 + 3);
    expect(pieces.join('')).toBe(encodeReply(array(items), 2));
  });

  it('random huge arrays, maps and sets join to the whole encoding in RESP2 and RESP3', () => {
    fc.assert(
      fc.property(fc.array(leaf, { minLength: PIECE_ITEMS - 2, maxLength: PIECE_ITEMS + 50 }), fc.constantFrom(array, set, map), fc.constantFrom(2 as const, 3 as const), (items, shape, protocol) => {
        const reply = shape(shape === map && items.length % 2 ? items.slice(1) : items);
        expect(joined(reply, protocol)).toBe(encodeReply(reply, protocol));
      }),
      { numRuns: 20 },
    );
  });
});
