/**
 * Kvrocks' request tokenizer as a streaming reader: bytes go in as they arrive, whole commands
 * (arrays of byte strings, protocol/bytes.ts) come out. Every byte is looked at once: a partial
 * line is kept as references to the chunks it came in, never re-parsed, and a bulk is decoded
 * piece by piece as its bytes arrive, so a huge one costs no more per chunk than a small one.
 * // K-2024 src/server/redis_request.cc Request::Tokenize (states ArrayLen, BulkLen, BulkData)
 */
import { bytesToString } from './bytes.ts';
import { concat, concatInto, parseLength } from './resp-bytes.ts';

/** K-2024 src/server/redis_request.h. */
export const PROTO_INLINE_MAX_SIZE = 16 * 1024;
export const PROTO_MULTI_MAX_SIZE = 1024 * 1024;

export const ERR_MULTIBULK_LENGTH = 'ERR Protocol error: invalid multibulk length';
/** Also what an inline line over 16 KB gets (Tokenize reuses the message). */
export const ERR_BULK_LENGTH = 'ERR Protocol error: invalid bulk length';
export const ERR_EXPECTED_DOLLAR = "ERR Protocol error: expected '$'";

export interface RequestLimits {
  /** `proto-max-bulk-len`, read once per chunk received, so CONFIG SET acts on the next read. */
  readonly maxBulkLen: () => number;
  readonly inlineMax?: number;
  readonly multibulkMax?: number;
}

/** A complete command, a protocol error (the connection then closes after it), or null for "need more bytes". */
export type NextRequest = string[] | { readonly error: string } | null;

/** Bytes [start, end) of a chunk as a byte string (Node passes a Buffer-based one). */
export type BulkDecoder = (chunk: Uint8Array, start: number, end: number) => string;

/**
 * A command's argument array is made at its full length once this many arguments have come (at
 * first only this long). Growing it by push copies it whole every 1.5x, in single steps of up to
 * 45 ms at a million arguments; a declared count alone reserves no more than this.
 */
const ARGS_RESERVED = 64 * 1024;

/** How many bytes of a bulk split across reads are decoded at a time (see bulkText). */
const DECODE_BLOCK = 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;

/** Shared by every reader (decodeParts is done with it before returning); made on first use. */
let scratchBuffer: Uint8Array | null = null;
const scratch = () => (scratchBuffer ??= new Uint8Array(2 * DECODE_BLOCK));

export const decodeBulk: BulkDecoder = (chunk, start, end) => bytesToString(chunk.subarray(start, end));

export class RequestReader {
  private readonly chunks: Uint8Array[] = [];
  /** Read position in chunks[0]. */
  private pos = 0;
  private state: 'arrayLen' | 'bulkLen' | 'bulkData' = 'arrayLen';
  /** The line read so far when it spans chunks. */
  private lineParts: Uint8Array[] = [];
  private lineLength = 0;
  /** The last line read: bytes [lineStart, lineEnd) of lineBytes, its LF left out. */
  private lineBytes: Uint8Array = new Uint8Array(0);
  private lineStart = 0;
  private lineEnd = 0;
  private maxBulkLen = 0;
  private args: string[] = [];
  /** Arguments of the current command so far, and still to come. */
  private argsRead = 0;
  private argsLeft = 0;
  private bulkLength = 0;
  /**
   * The current bulk so far: `bulkText` a rope of decoded blocks of at least DECODE_BLOCK bytes,
   * `bulkParts` the pieces since (views of the received chunks). A rope of each chunk's 64 KB
   * string (young-generation objects the collector copies) stalls every client for tens of ms
   * during a 100 MB bulk; decoding all of it at the end (a 100 MB copy) stalls them for 200 ms.
   * Blocks of 1 MB land in V8's large-object space, which the collector never moves.
   */
  private bulkText = '';
  private bulkParts: Uint8Array[] = [];
  private bulkPartsLength = 0;
  /** Bytes of the current bulk (its CRLF included) still to come. */
  private bulkLeft = 0;
  private failed: string | null = null;
  private readonly inlineMax: number;
  private readonly multibulkMax: number;

