/**
 * `kvlab serve`: every simulated node listens on a real loopback port and speaks RESP, so
 * redis-cli and Redis clients can drive the model. Virtual time follows the wall clock
 * (times --speed); this face is not deterministic, the engine under it is.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { BehaviourMode } from '../kvrocks/mode.ts';
import type { KvrocksNode } from '../kvrocks/node/node.ts';
import { error } from '../protocol/reply.ts';
import { World } from '../kvrocks/world.ts';
import { encodeReply, RespReader } from './resp.ts';

export interface ServeOptions {
  readonly nodes: number;
  readonly mode: BehaviourMode;
  readonly seed: number | string;
  /** The first real port; node i listens on basePort + i. Default: the model's own 30001. */
  readonly basePort: number;
  readonly speed: number;
}

export interface Served {
  readonly world: World;
  readonly ports: readonly number[];
  close(): Promise<void>;
}

/** How often virtual time catches up with the wall clock. */
const TICK_MS = 10;

export async function serve(options: ServeOptions): Promise<Served> {
  const world = new World({ nodes: options.nodes, seed: options.seed, mode: options.mode });
  const servers: Server[] = [];
  /** Each open client socket and the process incarnation it was accepted by. */
  const sockets = new Map<Socket, { node: KvrocksNode; generation: number }>();
  for (const [i, node] of world.nodes.entries()) {
    const server = createServer((socket) => handle(world, node, socket, sockets));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.basePort + i, '127.0.0.1', () => resolve());
    });
    servers.push(server);
  }
  const started = performance.now();
  const timer = setInterval(() => {
    world.runUntil(Math.max(world.now(), (performance.now() - started) * options.speed));
    // A process that died closed its sockets: the kernel sends FIN to the clients.
    for (const [socket, at] of sockets) if (!at.node.running || at.node.bootGeneration !== at.generation) socket.destroy();
  }, TICK_MS);
  return {
    world,
    ports: world.nodes.map((_, i) => options.basePort + i),
    close: async () => {
      clearInterval(timer);
      for (const socket of sockets.keys()) socket.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

function handle(world: World, node: KvrocksNode, socket: Socket, sockets: Map<Socket, { node: KvrocksNode; generation: number }>): void {
  // A crashed process has no listener: the connection is dropped at once.
  if (!node.running) return void socket.destroy();
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
  const reader = new RespReader();
  // Commands run one after another per connection; one that blocks (an exclusive command joining
  // a replication thread, S11) holds its reply, and every later one, until virtual time has passed.
  const drain = async (): Promise<void> => {
    for (let argv = reader.next(); argv !== null; argv = reader.next()) {
      if ('error' in argv) {
        socket.end(encodeReply(error(argv.error)));
        return;
      }
      if (argv.length === 0) continue;
      // Another connection's exclusive command holds the node: wait for it.
      if (node.lock.isHeld()) await virtualTime(world, node.lock.heldUntil);
      // The process this connection was made to is gone: the kernel closed the socket.
      if (!node.running || node.bootGeneration !== generation) return void socket.destroy();
      if (argv[0]!.toLowerCase() === 'quit') return void socket.end('+OK\r\n');
      let reply = world.exec(node, client, argv);
      const wait = node.lock.callerWaitMs;
      if (wait > 0) await virtualTime(world, world.now() + wait);
      // A blocking command (CLUSTERX MIGRATE ... sync) answers once virtual time brings its outcome.
      const blocked = client.blocked;
      if (reply === null && blocked) {
        client.blocked = null;
        reply = await new Promise((resolve) => blocked.whenDone(resolve));
      }
      if (reply && !socket.destroyed) socket.write(encodeReply(reply));
      // Killed by its own CLIENT KILL: the reply goes out, then the server closes (kCloseAfterReply).
      if (client.closed) return void socket.end();
    }
  };
  let queue = Promise.resolve();
  socket.on('data', (chunk: Buffer) => {
    reader.push(chunk);
    queue = queue.then(drain);
  });
}

/** Resolves once the world's virtual clock (driven by the wall clock) has reached `time`. */
function virtualTime(world: World, time: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => (world.now() >= time ? resolve() : setTimeout(check, TICK_MS));
    check();
  });
}
