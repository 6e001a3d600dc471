/**
 * The master side of a node: one FeedSlaveThread per replica whose PSYNC succeeded, the
 * `slave_threads_` list INFO counts, and the ~100 ms cron that reaps stopped threads
 * (K-2024 src/server/server.cc AddSlave/cleanupExitedSlaves, src/cluster/replication.cc).
 */
import { type Actor, createActor } from 'xstate';
import type { TimerId } from '../../engine/clock.ts';
import type { Socket } from '../../engine/network.ts';
import { feedMachine } from '../../machines/feed.machine.ts';
import { CRON_INTERVAL_MS, FEED_BATCHES_PER_WRITE, FEED_PING_INTERVAL_MS, FEED_POLL_MS } from '../../machines/timings.ts';
import type { WireMessage } from '../../protocol/wire.ts';
import type { ClientConn } from './client.ts';
import type { KvrocksNode } from './node.ts';

/** A run of a feed thread's pings, each quiet: how many, and when the last one is sent. */
export interface QuietPings {
  readonly count: number;
  readonly last: number;
}

export class FeedSlave {
  stopped = false;
  readonly actor: Actor<typeof feedMachine>;
  private readonly startedAt: number;
  private pollTimer: number | null = null;
  /** The next liveness ping: every 1000 idle polls from the thread's start (FEED_PING_INTERVAL_MS). */
  nextPingAt = 0;
  pingTimer: TimerId | null = null;

  constructor(
    readonly master: MasterSide,
    readonly client: ClientConn,
    readonly socket: Socket<WireMessage>,
    /** The next sequence to send; INFO's `offset=` is next - 1. */
    public nextSeq: number,
  ) {
    const node = master.node;
    this.startedAt = node.sim.now();
    this.actor = createActor(feedMachine, {
      clock: node.sim.clock,
      input: {
        io: {
          flush: () => this.flush(),
          ping: () => socket.send({ kind: 'ping' }),
          log: (text) => node.trace(`${text} (${client.addr})`),
          stopped: () => {
            this.cancelPing();
            master.feedStopped(this);
          },
        },
      },
    });
  }

  start(): void {
    this.actor.start();
    this.armPing(this.startedAt + FEED_PING_INTERVAL_MS);
  }

  get offset(): number {
    return this.nextSeq - 1;
  }

  /** The process died with the thread. */
  halt(): void {
    if (this.pollTimer !== null) this.master.node.sim.clock.cancel(this.pollTimer);
    this.pollTimer = null;
    this.cancelPing();
    this.actor.stop();
  }

  /**
   * The link latency when this thread's pings, from now until something else happens, would change
   * nothing but its replica's last I/O time (nothing left to send, a peer that only notes a ping).
   */
  quietPingLatency(): number | null {
    if (this.stopped || this.pingTimer === null || this.pollTimer !== null || this.nextSeq <= this.master.node.storage.latestSeq) return null;
    return this.master.node.sim.net.quietLatency(this.socket, { kind: 'ping' });
  }

  /** The pings that would arrive before `horizon` and by `limit`: how many, and when the last is sent. */
  quietPingsBefore(latency: number, horizon: number, limit: number): QuietPings | null {
    let count = 0;
    let last = this.nextPingAt;
    for (let t = this.nextPingAt; t + latency < horizon && t + latency <= limit; t += FEED_PING_INTERVAL_MS) {
      last = t;
      count++;
    }
    return count === 0 ? null : { count, last };
  }

  /** Accounts for those pings as sent and received (quietPingsBefore), and pings on after them. */
  skipPings(pings: QuietPings): void {
    this.master.node.sim.net.deliverQuietly(this.socket, pings.count, this.nextPingAt, pings.last, 'ping');
    this.cancelPing();
    this.armPing(pings.last + FEED_PING_INTERVAL_MS);
  }

  private armPing(at: number): void {
    if (this.stopped) return;
    this.nextPingAt = at;
    this.pingTimer = this.master.node.sim.clock.scheduleIdleAt(() => {
      this.pingTimer = null;
      this.actor.send({ type: 'PING_DUE' });
      this.armPing(at + FEED_PING_INTERVAL_MS);
    }, at);
  }

  private cancelPing(): void {
    if (this.pingTimer !== null) this.master.node.sim.clock.cancel(this.pingTimer);
    this.pingTimer = null;
  }

