/**
 * The replica side of a node: `master_host/master_port` plus the ReplicationThread actor
 * (K-2024 src/server/server.cc AddMaster/RemoveMaster). `IsSlave()` is "master_host is set",
 * independent of the topology.
 */
import { type Actor, createActor } from 'xstate';
import type { ReplState } from '../../machines/repl-state.ts';
import { type ReplicaIo, replicationMachine } from '../../machines/replication.machine.ts';
import { stopJoinMs } from '../../machines/replication-stop.ts';
import type { WireMessage } from '../../protocol/wire.ts';
import type { Checkpoint, WalBatch } from '../storage.ts';
import type { KvrocksNode } from './node.ts';
import { psyncReplId } from './repl-id.ts';

/** How long restoring a checkpoint keeps the node loading (a model choice: 50 ms + 1 ms per 1000 keys). */
export function restoreDurationMs(keys: number): number {
  return 50 + Math.ceil(keys / 1000);
}

export class ReplicaLink {
  state: ReplState = 'kReplConnecting';
  /** This thread has reached kReplConnected at least once (a later kReplConnecting is a broken link). */
  everConnected = false;
  /** 0 until the first I/O: INFO then prints now - 0, a number near the Unix time. */
  lastIoAt: number | null = null;
  readonly actor: Actor<typeof replicationMachine>;

  constructor(
    readonly node: KvrocksNode,
    readonly masterHost: string,
    readonly masterPort: number,
  ) {
    this.actor = createActor(replicationMachine, {
      input: { io: this.io(), masterAddress: `${masterHost}:${masterPort}` },
      clock: node.sim.clock,
    });
  }

  private started = false;

  start(): void {
    this.node.trace(`replication thread started for master ${this.masterHost}:${this.masterPort}`);
    this.started = true;
    this.actor.start();
  }

  /**
   * Stop sets a flag and joins the thread; its sockets are closed (FIN). Returns how long the join
   * keeps the caller waiting (replication-stop.ts).
   */
  stop(): number {
    if (!this.started) return 0;
    const net = this.node.sim.net;
    const master = net.ownerOf(`${this.masterHost}:${this.masterPort}`);
    const unreachable = master !== undefined && net.isPartitioned(this.node.name, master);
    const joinMs = stopJoinMs(this.actor.getSnapshot(), this.node.sim.now(), unreachable);
    this.actor.send({ type: 'STOP' });
    this.actor.stop();
    return joinMs;
  }

  private io(): ReplicaIo {
    const node = this.node;
    return {
      now: () => node.sim.now(),
      dial: (address, handlers) => node.sim.net.connect(node.name, address, { ...handlers, ...this.quietPings() }, true),
      masterAuth: () => node.config.masterauth,
      dbName: () => node.config.dbName,
      // K-2024 src/cluster/replication.cc sendReplConfReadFn: replica-announce-port when set
      listeningPort: () => node.config.replicaAnnouncePort || node.port,
      announceIp: () => node.config.replicaAnnounceIp,
      replconfExtras: () => (node.has('drop-orphans-2850') ? ['node-id', node.cluster.myId || '-', 'cluster-version', node.cluster.versionText] : []),
      psyncArgs: () => {
        const next = String(node.storage.latestSeq + 1);
        // K-2024 replication.cc tryPSyncWriteCB: the new form only with use-rsid-psync and a known id.
        const replId = node.config.useRsidPsync ? psyncReplId(node) : null;
        return replId === null ? [next] : [replId, next];
      },
      applyBatches: (batches) => this.apply(batches),
      noteIo: () => {
        this.lastIoAt = node.sim.now();
      },
      setReplState: (state) => {
        if (state === this.state) return;
        node.traceTransition('replication', this.state, state);
        this.state = state;
        if (state === 'kReplConnected') this.everConnected = true;
      },
      log: (text) => node.trace(text),
      restore: (checkpoint, done) => this.restore(checkpoint, done),
    };
  }

  /**
   * A ping on the streaming connection only refreshes master_last_io_seconds_ago (the connected
   * state's gotPing), so idle time can account for a run of them at once (idle-pings.ts).
   */
  private quietPings() {
    return {
      absorbsQuietly: (message: WireMessage) => message.kind === 'ping' && this.node.running && this.actor.getSnapshot().matches({ psync: { attempt: 'connected' } }),
      absorbQuietly: (_count: number, lastArrival: number) => {
        this.lastIoAt = lastArrival;
      },
    };
  }

  private apply(batches: readonly WalBatch[]): boolean {
    for (const batch of batches) {
      if (batch.count === 0) return false;
      // The local DB numbers the batch from its own latest sequence, as RocksDB does.
      this.node.storage.apply({ ...batch, seq: this.node.storage.latestSeq + 1 });
    }
    this.node.master.walAppended();
    return true;
  }

  /** Full-sync restore (K-2024 server.cc PrepareRestoreDB): stop feeding own replicas, load, swap data. */
  private restore(checkpoint: Checkpoint, done: () => void): () => void {
    const node = this.node;
    node.master.disconnectSlaves();
    node.loading = true;
    node.trace(`loading: restoring ${checkpoint.keys.size} keys at sequence ${checkpoint.seq}`);
    const timer = node.sim.clock.schedule(() => {
      node.storage.restore(checkpoint);
      node.loading = false;
      node.trace('loading finished');
      done();
    }, restoreDurationMs(checkpoint.keys.size));
    return () => {
      node.sim.clock.cancel(timer);
      node.loading = false;
    };
  }
}
