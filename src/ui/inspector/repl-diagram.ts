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
  /** Label drawn on the diagram (the others are tooltips: there is no room between neighbours). */
  readonly shown: boolean;
}

export const DIAGRAM_WIDTH = 760;
export const DIAGRAM_HEIGHT = 330;
const TOP = 150;
const BOTTOM = 255;

const PLACES: Record<ReplState, [number, number]> = {
  kReplConnecting: [60, TOP],
  kReplSendAuth: [185, TOP],
  kReplCheckDBName: [310, TOP],
  kReplReplConf: [435, TOP],
  kReplSendPSync: [560, TOP],
  kReplConnected: [695, TOP],
  kReplError: [310, BOTTOM],
  kReplFetchMeta: [435, BOTTOM],
  kReplFetchSST: [560, BOTTOM],
};

export const DIAGRAM_STATES: readonly DiagramState[] = REPL_STATES.map((id) => ({
  id,
  label: id.replace(/^kRepl/, ''),
  x: PLACES[id][0],
  y: PLACES[id][1],
}));

const s = (n: number) => `${n / 1000} s`;

const t = (from: ReplState, to: ReplState, label: string, bend: number, kind: DiagramTransition['kind'], shown = false): DiagramTransition => ({ from, to, label, bend, kind, shown });

export const DIAGRAM_TRANSITIONS: readonly DiagramTransition[] = [
  t('kReplConnecting', 'kReplSendAuth', 'connected; masterauth set: AUTH', 0, 'forward'),
  t('kReplConnecting', 'kReplCheckDBName', 'connected: _db_name', 22, 'forward'),
  t('kReplSendAuth', 'kReplCheckDBName', '+OK: _db_name', 0, 'forward'),
  t('kReplCheckDBName', 'kReplReplConf', 'db-name matches: replconf listening-port', 0, 'forward'),
  t('kReplReplConf', 'kReplSendPSync', 'replconf answered: PSYNC <next seq>', 0, 'forward'),
  t('kReplSendPSync', 'kReplConnected', '+OK: partial sync', 0, 'forward'),
  t('kReplSendPSync', 'kReplError', 'refused: full sync', 6, 'forward', true),
  t('kReplError', 'kReplFetchMeta', 'new conn: _fetch_meta', 0, 'forward'),
  t('kReplFetchMeta', 'kReplFetchSST', 'file list: _fetch_file', 0, 'forward'),
  t('kReplFetchSST', 'kReplError', 'files fetched and restored', 24, 'forward', true),
  t('kReplError', 'kReplCheckDBName', 'new conn: PSYNC again', 0, 'forward', true),
  // Failures: a failed step waits 10 s (RESTART); EOF or a TCP error waits 1 s.
  t('kReplSendAuth', 'kReplConnecting', `AUTH refused: wait ${s(RESTART_DELAY_MS)}`, 22, 'retry'),
  t('kReplCheckDBName', 'kReplConnecting', `wrong db-name / error: wait ${s(RESTART_DELAY_MS)}`, 40, 'retry'),
  t('kReplReplConf', 'kReplConnecting', `LOADING: wait ${s(RESTART_DELAY_MS)}`, 58, 'retry'),
  t('kReplSendPSync', 'kReplConnecting', `step failed: wait ${s(RESTART_DELAY_MS)}`, 78, 'retry', true),
  t('kReplConnected', 'kReplConnecting', `EOF / error: wait ${s(RECONNECT_DELAY_MS)}`, 102, 'eof', true),
  t('kReplFetchMeta', 'kReplConnecting', `fetch failed: wait ${s(RESTART_DELAY_MS)}`, -18, 'retry'),
  t('kReplFetchSST', 'kReplConnecting', `fetch failed: wait ${s(RESTART_DELAY_MS)}`, -30, 'retry'),
];

export const CONNECT_NOTE = `connect: ${s(CONNECT_TIMEOUT_MS)} timeout, attempts ≥ 1 s apart`;

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
