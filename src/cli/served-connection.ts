/**
 * One client connection of `kvlab serve` (serve.ts): commands are parsed as bytes arrive, run one
 * after another, and the replies to what one read brought are written together. Long work on one
 * connection (a huge request or reply) is done in slices, so the others are served in between.
 */
import type { Socket } from 'node:net';
import type { ClientConn } from '../kvrocks/node/client.ts';
import type { KvrocksNode } from '../kvrocks/node/node.ts';
import type { Preparation, Prepared } from '../kvrocks/commands/prepared.ts';
import type { World } from '../kvrocks/world.ts';
import { error, type Reply } from '../protocol/reply.ts';
import { encodeReply, encodeReplyPieces, PIECE_ITEMS } from '../protocol/resp-reply.ts';
import { RequestReader } from '../protocol/resp-request.ts';
import { bufferBulkDecoder } from './resp.ts';

/** How often virtual time catches up with the wall clock (serve.ts), and a wait for it looks. */
export const TICK_MS = 10;
/** Work on one connection yields to the others after this long (ms). */
const SLICE_MS = 2;
/** A command with more arguments than this computes its result in slices before it runs. */
const PREPARE_ABOVE = 50_000;
/** Commands parsed and not yet run before a connection stops reading (backpressure). */
const MAX_PENDING = 4096;
/** Received bytes are parsed this many at a time, so a time check comes at least this often. */
const PARSE_PIECE = 8 * 1024;
/** Pieces received and not yet parsed before a connection stops reading (4 MB). */
const MAX_UNREAD = 256;

export class ServedConnection {
  private readonly reader: RequestReader;
  /** Chunks received and not parsed yet. */
  private readonly unread: Buffer[] = [];
  private pending: (readonly string[])[] = [];
  private head = 0;
  private protocolError: string | null = null;
  private running = false;
  private out = '';

  constructor(
    private readonly world: World,
    private readonly node: KvrocksNode,
    private readonly client: ClientConn,
    private readonly socket: Socket,
    private readonly generation: number,
  ) {
    this.reader = new RequestReader({ maxBulkLen: () => node.config.protoMaxBulkLen }, bufferBulkDecoder);
  }

  received(chunk: Buffer): void {
    if (this.protocolError !== null) return;
    const small = chunk.length <= PARSE_PIECE;
    for (let at = 0; at < chunk.length; at += PARSE_PIECE) this.unread.push(small ? chunk : chunk.subarray(at, at + PARSE_PIECE));
    if (this.unread.length > MAX_UNREAD) this.socket.pause();
    if (this.running) return;
    // A small read is answered at once. A large one is parsed after this turn's reads: libuv reads
    // up to 32 chunks of 64 KB from one socket in a turn, and parsing them as they come (2 MB of
    // small arguments) would hold every other client for tens of ms before any time check.
    if (small && this.unread.length === 1) void this.run();
    else {
      this.running = true;
      setImmediate(() => void this.run());
    }
  }

  /** Parses what one read brought into pending commands. */
  private parse(chunk: Buffer): void {
    this.reader.push(chunk);
    const batch: (readonly string[])[] = [];
    for (let next = this.reader.next(); next !== null; next = this.reader.next()) {
      if ('error' in next) {
        // Tokenize fails before ExecuteCommands: what this read brought is not run (redis_connection.cc OnRead).
        this.protocolError = next.error;
        this.unread.length = 0;
        batch.length = 0;
        break;
      }
      batch.push(next);
    }
    for (const argv of batch) this.pending.push(argv);
    if (this.pending.length - this.head > MAX_PENDING) this.socket.pause();
  }

