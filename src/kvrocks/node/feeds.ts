/**
 * The master side of a node: one FeedSlaveThread per replica whose PSYNC succeeded, the
 * `slave_threads_` list INFO counts, and the ~100 ms cron that reaps stopped threads
 * (K-2024 src/server/server.cc AddSlave/cleanupExitedSlaves, src/cluster/replication.cc).
 */
import { type Actor, createActor } from 'xstate';
import type { Socket } from '../../engine/network.ts';
import { feedMachine } from '../../machines/feed.machine.ts';
import { CRON_INTERVAL_MS, FEED_BATCHES_PER_WRITE, FEED_POLL_MS } from '../../machines/timings.ts';
import type { WireMessage } from '../../protocol/wire.ts';
import type { ClientConn } from './client.ts';
import type { KvrocksNode } from './node.ts';

export class FeedSlave {
  stopped = false;
  readonly actor: Actor<typeof feedMachine>;
  private readonly startedAt: number;
  private pollTimer: number | null = null;

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
          stopped: () => master.feedStopped(this),
        },
      },
    });
  }

  get offset(): number {
    return this.nextSeq - 1;
  }

  /** The process died with the thread. */
  halt(): void {
    if (this.pollTimer !== null) this.master.node.sim.clock.cancel(this.pollTimer);
    this.pollTimer = null;
    this.actor.stop();
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
    feed.actor.start();
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
