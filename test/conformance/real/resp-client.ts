/**
 * A RESP2 client for the conformance harness: one TCP connection to a real Kvrocks node, commands
 * sent one at a time (as redis-cli does), replies parsed into the model's typed Reply values so
 * both sides are rendered by the same redis-cli renderer.
 */
import { Socket } from 'node:net';
import type { Reply } from '../../../src/protocol/reply.ts';

/** Why a connection could not be made, in redis-cli's words (hiredis errstr). */
export class ConnectError extends Error {}

/** The server closed the connection before (or while) answering. */
export class ClosedError extends Error {
  constructor() {
    super('Server closed the connection');
  }
}

/** Encodes a command as a RESP multibulk of the argument bytes (what redis-cli sends). */
export function encodeCommand(argv: readonly string[]): Buffer {
  const parts: Buffer[] = [Buffer.from(`*${argv.length}\r\n`)];
  for (const arg of argv) {
    const bytes = Buffer.from(arg, 'latin1');
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from('\r\n'));
  }
  return Buffer.concat(parts);
}

type Parsed = { reply: Reply; end: number } | null;

/** Parses one reply from `buf` at `at`; null when more bytes are needed. */
export function parseReply(buf: Buffer, at = 0): Parsed {
  const eol = buf.indexOf('\r\n', at);
  if (eol < 0) return null;
  const kind = String.fromCharCode(buf[at]!);
  const head = buf.toString('latin1', at + 1, eol);
  const next = eol + 2;
  switch (kind) {
    case '+':
      return { reply: { type: 'status', text: head }, end: next };
    case '-':
      return { reply: { type: 'error', text: head }, end: next };
    case ':':
      return { reply: { type: 'integer', value: Number(head) }, end: next };
    case '$': {
      const size = Number(head);
      if (size < 0) return { reply: { type: 'nil' }, end: next };
      if (buf.length < next + size + 2) return null;
      return { reply: { type: 'bulk', text: buf.toString('latin1', next, next + size) }, end: next + size + 2 };
    }
    case '*': {
      const count = Number(head);
      if (count < 0) return { reply: { type: 'nil' }, end: next };
      const items: Reply[] = [];
      let pos = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, pos);
        if (!item) return null;
        items.push(item.reply);
        pos = item.end;
      }
      return { reply: { type: 'array', items }, end: pos };
    }
    default:
      throw new Error(`protocol error: unexpected reply type byte ${JSON.stringify(kind)}`);
  }
}

export class RespConnection {
  /** The peer closed its side (FIN) or the socket failed; redis-cli notices at the next command. */
  closed = false;
  private buffer: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | null = null;

  private constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const onGone = () => {
      this.closed = true;
      this.waiting?.reject(new ClosedError());
      this.waiting = null;
    };
    socket.on('end', onGone);
    socket.on('close', onGone);
    socket.on('error', onGone);
  }

  static connect(host: string, port: number, timeoutMs = 3000): Promise<RespConnection> {
    return new Promise((resolve, reject) => {
      const socket = new Socket();
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new ConnectError('Connection timed out'));
      }, timeoutMs);
      socket.once('error', (e: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        reject(new ConnectError(e.code === 'ECONNREFUSED' ? 'Connection refused' : e.message));
      });
      socket.connect(port, host, () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        resolve(new RespConnection(socket));
      });
    });
  }

  /** Sends one command and waits for its whole reply. */
  command(argv: readonly string[]): Promise<Reply> {
    if (this.closed) return Promise.reject(new ClosedError());
    if (this.waiting) return Promise.reject(new Error('one command at a time'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(encodeCommand(argv));
    });
  }

  close(): void {
    this.closed = true;
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    if (!this.waiting) return;
    const parsed = parseReply(this.buffer);
    if (!parsed) return;
    this.buffer = this.buffer.subarray(parsed.end);
    const { resolve } = this.waiting;
    this.waiting = null;
    resolve(parsed.reply);
  }
}
