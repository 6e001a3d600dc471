/** Durations in the console language: `500ms`, `5s`, `1.5s`, `2m`, `1h`. */
const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** The longest single `.wait`: a day of virtual time. */
export const MAX_WAIT_MS = 86_400_000;

/**
 * The most virtual time one session may reach: a week. Idle time is cheap (idle-pings.ts) but
 * not free with the controller running; a week covers every Kvrocks timeout many times over.
 * The console, scripts, embeds, links and imported sessions all stop at it (docs/console.md).
 */
export const MAX_SESSION_MS = 7 * MAX_WAIT_MS;

/** The error for a session that would pass MAX_SESSION_MS, or null when `time` is within it. */
export function sessionTimeProblem(time: number, what: string): string | null {
  if (time <= MAX_SESSION_MS) return null;
  return `${what} t=${(time / 1000).toFixed(3)}s, past the 7-day limit on a session's virtual time (t=${MAX_SESSION_MS / 1000}s)`;
}

export function parseDuration(text: string): { ok: true; ms: number } | { ok: false; error: string } {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text.trim());
  if (!match) return { ok: false, error: `invalid duration '${text}': use a number and a unit, e.g. 500ms, 5s, 2m, 1h` };
  const ms = Math.round(Number(match[1]) * UNITS[match[2]!]!);
  if (ms > MAX_WAIT_MS) return { ok: false, error: `duration '${text}' is longer than the 24h limit for one .wait` };
  return { ok: true, ms };
}

export function formatDuration(ms: number): string {
  if (ms % 1000 !== 0 || ms < 1000) return `${ms}ms`;
  return `${ms / 1000}s`;
}

/** Virtual time as people read it: seconds with millisecond precision. */
export function formatTime(ms: number): string {
  return `t=${(ms / 1000).toFixed(3)}s`;
}

/**
 * Virtual time for the time controls: to the microsecond when it is not a whole millisecond, so
 * stepping through a loopback handshake (events 50-150 µs apart) visibly moves it.
 */
export function formatTimePrecise(ms: number): string {
  const micros = Math.round(ms * 1000);
  return micros % 1000 === 0 ? formatTime(micros / 1000) : `t=${(micros / 1e6).toFixed(6)}s`;
}
