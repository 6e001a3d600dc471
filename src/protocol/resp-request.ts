/**
 * Kvrocks' request tokenizer as a streaming reader: bytes go in as they arrive, whole commands
 * (arrays of byte strings, protocol/bytes.ts) come out. Every byte is looked at once: a partial
 * line or bulk is kept as references to the chunks it came in, never re-parsed, and a bulk's
 * bytes are decoded once, when the last of them arrives.
 * // K-2024 src/server/redis_request.cc Request::Tokenize (states ArrayLen, BulkLen, BulkData)
 */
import { bytesToString } from './bytes.ts';

/** K-2024 src/server/redis_request.h. */
export const PROTO_INLINE_MAX_SIZE = 16 * 1024;
export const PROTO_MULTI_MAX_SIZE = 1024 * 1024;

export const ERR_MULTIBULK_LENGTH = 'ERR Protocol error: invalid multibulk length';
/** Also what an inline line over 16 KB gets (Tokenize reuses the message). */
export const ERR_BULK_LENGTH = 'ERR Protocol error: invalid bulk length';
export const ERR_EXPECTED_DOLLAR = "ERR Protocol error: expected '$'";

export interface RequestLimits {
  /** `proto-max-bulk-len`, read for each bulk header, so CONFIG SET acts on the next one. */
  readonly maxBulkLen: () => number;
  readonly inlineMax?: number;
  readonly multibulkMax?: number;
}

/** A complete command, a protocol error (the connection then closes after it), or null for "need more bytes". */
export type NextRequest = string[] | { readonly error: string } | null;

/** Turns the pieces of one bulk into its byte string (Node passes a Buffer-based one). */
export type BulkDecoder = (parts: readonly Uint8Array[], length: number) => string;

const LF = 0x0a;
const CR = 0x0d;

// Kvrocks' ParseInt: strtoll/strtoull, leading C isspace() and a sign allowed, nothing after the digits.
const SIGNED = /^[ \t\n\v\f\r]*[+-]?\d+$/;
const UNSIGNED = /^[ \t\n\v\f\r]*\+?\d+$/;

export const decodeBulk: BulkDecoder = (parts, length) => {
  if (parts.length === 1) return bytesToString(parts[0]!);
  const whole = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return bytesToString(whole);
};

export class RequestReader {
  private readonly chunks: Uint8Array[] = [];
  /** Read position in chunks[0]. */
  private pos = 0;
  private state: 'arrayLen' | 'bulkLen' | 'bulkData' = 'arrayLen';
  /** The line read so far when it spans chunks. */
  private lineParts: Uint8Array[] = [];
  private lineLength = 0;
  private args: string[] = [];
  private argsLeft = 0;
  private bulkLength = 0;
  private bulkParts: Uint8Array[] = [];
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
    if (chunk.length > 0 && this.failed === null) this.chunks.push(chunk);
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
          return command;
        }
        this.state = 'bulkLen';
        continue;
      }
      const line = this.readLine();
      if (line === null) return this.failed === null ? null : { error: this.failed };
      const outcome = this.state === 'arrayLen' ? this.onArrayLine(line) : this.onBulkLenLine(line);
      if (outcome !== undefined) return outcome;
    }
  }

  private fail(error: string): { error: string } {
    this.failed = error;
    this.chunks.length = 0;
    return { error };
  }

  /** ArrayLen: `*<count>` opens a multibulk, anything else is an inline command. */
  private onArrayLine(raw: Uint8Array): NextRequest | undefined {
    const onlyLf = raw.length === 0 || raw[raw.length - 1] !== CR;
    const line = onlyLf ? raw : raw.subarray(0, raw.length - 1);
    if (line.length === 0) return undefined; // empty lines are skipped
    if (line[0] === 0x2a) {
      const text = bytesToString(line.subarray(1));
      if (!SIGNED.test(text)) return this.fail(ERR_MULTIBULK_LENGTH);
      const count = Number(text);
      if (onlyLf || count > this.multibulkMax) return this.fail(ERR_MULTIBULK_LENGTH);
      if (count <= 0) return undefined;
      this.argsLeft = count;
      this.state = 'bulkLen';
      return undefined;
    }
    if (line.length > this.inlineMax) return this.fail(ERR_BULK_LENGTH);
    // Inline commands are split on spaces and tabs only, no quoting (util::Split(line, " \t")).
    const tokens = bytesToString(line)
      .split(/[ \t]+/)
      .filter((token) => token !== '');
    return tokens.length === 0 ? undefined : tokens;
  }

  /** BulkLen: `$<length>`, CRLF-terminated (EVBUFFER_EOL_CRLF_STRICT). */
  private onBulkLenLine(raw: Uint8Array): NextRequest | undefined {
    if (raw.length === 0 || raw[raw.length - 1] !== CR) {
      // A bare LF does not end the line: what came before it starts a longer, invalid one.
      return this.fail(raw[0] === 0x24 ? ERR_BULK_LENGTH : ERR_EXPECTED_DOLLAR);
    }
    const line = raw.subarray(0, raw.length - 1);
    if (line.length === 0) return undefined;
    if (line[0] !== 0x24) return this.fail(ERR_EXPECTED_DOLLAR);
    const text = bytesToString(line.subarray(1));
    if (!UNSIGNED.test(text)) return this.fail(ERR_BULK_LENGTH);
    const length = Number(text);
    if (length > this.limits.maxBulkLen()) return this.fail(ERR_BULK_LENGTH);
    this.bulkLength = length;
    this.bulkLeft = length + 2;
    this.bulkParts = [];
    this.state = 'bulkData';
    return undefined;
  }

  /** Up to and including the next LF, or null (keeping what there is) when it has not arrived. */
  private readLine(): Uint8Array | null {
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
          if (this.state === 'bulkLen') return (this.fail(first === 0x24 ? ERR_BULK_LENGTH : ERR_EXPECTED_DOLLAR), null);
          return (this.fail(first === 0x2a ? ERR_MULTIBULK_LENGTH : ERR_BULK_LENGTH), null);
        }
        continue;
      }
      const piece = chunk.subarray(this.pos, lf);
      this.pos = lf + 1;
      if (this.pos === chunk.length) this.dropChunk();
      if (this.lineParts.length === 0) return piece;
      this.lineParts.push(piece);
      const whole = new Uint8Array(this.lineLength + piece.length);
      let at = 0;
      for (const part of this.lineParts) {
        whole.set(part, at);
        at += part.length;
      }
      this.lineParts = [];
      this.lineLength = 0;
      return whole;
    }
    return null;
  }

  /** Takes the current bulk's bytes as they come; true once all of them (and the two after) are in. */
  private readBulk(): boolean {
    while (this.bulkLeft > 0 && this.chunks.length > 0) {
      const chunk = this.chunks[0]!;
      const take = Math.min(this.bulkLeft, chunk.length - this.pos);
      // The two bytes after the data are dropped unchecked, as Tokenize drains bulk_len_ + 2.
      const dataLeft = this.bulkLeft - 2;
      const data = Math.min(take, Math.max(0, dataLeft));
      if (data > 0) this.bulkParts.push(chunk.subarray(this.pos, this.pos + data));
      this.pos += take;
      this.bulkLeft -= take;
      if (this.pos === chunk.length) this.dropChunk();
    }
    if (this.bulkLeft > 0) return false;
    this.args.push(this.bulkLength === 0 ? '' : this.decode(this.bulkParts, this.bulkLength));
    this.bulkParts = [];
    return true;
  }

  private dropChunk(): void {
    this.chunks.shift();
    this.pos = 0;
  }
}
