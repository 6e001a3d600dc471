/**
 * Virtual time 0 is this wall-clock instant, so the timestamps Kvrocks prints (CLUSTER NODES
 * ping/pong, master_last_io_seconds_ago before the first I/O) look like real ones.
 */
// 2024-11-01T00:00:00Z, the week PR #2643 was merged.
export const EPOCH_MS = 1_730_419_200_000;

export function wallMs(virtualMs: number): number {
  return EPOCH_MS + Math.floor(virtualMs);
}

export function wallSeconds(virtualMs: number): number {
  return Math.floor(wallMs(virtualMs) / 1000);
}
