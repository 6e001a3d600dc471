/**
 * `kvlab serve`: every simulated node listens on a real loopback port and speaks RESP, so
 * redis-cli and Redis clients can drive the model. Node i is at basePort + i inside the model too,
 * so every address a node advertises (CLUSTER NODES/SLOTS, MOVED, INFO) is one served here.
 * Virtual time follows the wall clock (times --speed); this face is not deterministic, the engine
 * under it is.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { BehaviourMode } from '../kvrocks/mode.ts';
import type { KvrocksNode } from '../kvrocks/node/node.ts';
import { World } from '../kvrocks/world.ts';
import { ServedConnection, TICK_MS } from './served-connection.ts';

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
/** About how many bytes each node's WAL keeps at most (storage.ts walBytesLimit), whatever the batches. */
export const WAL_BYTES_LIMIT = 64 * 1024 * 1024;
/** Idle work per tick (ms) on what huge writes left to apply. */
const SETTLE_MS = 2;

export interface Served {
  readonly world: World;
  readonly ports: readonly number[];
  close(): Promise<void>;
}

/** A listen that failed: which port and why, in words a person can act on. */
export class ListenError extends Error {}

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
  for (const node of world.nodes) {
    node.storage.walLimit = options.walLimit ?? DEFAULT_WAL_LIMIT;
    node.storage.walBytesLimit = WAL_BYTES_LIMIT;
  }
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
    const until = performance.now() + SETTLE_MS;
    settleKeyspaces(world, () => performance.now() > until);
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

/**
 * A huge write is applied to each shard of a keyspace when next read (data/keyspace.ts); idle
 * ticks apply the rest, node after node, a shard at a time until `enough()`.
 */
export function settleKeyspaces(world: World, enough: () => boolean): void {
  for (const node of world.nodes) if (node.storage.keys.settleSome(enough)) return;
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