  /**
   * New WAL data is noticed at the thread's next poll: it sleeps usleep(2000) between checks
   * (K-2024 replication.cc FeedSlaveThread::loop), so a write reaches a replica up to 2 ms later.
   */
  wake(): void {
    if (this.pollTimer !== null || this.stopped) return;
    const clock = this.master.node.sim.clock;
    const into = (clock.now() - this.startedAt) % FEED_POLL_MS;
    this.pollTimer = clock.schedule(() => {
      this.pollTimer = null;
      if (!this.stopped) this.actor.send({ type: 'WAL_APPENDED' });
    }, FEED_POLL_MS - into);
  }

  private flush(): boolean {
    const storage = this.master.node.storage;
    while (this.nextSeq <= storage.latestSeq) {
      const batches = storage.batchesFrom(this.nextSeq, FEED_BATCHES_PER_WRITE);
      const last = batches[batches.length - 1];
      if (!last) {
        // The WAL no longer holds the next batch: the thread stops, the replica reconnects and
        // its PSYNC is refused (K-2024 replication.cc FeedSlaveThread::loop).
        this.master.node.trace(`Fatal error encountered, WAL iterator is discrete, some seq might be lost, sequence ${this.nextSeq} expected (${this.client.addr})`);
        this.actor.send({ type: 'KILL' });
        return true;
      }
      if (!this.socket.send({ kind: 'batches', batches })) return false;
      this.nextSeq = last.seq + last.count;
    }
    return true;
  }
}

export class MasterSide {
  feeds: FeedSlave[] = [];
  private cronTimer: number | null = null;

  constructor(readonly node: KvrocksNode) {}

  /** PSYNC succeeded: the connection is detached and handed to a new feed thread (AddSlave). */
  addSlave(client: ClientConn, socket: Socket<WireMessage>, nextSeq: number): void {
    client.detached = true;
    socket.send({ kind: 'reply', reply: { type: 'status', text: 'OK' } });
    const feed = new FeedSlave(this, client, socket, nextSeq);
    this.feeds.push(feed);
    this.node.trace(`new replica ${client.infoIp}:${client.infoPort} added, start incremental syncing from ${nextSeq}`);
    feed.start();
  }

  live(): FeedSlave[] {
    return this.feeds.filter((feed) => !feed.stopped);
  }

  /** Writes landed in the WAL: each feed thread sends them at its next poll. */
  walAppended(): void {
    for (const feed of this.feeds) feed.wake();
  }

  /** CLIENT KILL TYPE SLAVE and friends: Stop() on each matching thread. */
  kill(match: (feed: FeedSlave) => boolean): number {
    let killed = 0;
    for (const feed of this.feeds) {
      if (match(feed)) {
        feed.actor.send({ type: 'KILL' });
        killed++;
      }
    }
    return killed;
  }

  /** A full sync as someone's replica stops feeding our own replicas (DisconnectSlaves). */
  disconnectSlaves(): void {
    this.kill((feed) => !feed.stopped);
  }

  feedStopped(feed: FeedSlave): void {
    feed.stopped = true;
    // The thread's socket is closed when the thread object is destroyed by the cron.
    this.armCron();
  }

  /** Process death: every thread and its socket are gone at once. */
  clear(): void {
    for (const feed of this.feeds) feed.halt();
    this.feeds = [];
    if (this.cronTimer !== null) this.node.sim.clock.cancel(this.cronTimer);
    this.cronTimer = null;
  }

  /** The cron runs every 100 ms from process start; only a tick with work to do is scheduled. */
  private armCron(): void {
    if (this.cronTimer !== null) return;
    const sinceStart = this.node.sim.now() - this.node.startedAt;
    const delay = CRON_INTERVAL_MS - (sinceStart % CRON_INTERVAL_MS);
    this.cronTimer = this.node.sim.clock.schedule(() => {
      this.cronTimer = null;
      const reaped = this.feeds.filter((feed) => feed.stopped);
      this.feeds = this.feeds.filter((feed) => !feed.stopped);
      for (const feed of reaped) {
        feed.socket.close();
        this.node.trace(`replica ${feed.client.infoIp}:${feed.client.infoPort} reaped by cron`);
      }
    }, delay);
  }
}
