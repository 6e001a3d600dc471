/**
 * A simulated TCP network between named hosts. Connections are ordered and reliable; a partition
 * holds packets (TCP retransmits) until healed; a closed end answers data with RST; FIN reaches the
 * peer as EOF. Latency is per link, drawn once from the seeded RNG.
 */
import type { SimClock } from './clock.ts';
import type { Rng } from './rng.ts';
import type { Trace } from './trace.ts';

export type CloseReason = 'eof' | 'reset' | 'timeout';

export interface SocketHandlers<M> {
  onMessage(message: M): void;
  onClose(reason: CloseReason): void;
  /** Whether receiving `message` now would change nothing but when this end last heard its peer. */
  absorbsQuietly?(message: M): boolean;
  /** `count` such messages arrived, the last at `lastArrival`: what receiving each would have done. */
  absorbQuietly?(count: number, lastArrival: number): void;
}

export interface ConnectHandlers<M> extends SocketHandlers<M> {
  onOpen(): void;
  onRefused(): void;
}

export type Acceptor<M> = (socket: Socket<M>) => SocketHandlers<M>;

/** TCP keepalive on outbound replication sockets: idle 120 s + 3 probes x 40 s (K-2024 util/socket). */
export const KEEPALIVE_DETECT_MS = 240_000;

/**
 * One-way latency of a link, as on the loopback interface the nodes share (127.0.0.1): tens of
 * microseconds. The real builds answer a handshake step in well under a millisecond.
 */
export const DEFAULT_MIN_LATENCY_MS = 0.05;
export const DEFAULT_MAX_LATENCY_MS = 0.15;

export interface NetworkOptions<M> {
  minLatencyMs?: number;
  maxLatencyMs?: number;
  /** A short label for the trace ("PSYNC 1", "batch 3-5", "ping"). */
  label: (message: M) => string;
}

type Packet<M> = { data: M } | { fin: true };

export class Socket<M> {
  handlers: SocketHandlers<M> | ConnectHandlers<M> | null = null;
  closed = false;
  /** The peer answered our data with RST: the next send fails (EPIPE). */
  reset = false;
  peer!: Socket<M>;
  held: Packet<M>[] = [];

  constructor(
    readonly net: Network<M>,
    readonly conn: number,
    readonly host: string,
    readonly address: string,
    readonly keepalive: boolean,
  ) {}

  /** Returns false when the write fails (the socket was closed or reset). */
  send(message: M): boolean {
    if (this.closed || this.reset) return false;
    this.net.transmit(this, { data: message });
    return true;
  }

  /** Close with FIN: the peer reads EOF once it arrives. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.net.transmit(this, { fin: true });
    this.net.release(this);
  }

  /** Forget the connection without a packet (a timed-out connect, a keepalive failure). */
  abort(): void {
    this.closed = true;
    this.net.release(this);
  }
}

export class Network<M> {
  private latencies = new Map<string, number>();
  private owners = new Map<string, string>();
  private listeners = new Map<string, Acceptor<M>>();
  /** Partitioned links, each with the epoch it started in (so stale keepalive timers are ignored). */
  private partitions = new Map<string, number>();
  private epoch = 0;
  private sockets = new Set<Socket<M>>();
  private connCount = 0;
  private readonly minLatency: number;
  private readonly maxLatency: number;

  constructor(
    private readonly clock: SimClock,
    private readonly rng: Rng,
    private readonly trace: Trace,
    private readonly options: NetworkOptions<M>,
  ) {
    this.minLatency = options.minLatencyMs ?? DEFAULT_MIN_LATENCY_MS;
    this.maxLatency = options.maxLatencyMs ?? DEFAULT_MAX_LATENCY_MS;
  }

  /** Declares that `address` (host:port) belongs to host `name`, listening or not. */
  bind(name: string, address: string): void {
    this.owners.set(address, name);
  }

  /** The host `address` belongs to, as declared with bind. */
  ownerOf(address: string): string | undefined {
    return this.owners.get(address);
  }

  listen(address: string, acceptor: Acceptor<M>): void {
    this.listeners.set(address, acceptor);
  }

  unlisten(address: string): void {
    this.listeners.delete(address);
  }

  latency(a: string, b: string): number {
    const key = linkKey(a, b);
    let ms = this.latencies.get(key);
    if (ms === undefined) {
      // One of 11 evenly spaced values in [min, max], drawn once per link.
      ms = this.minLatency + (this.rng.int(0, 10) * (this.maxLatency - this.minLatency)) / 10;
      this.latencies.set(key, ms);
    }
    return ms;
  }

  isPartitioned(a: string, b: string): boolean {
    return this.partitions.size > 0 && this.partitions.has(linkKey(a, b));
  }

  partition(a: string, b: string): void {
    const key = linkKey(a, b);
    if (this.partitions.has(key)) return;
    const epoch = ++this.epoch;
    this.partitions.set(key, epoch);
    for (const socket of this.sockets) {
      if (socket.keepalive && linkKey(socket.host, socket.peer.host) === key) this.armKeepalive(socket, key, epoch);
    }
  }

  heal(): void {
    this.partitions.clear();
    for (const socket of this.sockets) this.flushHeld(socket);
  }

  partitionList(): string[][] {
    return [...this.partitions.keys()].map((key) => key.split('|'));
  }

