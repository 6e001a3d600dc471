/**
 * RESP2 on the wire for `kvlab serve`: a streaming request parser (multibulk and inline commands,
 * as a Redis/Kvrocks server accepts them) and the reply serialiser.
 */
import { splitArgs } from '../kvrocks/args.ts';
import type { Reply } from '../protocol/reply.ts';

const CRLF = '\r\n';

export function encodeReply(reply: Reply): string {
  switch (reply.type) {
    case 'status':
      return `+${reply.text}${CRLF}`;
    case 'error':
      return `-${reply.text}${CRLF}`;
    case 'integer':
      return `:${reply.value}${CRLF}`;
    case 'bulk':
      return `$${Buffer.byteLength(reply.text)}${CRLF}${reply.text}${CRLF}`;
    case 'nil':
      return `$-1${CRLF}`;
    case 'array':
      return `*${reply.items.length}${CRLF}${reply.items.map(encodeReply).join('')}`;
  }
}

/** Feeds bytes in, takes whole commands out; a protocol error is reported once and ends the stream. */
export class RespReader {
  private buffer: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
  }

  /** The next complete command, null when more bytes are needed, or an error for bad input. */
  next(): string[] | { error: string } | null {
    if (this.buffer.length === 0) return null;
    return this.buffer[0] === 0x2a ? this.multibulk() : this.inline();
  }

  private line(from: number): { text: string; end: number } | null {
    const at = this.buffer.indexOf(CRLF, from);
    return at < 0 ? null : { text: this.buffer.toString('utf8', from, at), end: at + 2 };
  }

  private inline(): string[] | { error: string } | null {
    const at = this.buffer.indexOf('\n');
    if (at < 0) return null;
    const text = this.buffer.toString('utf8', 0, at).replace(/\r$/, '');
    this.buffer = this.buffer.subarray(at + 1);
    const split = splitArgs(text);
    return split.ok ? split.args : { error: 'ERR Protocol error: unbalanced quotes in request' };
  }

  private multibulk(): string[] | { error: string } | null {
    const head = this.line(1);
    if (!head) return null;
    const count = Number(head.text);
    if (!/^-?\d+$/.test(head.text) || count > 1024 * 1024) return { error: 'ERR Protocol error: invalid multibulk length' };
    const args: string[] = [];
    let pos = head.end;
    for (let i = 0; i < count; i++) {
      if (pos >= this.buffer.length) return null;
      if (this.buffer[pos] !== 0x24) return { error: `ERR Protocol error: expected '$', got '${String.fromCharCode(this.buffer[pos]!)}'` };
      const len = this.line(pos + 1);
      if (!len) return null;
      const size = Number(len.text);
      if (!/^\d+$/.test(len.text) || size > 512 * 1024 * 1024) return { error: 'ERR Protocol error: invalid bulk length' };
      if (len.end + size + 2 > this.buffer.length) return null;
      args.push(this.buffer.toString('utf8', len.end, len.end + size));
      pos = len.end + size + 2;
    }
    this.buffer = this.buffer.subarray(pos);
    return args;
  }
}
