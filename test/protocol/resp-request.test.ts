// Kvrocks' request tokenizer as a streaming reader: the replies and limits checked against the
// real server (k2024) with raw bytes on a socket.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ERR_BULK_LENGTH, ERR_EXPECTED_DOLLAR, ERR_MULTIBULK_LENGTH, RequestReader, type NextRequest } from '../../src/protocol/resp-request.ts';
import { bytesToString, stringToBytes } from '../../src/protocol/bytes.ts';

const MiB = 1024 * 1024;
const bytes = (text: string) => stringToBytes(text);

/** Every result the reader gives for `input` fed in `chunks` pieces, until it needs more or fails. */
function readAll(input: string, cut: (n: number) => number[] = () => [], maxBulkLen = 512 * MiB): NextRequest[] {
  const reader = new RequestReader({ maxBulkLen: () => maxBulkLen });
  const out: NextRequest[] = [];
  const data = bytes(input);
  const cuts = [0, ...cut(data.length).filter((c) => c > 0 && c < data.length).sort((a, b) => a - b), data.length];
  for (let i = 1; i < cuts.length; i++) {
    reader.push(data.subarray(cuts[i - 1], cuts[i]));
    for (let next = reader.next(); next !== null; next = reader.next()) {
      out.push(next);
      if ('error' in next) return out;
    }
  }
  return out;
}

const multibulkOf = (args: readonly string[]) => `*${args.length}\r\n${args.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`;
const multibulk = (...args: string[]) => multibulkOf(args);

