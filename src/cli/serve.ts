/**
 * `kvlab serve`: every simulated node listens on a real loopback port and speaks RESP, so
 * redis-cli and Redis clients can drive the model. Node i is at basePort + i inside the model too,
 * so every address a node advertises (CLUSTER NODES/SLOTS, MOVED, INFO) is one served here.
 * Virtual time follows the wall clock (times --speed); this face is not deterministic, the engine
 * under it is.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { BehaviourMode } from '../kvrocks/mode.ts';
import type { ClientConn } from '../kvrocks/node/client.ts';
import type { KvrocksNode } from '../kvrocks/node/node.ts';
import type { Preparation, Prepared } from '../kvrocks/commands/prepared.ts';
import { error, type Reply } from '../protocol/reply.ts';
import { encodeReply } from '../protocol/resp-reply.ts';
import { RequestReader } from '../protocol/resp-request.ts';
import { World } from '../kvrocks/world.ts';
import { bufferBulkDecoder } from './resp.ts';

export interface ServeOptions {
  readonly nodes: number;
  readonly mode: BehaviourMode;
  readonly seed: number | string;
  /** The first real port; node i listens on basePort + i and is at 127.0.0.1:basePort+i in the model. */
  readonly basePort: number;
  readonly speed: number;
  /** Trace entries kept (a ring; older ones are dropped). */
  readonly traceLimit?: number;
  /** WAL batches each node keeps at most; a replica further behind needs a full sync. */
  readonly walLimit?: number;
}

export const DEFAULT_TRACE_LIMIT = 1_000;
export const DEFAULT_WAL_LIMIT = 20_000;

export interface Served {
  readonly world: World;
  readonly ports: readonly number[];
  close(): Promise<void>;
}

/** A listen that failed: which port and why, in words a person can act on. */
export class ListenError extends Error {}

/** How often virtual time catches up with the wall clock. */
const TICK_MS = 10;
/** Work on one connection yields to the others after this long (ms). */
const SLICE_MS = 4;
/** A command with more arguments than this computes its result in slices before it runs. */
const PREPARE_ABOVE = 50_000;
/** Commands parsed and not yet run before a connection stops reading (backpressure). */
const MAX_PENDING = 4096;
/** Chunks received and not yet parsed before a connection stops reading. */
const MAX_UNREAD = 64;

interface Accepted {
  readonly node: KvrocksNode;
  readonly generation: number;
}

export async function serve(options: ServeOptions): Promise<Served> {
  const world = new World({ nodes: options.nodes, seed: options.seed, mode: options.mode, basePort: options.basePort });
  const traceLimit = options.traceLimit ?? DEFAULT_TRACE_LIMIT;
  // A ring: a long-running server keeps only the newest entries (0 keeps none).
  if (traceLimit === 0) world.sim.trace.keep = false;
  else world.sim.trace.limit = traceLimit;
  for (const node of world.nodes) node.storage.walLimit = options.walLimit ?? DEFAULT_WAL_LIMIT;
  const servers: Server[] = [];
  const sockets = new Map<Socket, Accepted>();
  try {
    for (const node of world.nodes) servers.push(await listen(node.port, (socket) => handle(world, node, socket, sockets)));
  } catch (e) {
    // No half-started server: what did open is closed again, and no clock was started.
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    throw e;
  }
  const started = performance.now();
  const timer = setInterval(() => {
    world.runUntil(Math.max(world.now(), (performance.now() - started) * options.speed));
    // A process that died closed its sockets: the kernel sends FIN to the clients.
    for (const [socket, at] of sockets) if (!at.node.running || at.node.bootGeneration !== at.generation) socket.destroy();
  }, TICK_MS);
  return {
    world,
    ports: world.nodes.map((node) => node.port),
    close: async () => {
      clearInterval(timer);
      for (const socket of sockets.keys()) socket.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

function listen(port: number, onConnection: (socket: Socket) => void): Promise<Server> {
  const server = createServer({ noDelay: true }, onConnection);
  return new Promise((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'EADDRINUSE' ? 'is already in use' : e.code === 'EACCES' ? 'is not allowed' : `failed (${e.message})`;
      reject(new ListenError(`127.0.0.1:${port} ${why}${e.code ? ` (${e.code})` : ''}`));
    });
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function handle(world: World, node: KvrocksNode, socket: Socket, sockets: Map<Socket, Accepted>): void {
  // A crashed process has no listener: the connection is dropped at once.
  if (!node.running) return void socket.destroy();
  socket.setNoDelay(true);
  const generation = node.bootGeneration;
  sockets.set(socket, { node, generation });
  const client = node.localClient();
  // CLIENT KILL from another connection closes this one; a closed socket stops counting.
  client.hangUp = () => socket.destroy();
  socket.on('close', () => {
    sockets.delete(socket);
    if (!client.closed && node.bootGeneration === generation) node.closeClient(client);
  });
  socket.on('error', () => socket.destroy());
  const connection = new ServedConnection(world, node, client, socket, generation);
  socket.on('data', (chunk: Buffer) => connection.received(chunk));
}

/**
 * One client connection: commands are parsed as bytes arrive, run one after another, and the
 * replies to what one read brought are written together.
 */
class ServedConnection {
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
    // Parsed in the run loop, not here: libuv reads up to 32 chunks in one turn of the event loop,
    // and parsing them all at once (2 MB of small arguments) would hold every other client ~40 ms.
    this.unread.push(chunk);
    if (this.unread.length > MAX_UNREAD) this.socket.pause();
    if (!this.running) void this.run();
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
        steps = 0; // a chunk is a step worth a time check
      } else break;
      if ((steps & 15) === 0 && performance.now() - sliceStart > SLICE_MS) {
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

  private answer(reply: Reply | null): boolean {
    const { client, socket } = this;
    if (reply) this.out += encodeReply(reply, client.protocol);
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