  /** Every socket of host `name` is closed by its kernel when the process dies: peers get FIN. */
  closeAllOf(name: string): void {
    for (const socket of this.sockets) if (socket.host === name && !socket.closed) socket.close();
  }

  connect(from: string, address: string, handlers: ConnectHandlers<M>, keepalive = false): Socket<M> {
    const conn = ++this.connCount;
    const target = this.owners.get(address) ?? address;
    const client = new Socket<M>(this, conn, from, address, keepalive);
    client.handlers = handlers;
    const server = new Socket<M>(this, conn, target, address, false);
    client.peer = server;
    server.peer = client;
    this.sockets.add(client);
    const oneWay = this.latency(from, target);
    this.traceMessage(client, server, 'SYN', oneWay);
    this.clock.schedule(() => this.arriveSyn(client, server, oneWay), oneWay);
    return client;
  }

  private arriveSyn(client: Socket<M>, server: Socket<M>, oneWay: number): void {
    if (client.closed || this.isPartitioned(client.host, server.host)) return;
    const acceptor = this.listeners.get(server.address);
    if (!acceptor) {
      this.clock.schedule(() => {
        server.closed = true;
        if (!client.closed) {
          client.abort();
          (client.handlers as ConnectHandlers<M>).onRefused();
        }
      }, oneWay);
      return;
    }
    server.handlers = acceptor(server);
    this.sockets.add(server);
    this.clock.schedule(() => {
      if (!client.closed) (client.handlers as ConnectHandlers<M>).onOpen();
    }, oneWay);
  }

  /**
   * The link latency if `message` sent now on `socket` would reach a peer that absorbs it quietly
   * (open at both ends, not partitioned, a peer that says so), else null.
   */
  quietLatency(socket: Socket<M>, message: M): number | null {
    const to = socket.peer;
    if (socket.closed || socket.reset || to.closed || to.held.length > 0 || this.isPartitioned(socket.host, to.host)) return null;
    return to.handlers?.absorbsQuietly?.(message) === true ? this.latency(socket.host, to.host) : null;
  }

  /**
   * `count` quiet messages (quietLatency said so) sent from `socket` between `firstSentAt` and
   * `lastSentAt`, accounted for at once: the peer absorbs them and the trace gets one summary.
   */
  deliverQuietly(socket: Socket<M>, count: number, firstSentAt: number, lastSentAt: number, label: string): void {
    const to = socket.peer;
    const lastArrival = lastSentAt + this.latency(socket.host, to.host);
    to.handlers?.absorbQuietly?.(count, lastArrival);
    const span = `t=${(firstSentAt / 1000).toFixed(3)}s..${(lastSentAt / 1000).toFixed(3)}s`;
    const text = `${count} idle ${label}${count === 1 ? '' : 's'} to ${to.host} on #${socket.conn}, ${span}, each only refreshing its last I/O (fast-forwarded)`;
    this.trace.record({ t: this.clock.now(), kind: 'event', node: socket.host, text });
  }

  /** Called by Socket: schedules a packet's arrival after the link's latency. */
  transmit(from: Socket<M>, packet: Packet<M>): void {
    const to = from.peer;
    const delay = this.latency(from.host, to.host);
    if ('data' in packet) this.traceMessage(from, to, this.options.label(packet.data), delay);
    this.clock.schedule(() => this.arrive(from, to, packet), delay);
  }

  private arrive(from: Socket<M>, to: Socket<M>, packet: Packet<M>): void {
    if (this.isPartitioned(from.host, to.host)) {
      to.held.push(packet);
      return;
    }
    this.receive(from, to, packet);
  }

  private receive(from: Socket<M>, to: Socket<M>, packet: Packet<M>): void {
    if (to.closed || !to.handlers) {
      if ('data' in packet && !from.closed) this.resetLater(from);
      return;
    }
    if ('fin' in packet) to.handlers.onClose('eof');
    else to.handlers.onMessage(packet.data);
  }

  /** A closed end answers data with RST; the sender's next write fails. */
  private resetLater(sender: Socket<M>): void {
    this.clock.schedule(() => {
      if (sender.closed || sender.reset) return;
      sender.reset = true;
      sender.handlers?.onClose('reset');
    }, this.latency(sender.host, sender.peer.host));
  }

  private flushHeld(socket: Socket<M>): void {
    if (socket.held.length === 0) return;
    const packets = socket.held;
    socket.held = [];
    const delay = this.latency(socket.host, socket.peer.host);
    for (const packet of packets) this.clock.schedule(() => this.arrive(socket.peer, socket, packet), delay);
  }

  private armKeepalive(socket: Socket<M>, key: string, epoch: number): void {
    this.clock.schedule(() => {
      if (socket.closed || this.partitions.get(key) !== epoch) return;
      socket.abort();
      socket.handlers?.onClose('timeout');
    }, KEEPALIVE_DETECT_MS);
  }

  /** Both ends closed: nothing can happen on this connection any more. */
  release(socket: Socket<M>): void {
    if (socket.peer.closed) {
      this.sockets.delete(socket);
      this.sockets.delete(socket.peer);
    }
  }

  private traceMessage(from: Socket<M>, to: Socket<M>, label: string, delay: number): void {
    const now = this.clock.now();
    this.trace.record({ t: now, kind: 'message', from: from.host, to: to.host, conn: from.conn, label, sentAt: now, arriveAt: now + delay });
  }
}

function linkKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
