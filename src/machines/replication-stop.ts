/**
 * How long ReplicationThread::Stop() keeps its caller waiting (K-2024 src/cluster/replication.cc):
 * Stop sets a flag and joins the thread, and the thread only notices the flag at certain points.
 * - Its event loop checks it on a 100 ms persistent timer (run(): `timeval tmo{0, 100000}`), so a
 *   running loop (handshake, streaming) ends at the timer's next tick. run() adds the timer only
 *   after the first connect returns, so a thread still in its first connect loop needs 100 ms more.
 * - Sleeps are not interrupted: the 1 s after an EOF (ConnEventCB), the 10 s RESTART
 *   (ReadWriteCB) and the 1 s between connect attempts (CallbacksStateMachine::Start) run to
 *   their end, and a blocking connect to an unreachable master lasts until its 3.1 s timeout.
 * - Those run inside a callback, with libevent's cached clock stuck at the moment the callback
 *   began: once it returns, the loop waits as long as the timer's next tick was from that moment
 *   before the timer fires (and is rescheduled from the real now).
 * Measured on the 5fccd57c builds: with the master down, a push lands on a replica ~100 ms after
 * its next 1 s connect wake-up. This is why an exclusive SETNODES stalls a node (#2662, #2671; S11).
 */
import type { SnapshotFrom } from 'xstate';
import type { replicationMachine } from './replication.machine.ts';
import { CONNECT_GAP_MS, CONNECT_TIMEOUT_MS, RECONNECT_DELAY_MS, RESTART_DELAY_MS } from './timings.ts';

export const LOOP_TICK_MS = 100;

type Snapshot = SnapshotFrom<typeof replicationMachine>;

/** From `from`, how long until a timer firing every 100 ms from `tickOrigin` fires next (never 0). */
function untilNextTick(tickOrigin: number, from: number): number {
  if (from < tickOrigin) return tickOrigin - from;
  return LOOP_TICK_MS - ((from - tickOrigin) % LOOP_TICK_MS);
}

/** After a callback that began at `blockedAt` returns: how long until the overdue timer fires. */
export function lateTimerDelay(tickOrigin: number, blockedAt: number): number {
  return untilNextTick(tickOrigin, blockedAt);
}

/** Ms from `now` until a thread in `snapshot` has stopped; `masterUnreachable` when a connect would hang. */
export function stopJoinMs(snapshot: Snapshot, now: number, masterUnreachable: boolean): number {
  if (snapshot.status !== 'active' || snapshot.matches('stopped')) return 0;
  const c = snapshot.context;
  const remaining = (from: number, ms: number) => Math.max(0, from + ms - now);
  // What the loop needs once the callback (or the first Start) returns.
  const afterwards = c.loop === 'none' ? LOOP_TICK_MS : c.loop === 'blocked' ? lateTimerDelay(c.tickOrigin, c.blockedAt) : 0;
  if (snapshot.matches('reconnectWait')) return remaining(c.waitFrom, RECONNECT_DELAY_MS) + afterwards;
  if (snapshot.matches('restartWait')) return remaining(c.waitFrom, RESTART_DELAY_MS) + afterwards;
  if (snapshot.matches({ psync: 'backoff' }) || snapshot.matches({ fullsync: 'backoff' })) {
    const gap = c.waitFrom - c.lastConnectAt < CONNECT_GAP_MS ? CONNECT_GAP_MS : 0;
    return remaining(c.waitFrom, gap) + afterwards;
  }
  if (snapshot.matches({ psync: { attempt: 'connecting' } }) || snapshot.matches({ fullsync: { attempt: 'connecting' } })) {
    return (masterUnreachable ? remaining(c.lastConnectAt, CONNECT_TIMEOUT_MS) : 0) + afterwards;
  }
  if (c.loop !== 'running') return afterwards;
  // A running loop: the timer's next tick (none is due at the very moment its loop started).
  return untilNextTick(c.tickOrigin, now);
}
