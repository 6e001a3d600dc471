/** Replication timings (kvrocks-semantics §3.1, §3.2, §8; K-2024 src/cluster/replication.cc). */
export const CONNECT_TIMEOUT_MS = 3100;
/** Connect attempts are at least this far apart ("prevent frequent re-connect"). */
export const CONNECT_GAP_MS = 1000;
/** TCP error or EOF on the active connection: "reconnect the master" after 1 s. */
export const RECONNECT_DELAY_MS = 1000;
/** A failed step (RESTART): "[replication] Retry in 10 seconds". */
export const RESTART_DELAY_MS = 10_000;
/**
 * The feed thread pings after 1000 idle polls of usleep(2000) (checkLivenessIfNeed): with the
 * sleep's overshoot that is 2.12-2.14 s between pings, measured on the 5fccd57c builds here.
 */
export const FEED_PING_INTERVAL_MS = 2125;
/** One turn of the replication thread's event loop: how long a QUIT's kReplError lasts before the next handler runs. */
export const LOOP_TURN_MS = 0.05;
/** The feed thread checks the WAL for new data every 2 ms (usleep(2000) in FeedSlaveThread::loop). */
export const FEED_POLL_MS = 2;
/** The server cron that reaps stopped feed threads runs about every 100 ms. */
export const CRON_INTERVAL_MS = 100;
/** Batches per feed write: "after 16 updates" (FeedSlaveThread). */
export const FEED_BATCHES_PER_WRITE = 16;
