/**
 * The replica's ReplicationThread as a diagram: the kRepl* states (repl-state.ts) placed on two
 * rows — the PSYNC sequence on top, the full-sync sequence below — and the transitions between
 * them as replication.machine.ts makes them (kvrocks-semantics §3.1).
 */
import type { TraceEntry } from '../../engine/trace.ts';
import { REPL_STATES, type ReplState } from '../../machines/repl-state.ts';
import { CONNECT_TIMEOUT_MS, RECONNECT_DELAY_MS, RESTART_DELAY_MS } from '../../machines/timings.ts';

export interface DiagramState {
  readonly id: ReplState;
  readonly label: string;
  readonly x: number;
  readonly y: number;
}

export interface DiagramTransition {
  readonly from: ReplState;
  readonly to: ReplState;
  readonly label: string;
  /** Sideways offset of the curve's middle (0 = straight). */
  readonly bend: number;
  readonly kind: 'forward' | 'retry' | 'eof';
  /** A short label drawn on the diagram ('' for none: `label` is then only a tooltip). */
  readonly short: string;
}

// Tall rather than wide: the inspector lives in a narrow side column.
export const DIAGRAM_WIDTH = 380;
export const DIAGRAM_HEIGHT = 410;
const A = 130;
const B = 290;

const PLACES: Record<ReplState, [number, number]> = {
  kReplConnecting: [A, 40],
  kReplSendAuth: [A, 100],
  kReplCheckDBName: [A, 160],
  kReplReplConf: [A, 220],
  kReplSendPSync: [A, 280],
  kReplConnected: [A, 340],
  kReplFetchMeta: [B, 160],
  kReplFetchSST: [B, 230],
  kReplError: [B, 300],
};

export const DIAGRAM_STATES: readonly DiagramState[] = REPL_STATES.map((id) => ({
  id,
  label: id.replace(/^kRepl/, ''),
  x: PLACES[id][0],
  y: PLACES[id][1],
}));

const s = (n: number) => `${n / 1000} s`;

const t = (from: ReplState, to: ReplState, label: string, bend: number, kind: DiagramTransition['kind'], short = ''): DiagramTransition => ({
  from,
  to,
  label,
  bend,
  kind,
  short,
});

export const DIAGRAM_TRANSITIONS: readonly DiagramTransition[] = [
  t('kReplConnecting', 'kReplSendAuth', 'connected; masterauth set: AUTH', 0, 'forward'),
  t('kReplConnecting', 'kReplCheckDBName', 'connected: _db_name', -64, 'forward'),
  t('kReplSendAuth', 'kReplCheckDBName', '+OK: _db_name', 0, 'forward'),
  t('kReplCheckDBName', 'kReplReplConf', 'db-name matches: replconf listening-port', 0, 'forward'),
  t('kReplReplConf', 'kReplSendPSync', 'replconf answered: PSYNC <next seq>', 0, 'forward'),
  t('kReplSendPSync', 'kReplConnected', '+OK: partial sync', 0, 'forward'),
  t('kReplSendPSync', 'kReplError', 'PSYNC refused: full sync', 0, 'forward', 'full sync'),
  t('kReplError', 'kReplFetchMeta', 'new connection: _fetch_meta', 62, 'forward'),
  t('kReplFetchMeta', 'kReplFetchSST', 'file list: _fetch_file', 0, 'forward'),
  t('kReplFetchSST', 'kReplError', 'files fetched, restored', 0, 'forward'),
  t('kReplError', 'kReplCheckDBName', 'new connection: PSYNC again', 0, 'forward', 'PSYNC again'),
  // Failures loop back to Connecting: a failed step waits 10 s (RESTART), EOF or an error 1 s.
  t('kReplSendAuth', 'kReplConnecting', `AUTH refused: wait ${s(RESTART_DELAY_MS)}`, -62, 'retry'),
  t('kReplCheckDBName', 'kReplConnecting', `wrong db-name or error: wait ${s(RESTART_DELAY_MS)}`, -70, 'retry'),
  t('kReplReplConf', 'kReplConnecting', `LOADING: wait ${s(RESTART_DELAY_MS)}`, -78, 'retry'),
  t('kReplSendPSync', 'kReplConnecting', `step failed: wait ${s(RESTART_DELAY_MS)}; EOF: wait ${s(RECONNECT_DELAY_MS)}`, -86, 'retry'),
  t('kReplConnected', 'kReplConnecting', `EOF or bad batch: wait ${s(RECONNECT_DELAY_MS)} / ${s(RESTART_DELAY_MS)}`, -94, 'eof'),
  t('kReplFetchMeta', 'kReplConnecting', `fetch failed: wait ${s(RESTART_DELAY_MS)}`, 26, 'retry'),
  t('kReplFetchSST', 'kReplConnecting', `fetch failed: wait ${s(RESTART_DELAY_MS)}`, 40, 'retry'),
];

export const DIAGRAM_NOTES = [
  `dashed: back to Connecting; a failed step waits ${s(RESTART_DELAY_MS)},`,
  `EOF or a TCP error ${s(RECONNECT_DELAY_MS)}; connect: ${s(CONNECT_TIMEOUT_MS)} timeout`,
];

const place = new Map(DIAGRAM_STATES.map((d) => [d.id, d]));

/** An SVG path for a transition: a quadratic curve bent sideways by `bend`. */
export function transitionPath(t: DiagramTransition, radius = 30): { d: string; labelX: number; labelY: number } {
  const a = place.get(t.from)!;
  const b = place.get(t.to)!;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  const [nx, ny] = [-dy / length, dx / length];
  const mx = (a.x + b.x) / 2 + nx * t.bend * 2;
  const my = (a.y + b.y) / 2 + ny * t.bend * 2;
  // Start and end on the state boxes' rims, towards the control point.
  const toward = (p: DiagramState, qx: number, qy: number): [number, number] => {
    const l = Math.hypot(qx - p.x, qy - p.y) || 1;
    return [p.x + ((qx - p.x) / l) * radius, p.y + ((qy - p.y) / l) * Math.min(radius, 18)];
  };
  const [sx, sy] = toward(a, mx, my);
  const [ex, ey] = toward(b, mx, my);
  return { d: `M ${sx} ${sy} Q ${mx} ${my} ${ex} ${ey}`, labelX: (sx + 2 * mx + ex) / 4, labelY: (sy + 2 * my + ey) / 4 };
}

export interface LastTransition {
  readonly from: string;
  readonly to: string;
  readonly at: number;
  /** Counts every transition seen, so the view can restart its animation. */
  readonly serial: number;
}

/** The newest replication transition of `node` among `entries` (null if none). */
export function lastReplTransition(entries: readonly TraceEntry[], node: string, serial: number): LastTransition | null {
  for (let i = entries.length - 1; i >= 0; i--) {
    const e = entries[i]!;
    if (e.kind === 'transition' && e.machine === 'replication' && e.node === node) return { from: e.from, to: e.to, at: e.t, serial: serial + 1 };
  }
  return null;
}

export function findTransition(from: string, to: string): DiagramTransition | undefined {
  return DIAGRAM_TRANSITIONS.find((t) => t.from === from && t.to === to);
}