  constructor(
    private readonly limits: RequestLimits,
    private readonly decode: BulkDecoder = decodeBulk,
  ) {
    this.inlineMax = limits.inlineMax ?? PROTO_INLINE_MAX_SIZE;
    this.multibulkMax = limits.multibulkMax ?? PROTO_MULTI_MAX_SIZE;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0 || this.failed !== null) return;
    this.chunks.push(chunk);
    this.maxBulkLen = this.limits.maxBulkLen();
  }

  next(): NextRequest {
    if (this.failed !== null) return null;
    for (;;) {
      if (this.state === 'bulkData') {
        if (!this.readBulk()) return null;
        if (--this.argsLeft === 0) {
          this.state = 'arrayLen';
          const command = this.args;
          this.args = [];
          this.argsRead = 0;
          return command;
        }
        this.state = 'bulkLen';
        continue;
      }
      if (!this.readLine()) return this.failed === null ? null : { error: this.failed };
      const outcome = this.state === 'arrayLen' ? this.onArrayLine() : this.onBulkLenLine();
      if (outcome !== undefined) return outcome;
    }
  }

  private fail(error: string): { error: string } {
    this.failed = error;
    this.chunks.length = 0;
    return { error };
  }

  /** ArrayLen: `*<count>` opens a multibulk, anything else is an inline command. */
  private onArrayLine(): NextRequest | undefined {
    const bytes = this.lineBytes;
    const start = this.lineStart;
    const onlyLf = this.lineEnd === start || bytes[this.lineEnd - 1] !== CR;
    const end = onlyLf ? this.lineEnd : this.lineEnd - 1;
    if (end === start) return undefined; // empty lines are skipped
    if (bytes[start] === 0x2a) {
      const count = parseLength(bytes, start + 1, end, true);
      if (Number.isNaN(count) || onlyLf || count > this.multibulkMax) return this.fail(ERR_MULTIBULK_LENGTH);
      if (count <= 0) return undefined;
      this.argsLeft = count;
      this.args = new Array<string>(Math.min(count, ARGS_RESERVED));
      this.state = 'bulkLen';
      return undefined;
    }
    if (end - start > this.inlineMax) return this.fail(ERR_BULK_LENGTH);
    // Inline commands are split on spaces and tabs only, no quoting (util::Split(line, " \t")).
    const tokens = bytesToString(bytes.subarray(start, end))
      .split(/[ \t]+/)
      .filter((token) => token !== '');
    return tokens.length === 0 ? undefined : tokens;
  }

  /** BulkLen: `$<length>`, CRLF-terminated (EVBUFFER_EOL_CRLF_STRICT). */
  private onBulkLenLine(): NextRequest | undefined {
    const bytes = this.lineBytes;
    const start = this.lineStart;
    if (this.lineEnd === start || bytes[this.lineEnd - 1] !== CR) {
      // A bare LF does not end the line: what came before it starts a longer, invalid one.
      return this.fail(this.lineEnd > start && bytes[start] === 0x24 ? ERR_BULK_LENGTH : ERR_EXPECTED_DOLLAR);
    }
    const end = this.lineEnd - 1;
    if (end === start) return undefined;
    if (bytes[start] !== 0x24) return this.fail(ERR_EXPECTED_DOLLAR);
    const length = parseLength(bytes, start + 1, end, false);
    if (Number.isNaN(length) || length > this.maxBulkLen) return this.fail(ERR_BULK_LENGTH);
    this.bulkLength = length;
    this.bulkLeft = length + 2;
    this.bulkText = '';
    this.bulkParts = [];
    this.bulkPartsLength = 0;
    this.state = 'bulkData';
    return undefined;
  }

  /** The next line, up to its LF, into lineBytes/lineStart/lineEnd; false (keeping what there is) when it has not arrived. */
  private readLine(): boolean {
    while (this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const lf = chunk.indexOf(LF, this.pos);
      if (lf < 0) {
        this.lineParts.push(this.pos === 0 ? chunk : chunk.subarray(this.pos));
        this.lineLength += chunk.length - this.pos;
        this.dropChunk();
        // Bounded: a line this long is an error whenever its end arrives, so say so now.
        if (this.lineLength > this.inlineMax + 2) {
          const first = this.lineParts[0]![0];
          if (this.state === 'bulkLen') this.fail(first === 0x24 ? ERR_BULK_LENGTH : ERR_EXPECTED_DOLLAR);
          else this.fail(first === 0x2a ? ERR_MULTIBULK_LENGTH : ERR_BULK_LENGTH);
          return false;
        }
        continue;
      }
      const start = this.pos;
      this.pos = lf + 1;
      if (this.pos === chunk.length) this.dropChunk();
      if (this.lineParts.length === 0) {
        this.lineBytes = chunk;
        this.lineStart = start;
        this.lineEnd = lf;
        return true;
      }
      this.lineParts.push(chunk.subarray(start, lf));
      this.lineBytes = concat(this.lineParts, this.lineLength + lf - start);
      this.lineStart = 0;
      this.lineEnd = this.lineBytes.length;
      this.lineParts = [];
      this.lineLength = 0;
      return true;
    }
    return false;
  }

  private addArg(arg: string): void {
    if (this.argsRead === this.args.length) {
      // ARGS_RESERVED arguments did come: the rest are likely to, so the array is made whole once.
      const whole = new Array<string>(this.argsRead + this.argsLeft);
      for (let i = 0; i < this.argsRead; i++) whole[i] = this.args[i]!;
      this.args = whole;
    }
    this.args[this.argsRead++] = arg;
  }

  /** Takes the current bulk's bytes as they come; true once all of them (and the two after) are in. */
  private readBulk(): boolean {
    // The common case: the whole bulk and its CRLF in the current chunk.
    const first = this.chunks[0];
    if (this.bulkLeft === this.bulkLength + 2 && first !== undefined && first.length - this.pos >= this.bulkLeft) {
      const start = this.pos;
      this.pos += this.bulkLeft;
      this.bulkLeft = 0;
      this.addArg(this.bulkLength === 0 ? '' : this.decode(first, start, start + this.bulkLength));
      if (this.pos === first.length) this.dropChunk();
      return true;
    }
    while (this.bulkLeft > 0 && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const take = Math.min(this.bulkLeft, chunk.length - this.pos);
      // The two bytes after the data are dropped unchecked, as Tokenize drains bulk_len_ + 2.
      const dataLeft = this.bulkLeft - 2;
      const data = Math.min(take, Math.max(0, dataLeft));
      if (data > 0) {
        this.bulkParts.push(chunk.subarray(this.pos, this.pos + data));
        this.bulkPartsLength += data;
        if (this.bulkPartsLength >= DECODE_BLOCK) this.decodeParts();
      }
      this.pos += take;
      this.bulkLeft -= take;
      if (this.pos === chunk.length) this.dropChunk();
    }
    if (this.bulkLeft > 0) return false;
    this.decodeParts();
    this.addArg(this.bulkText);
    this.bulkText = '';
    return true;
  }

  private decodeParts(): void {
    const length = this.bulkPartsLength;
    if (length === 0) return;
    // Copied into one scratch buffer (allocating a block each time adds collector work, see above).
    const whole = this.bulkParts.length > 1 && length <= 2 * DECODE_BLOCK ? concatInto(scratch(), this.bulkParts) : concat(this.bulkParts, length);
    this.bulkText += this.decode(whole, 0, length);
    this.bulkParts = [];
    this.bulkPartsLength = 0;
  }

  private dropChunk(): void {
    this.chunks.shift();
    this.pos = 0;
  }
}
