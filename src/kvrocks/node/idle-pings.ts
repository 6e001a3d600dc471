/**
 * Idle time computed, not ticked. A feed thread pings its replica about every 2 s; while the
 * link is healthy and nothing is left to send, a ping changes nothing anyone can observe but the
 * replica's master_last_io_seconds_ago. So when the next timer to fire is such a ping and no other
 * timer is due for a while, every thread's quiet pings up to then are accounted for at once (the
 * replica keeps the last arrival time; the trace gets one summary line per thread), and the
 * threads ping on from there exactly as if each ping had been simulated. Pings that are not quiet
 * (a closed or reset peer, a partition, data in flight) bound the jump and run as before.
 */
import type { SimClock } from '../../engine/clock.ts';
import { FEED_PING_INTERVAL_MS } from '../../machines/timings.ts';
import type { FeedSlave, QuietPings } from './feeds.ts';
import type { KvrocksNode } from './node.ts';

/** Spans shorter than this are simulated ping by ping (a page playing in real time animates them). */
const MIN_SPAN_MS = 2 * FEED_PING_INTERVAL_MS;

/** The clock's fast-forward (engine/clock.ts FastForward) for a world's nodes. */
export function fastForwardPings(nodes: readonly KvrocksNode[], clock: SimClock, horizon: number, limit: number): boolean {
  const now = clock.now();
  if (Math.min(horizon, limit) - now < MIN_SPAN_MS) return false;
  const quiet: { feed: FeedSlave; latency: number }[] = [];
  let bound = horizon;
  for (const node of nodes) {
    for (const feed of node.master.feeds) {
      if (feed.pingTimer === null) continue;
      const latency = feed.quietPingLatency();
      if (latency === null) bound = Math.min(bound, feed.nextPingAt);
      else quiet.push({ feed, latency });
    }
  }
  const runs: { feed: FeedSlave; pings: QuietPings; timer: number }[] = [];
  for (const { feed, latency } of quiet) {
    const pings = feed.quietPingsBefore(latency, bound, limit);
    if (pings !== null) runs.push({ feed, pings, timer: feed.pingTimer! });
  }
  // Re-arm in the order the last skipped pings would have fired, so every later timer keeps its
  // (deadline, insertion) place.
  runs.sort((a, b) => a.pings.last - b.pings.last || a.timer - b.timer);
  for (const { feed, pings } of runs) feed.skipPings(pings);
  return runs.length > 0;
}