describe('RequestReader (K-2024 redis_request.cc Tokenize)', () => {
  it('reads multibulk commands with any bytes, pipelined', () => {
    const all = bytesToString(Uint8Array.from({ length: 256 }, (_, i) => i));
    expect(readAll(multibulk('SET', 'k', all) + multibulk('GET', 'k'))).toEqual([['SET', 'k', all], ['GET', 'k']]);
  });

  it('splits inline commands on spaces and tabs only, with no quoting, and skips empty lines', () => {
    expect(readAll('SET "a b" c\r\n\r\n\nECHO  a\tb\nPING\r\n')).toEqual([['SET', '"a', 'b"', 'c'], ['ECHO', 'a', 'b'], ['PING']]);
  });

  it('takes signs and leading blanks in lengths as strtoll does, and skips *0 and *-1', () => {
    expect(readAll('*+1\r\n$ 4\r\nPING\r\n*0\r\n*-1\r\n*1\r\n$+4\r\nPING\r\n')).toEqual([['PING'], ['PING']]);
  });

  it('drops the two bytes after a bulk unchecked', () => {
    expect(readAll('*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n')).toEqual([['PING'], ['PING']]);
  });

  it.each<[string, string]>([
    ['*x\r\n', ERR_MULTIBULK_LENGTH],
    ['*1\n$4\r\nPING\r\n', ERR_MULTIBULK_LENGTH],
    [`*${MiB + 1}\r\n`, ERR_MULTIBULK_LENGTH],
    ['*1\r\n+PING\r\n', ERR_EXPECTED_DOLLAR],
    ['*1\r\n$-1\r\n', ERR_BULK_LENGTH],
    ['*1\r\n$4\nPING\r\n', ERR_BULK_LENGTH],
    ['*1\r\n$536870913\r\n', ERR_BULK_LENGTH],
    [`ECHO ${'x'.repeat(16380)}\r\n`, ERR_BULK_LENGTH],
  ])('%j is refused with the error real Kvrocks sends', (input, error) => {
    expect(readAll(input).at(-1)).toEqual({ error });
  });

  it('accepts an inline line of exactly 16 KB and a multibulk of 1 M arguments', () => {
    expect(readAll(`ECHO ${'x'.repeat(16379)}\r\n`)).toEqual([['ECHO', 'x'.repeat(16379)]]);
    const input = `*${MiB}\r\n${'$1\r\na\r\n'.repeat(MiB)}`;
    const [command] = readAll(input, (n) => Array.from({ length: 64 }, (_, i) => Math.floor((n * i) / 64)));
    expect((command as string[]).length).toBe(MiB);
  });

  it('a command of more arguments than are reserved at first (64 Ki) comes out whole and in order, then the next one', () => {
    const args = Array.from({ length: 200_003 }, (_, i) => `a${i}`);
    const input = multibulkOf(args) + multibulk('PING');
    expect(readAll(input, (n) => Array.from({ length: 40 }, (_, i) => Math.floor((n * i) / 40) + 3))).toEqual([args, ['PING']]);
  });

  it('refuses an over-long inline line before its end arrives, so a sender cannot make it buffer without bound', () => {
    const reader = new RequestReader({ maxBulkLen: () => 512 * MiB });
    for (let i = 0; i < 16; i++) {
      reader.push(bytes('x'.repeat(1024)));
      expect(reader.next()).toBeNull();
    }
    reader.push(bytes('x'.repeat(1024)));
    expect(reader.next()).toEqual({ error: ERR_BULK_LENGTH });
  });

  it('reads proto-max-bulk-len at each bulk header', () => {
    expect(readAll(multibulk('SET', 'k', 'x'.repeat(MiB + 1)), () => [], MiB)).toEqual([{ error: ERR_BULK_LENGTH }]);
    expect(readAll(multibulk('SET', 'k', 'x'.repeat(MiB)), () => [], MiB)).toEqual([['SET', 'k', 'x'.repeat(MiB)]]);
  });

  it('gives the same commands however the bytes are cut into chunks', () => {
    const arg = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 40 });
    const command = fc.oneof(
      fc.array(arg, { minLength: 1, maxLength: 5 }).map((args) => ({ wire: multibulk(...args), args })),
      fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 4 }).map((args) => ({ wire: `${args.join(' ')}\r\n`, args })),
    );
    fc.assert(
      fc.property(fc.array(command, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 20 }), (commands, cuts) => {
        const wire = commands.map((c) => c.wire).join('');
        expect(readAll(wire, (n) => cuts.map((c) => c % (n + 1)))).toEqual(commands.map((c) => c.args));
      }),
      { numRuns: 500 },
    );
  });

  it('decodes a bulk of several MB that arrives in 64 KB reads, in blocks, exactly; two readers at once keep their own bytes', () => {
    const size = 3 * MiB + 12_345;
    const value = (seed: number) => Array.from({ length: size }, (_, i) => String.fromCharCode((i * 31 + seed) & 0xff)).join('');
    const [one, two] = [value(1), value(7)];
    const wires = [bytes(multibulk('SET', 'a', one)), bytes(multibulk('SET', 'b', two))];
    const readers = [0, 1].map(() => new RequestReader({ maxBulkLen: () => 512 * MiB }));
    const got: NextRequest[][] = [[], []];
    // Interleaved reads: decoding shares one scratch buffer between readers.
    for (let at = 0; at < wires[0]!.length || at < wires[1]!.length; at += 64 * 1024) {
      for (const i of [0, 1]) {
        const piece = wires[i]!.subarray(at, at + 64 * 1024);
        if (piece.length === 0) continue;
        readers[i]!.push(piece);
        for (let next = readers[i]!.next(); next !== null; next = readers[i]!.next()) got[i]!.push(next);
      }
    }
    expect(got[0]).toEqual([['SET', 'a', one]]);
    expect(got[1]).toEqual([['SET', 'b', two]]);
  });

  it('decodes a multi-MB bulk exactly whatever the sizes of the reads (small, around a block, over two blocks)', () => {
    const size = 5 * MiB + 3;
    const value = Array.from({ length: size }, (_, i) => String.fromCharCode((i * 131 + 5) & 0xff)).join('');
    const wire = multibulk('SET', 'k', value);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: Math.floor(2.5 * MiB) }), { minLength: 1, maxLength: 8 }), (sizes) => {
        let at = 0;
        const cuts = sizes.map((n) => (at += n));
        expect(readAll(wire, () => cuts)).toEqual([['SET', 'k', value]]);
      }),
      { numRuns: 12 },
    );
  });
});