  private async run(): Promise<void> {
    this.running = true;
    let sliceStart = performance.now();
    for (let steps = 1; ; steps++) {
      let timeCheck = (steps & 15) === 0;
      if (this.head < this.pending.length) {
        const argv = this.pending[this.head++]!;
        // Most commands answer at once; only a wait for virtual time goes through a promise.
        let alive = this.execute(argv);
        if (alive instanceof Promise) alive = await alive;
        if (!alive) return;
      } else if (this.unread.length > 0) {
        this.pending = [];
        this.head = 0;
        this.parse(this.unread.shift()!);
        timeCheck = true; // a piece of up to 16 KB is a step worth a time check
      } else break;
      if (timeCheck && performance.now() - sliceStart > SLICE_MS) {
        // Long work on one connection lets the others in between.
        this.flush();
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    this.pending = [];
    this.head = 0;
    if (this.protocolError !== null) {
      this.out += encodeReply(error(this.protocolError), this.client.protocol);
      this.flush();
      this.socket.end();
      return;
    }
    this.flush();
    this.socket.resume();
    this.running = false;
  }

  /** Runs one command and queues its reply; false once the connection is gone. */
  private execute(argv: readonly string[]): boolean | Promise<boolean> {
    // Kvrocks runs a command on a worker thread while others are served; here a huge one computes
    // its result in slices first (kvrocks/commands/prepared.ts), and runs when that is done.
    const work = argv.length > PREPARE_ABOVE && this.node.running ? this.world.prepare(this.node, argv) : null;
    return work ? this.prepareThenExecute(work, argv) : this.executeWhenFree(argv);
  }

  /** Drives a preparation between the other connections' turns; this connection's next commands wait. */
  private async prepareThenExecute(work: Preparation, argv: readonly string[]): Promise<boolean> {
    this.flush();
    let sliceStart = performance.now();
    let step = work.next();
    while (!step.done) {
      if (performance.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
      step = work.next();
    }
    return this.executeWhenFree(argv, step.value ?? undefined);
  }

  private executeWhenFree(argv: readonly string[], prepared?: Prepared): boolean | Promise<boolean> {
    const { world, node } = this;
    // Another connection's exclusive command holds the node: wait for it.
    if (node.lock.isHeld()) {
      this.flush();
      return virtualTime(world, node.lock.heldUntil).then(() => this.executeNow(argv, prepared));
    }
    return this.executeNow(argv, prepared);
  }

  private executeNow(argv: readonly string[], prepared?: Prepared): boolean | Promise<boolean> {
    const { world, node, client, socket } = this;
    // The process this connection was made to is gone: the kernel closed the socket.
    if (!node.running || node.bootGeneration !== this.generation || socket.destroyed) {
      socket.destroy();
      return false;
    }
    const reply: Reply | null = world.exec(node, client, argv, prepared);
    const wait = node.lock.callerWaitMs;
    const blocked = reply === null ? client.blocked : null;
    if (wait > 0 || blocked) return this.later(reply, wait);
    return this.answer(reply);
  }

  /** A reply that waits: for the thread join its command made, or a blocking command's outcome. */
  private async later(reply: Reply | null, wait: number): Promise<boolean> {
    const { world, client } = this;
    this.flush();
    if (wait > 0) await virtualTime(world, world.now() + wait);
    // A blocking command (CLUSTERX MIGRATE ... sync) answers once virtual time brings its outcome.
    const blocked = client.blocked;
    if (reply === null && blocked) {
      client.blocked = null;
      reply = await new Promise<Reply | null>((resolve) => blocked.whenDone(resolve));
    }
    return this.answer(reply);
  }

  private answer(reply: Reply | null): boolean | Promise<boolean> {
    const { client } = this;
    if (reply?.type === 'array' && reply.items.length > PIECE_ITEMS) return this.answerInSlices(reply);
    if (reply) this.out += encodeReply(reply, client.protocol);
    return this.answered();
  }

  /** A huge reply (a million-key MGET) is encoded and written piece by piece between others' turns. */
  private async answerInSlices(reply: Reply): Promise<boolean> {
    let sliceStart = performance.now();
    for (const piece of encodeReplyPieces(reply, this.client.protocol)) {
      this.out += piece;
      if (performance.now() - sliceStart > SLICE_MS) {
        this.flush();
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
    return this.answered();
  }

  private answered(): boolean {
    const { client, socket } = this;
    // Killed by its own CLIENT KILL, or QUIT: the reply goes out, then the server closes (kCloseAfterReply).
    if (client.closed) {
      this.flush();
      socket.end();
      return false;
    }
    return true;
  }

  /** One write for every reply queued so far; a client that does not read stops our reading. */
  private flush(): void {
    if (this.out === '' || this.socket.destroyed) return void (this.out = '');
    const drained = this.socket.write(Buffer.from(this.out, 'latin1'));
    this.out = '';
    if (!drained) {
      this.socket.pause();
      this.socket.once('drain', () => this.socket.resume());
    }
  }
}

/** Resolves once the world's virtual clock (driven by the wall clock) has reached `time`. */
function virtualTime(world: World, time: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (world.now() >= time ? resolve() : setTimeout(check, TICK_MS));
    check();
  });
}
