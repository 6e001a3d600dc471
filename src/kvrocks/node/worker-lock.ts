/**
 * The node's global worker lock (K-2024 src/server/server.cc WorkExclusivityGuard): the exclusive
 * commands (CLUSTERX SETNODES, SETNODEID, SETSLOT, CLUSTER IMPORT, RESET, SLAVEOF) hold it, and
 * every other command on the node waits until they finish. It only matters when one of them joins
 * a replication thread that takes time to stop (replication-stop.ts; kvrocks-semantics S11).
 */
import type { SimClock, TimerId } from '../../engine/clock.ts';

export class WorkerLock {
  /** Virtual time until which an exclusive command holds the node. */
  heldUntil = 0;
  /** How long the command being executed keeps its own caller waiting (a thread join inside it). */
  callerWaitMs = 0;
  private backlog: (() => void)[] = [];
  private drain: TimerId | null = null;

  constructor(private readonly clock: SimClock) {}

  isHeld(): boolean {
    return this.clock.now() < this.heldUntil;
  }

  /** A command about to run: nothing waits on its account yet. */
  beginCommand(): void {
    this.callerWaitMs = 0;
  }

  /** The running command blocks for `ms` (a join); an exclusive one blocks the whole node. */
  block(ms: number, exclusive: boolean): void {
    if (ms <= 0) return;
    this.callerWaitMs = Math.max(this.callerWaitMs, ms);
    if (exclusive) this.heldUntil = Math.max(this.heldUntil, this.clock.now() + ms);
  }

  /** Runs `work` now, or once the lock is free, after whatever already waits (order is kept). */
  whenFree(work: () => void): void {
    if (!this.isHeld() && this.backlog.length === 0) {
      work();
      return;
    }
    this.backlog.push(work);
    this.scheduleDrain();
  }

  /** The process died: nothing waits any more. */
  clear(): void {
    this.backlog = [];
    if (this.drain !== null) this.clock.cancel(this.drain);
    this.drain = null;
    this.heldUntil = 0;
    this.callerWaitMs = 0;
  }

  private scheduleDrain(): void {
    if (this.drain !== null) return;
    this.drain = this.clock.schedule(() => {
      this.drain = null;
      while (this.backlog.length > 0 && !this.isHeld()) this.backlog.shift()!();
      if (this.backlog.length > 0) this.scheduleDrain();
    }, Math.max(0, this.heldUntil - this.clock.now()));
  }
}
