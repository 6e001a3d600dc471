/**
 * The space-time diagram's content, computed from the trace and the input log (pure, tested
 * without a DOM): nodes as lanes, messages as arrows from the sender's lane at the send time to
 * the receiver's at the arrival, state transitions as marks, and annotations for topology pushes
 * (with their version), faults, behaviour changes and role changes. Every item names the input it
 * followed (its provenance: the input that was running, or the last one run, when the trace
 * recorded it).
 */
import type { InputRecord } from '../../engine/history.ts';
import type { TraceEntry } from '../../engine/trace.ts';

export type Group = 'messages' | 'transitions' | 'pushes' | 'faults' | 'modes' | 'roles';
export const GROUPS: readonly { id: Group; label: string }[] = [
  { id: 'messages', label: 'messages' },
  { id: 'transitions', label: 'state transitions' },
  { id: 'pushes', label: 'SETNODES pushes' },
  { id: 'faults', label: 'faults' },
  { id: 'modes', label: 'behaviour changes' },
  { id: 'roles', label: 'role changes' },
];

export interface Arrow {
  readonly kind: 'arrow';
  readonly group: 'messages';
  readonly from: string;
  readonly to: string;
  readonly sentAt: number;
  readonly arriveAt: number;
  readonly label: string;
  readonly cause: number | null;
}

export interface Mark {
  readonly kind: 'mark';
  readonly group: Exclude<Group, 'messages'>;
  /** The lane, or null for an annotation across every lane (a mode switch). */
  readonly node: string | null;
  readonly t: number;
  readonly text: string;
  readonly cause: number | null;
}

export type Item = Arrow | Mark;

export interface Diagram {
  /** Lanes with something in the window, in node order. */
  readonly lanes: readonly string[];
  /** Nodes with nothing in the window, folded into one row. */
  readonly idle: readonly string[];
  readonly items: readonly Item[];
  readonly from: number;
  readonly to: number;
}

const PUSH = /^CLUSTERX$/i;

/** The index of the last input that began at or before trace position `index` (binary search over `starts`). */
export function causeAt(starts: readonly number[], index: number): number | null {
  let lo = 0;
  let hi = starts.length - 1;
  let found: number | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= index) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function itemsOf(entry: TraceEntry, cause: number | null): Item[] {
  switch (entry.kind) {
    case 'message':
      return [{ kind: 'arrow', group: 'messages', from: entry.from, to: entry.to, sentAt: entry.sentAt, arriveAt: entry.arriveAt, label: entry.label, cause }];
    case 'transition': {
      const items: Item[] = [{ kind: 'mark', group: 'transitions', node: entry.node, t: entry.t, text: `${entry.machine}: ${entry.from} → ${entry.to}`, cause }];
      if (entry.machine === 'process') items.push({ kind: 'mark', group: 'faults', node: entry.node, t: entry.t, text: `process ${entry.to}`, cause });
      return items;
    }
    case 'command': {
      const [name = '', sub = '', , version] = entry.argv;
      if (PUSH.test(name) && sub.toUpperCase() === 'SETNODES') return [{ kind: 'mark', group: 'pushes', node: entry.node, t: entry.t, text: `SETNODES v${version ?? '?'}`, cause }];
      if (name.toUpperCase() === 'SLAVEOF' || name.toUpperCase() === 'REPLICAOF') return [{ kind: 'mark', group: 'roles', node: entry.node, t: entry.t, text: entry.argv.join(' '), cause }];
      return [];
    }
    case 'event': {
      const quiet = quietRun(entry.node, entry.text, cause);
      if (quiet) return quiet;
      // What Kvrocks logs when a node's role changes (server.cc AddMaster/RemoveMaster; the #2643 path).
      if (/SLAVE OF .* enabled|MASTER MODE enabled|RemoveMaster/.test(entry.text)) return [{ kind: 'mark', group: 'roles', node: entry.node, t: entry.t, text: entry.text, cause }];
      return [];
    }
    default:
      return [];
  }
}

/** engine/network.ts deliverQuietly: "N idle pings to kv3 on #4, t=2.125s..6.375s, ... (fast-forwarded)". */
const QUIET = /^(\d+) idle (\S+?)s? to (\S+) on #\d+, t=(\d+(?:\.\d+)?)s\.\.(\d+(?:\.\d+)?)s/;
/** More quiet messages than this in one run are drawn as the first and the last only. */
const MAX_EXPANDED = 200;

/**
 * A run of idle messages the simulation accounted for at once (each only refreshing the peer's
 * last I/O) is still that many messages on the wire: drawn as arrows evenly spaced over its span.
 */
function quietRun(from: string, text: string, cause: number | null): Arrow[] | null {
  const m = QUIET.exec(text);
  if (!m) return null;
  const count = Number(m[1]);
  const first = Number(m[4]) * 1000;
  const last = Number(m[5]) * 1000;
  const step = count > 1 ? (last - first) / (count - 1) : 0;
  const shown = count <= MAX_EXPANDED ? Array.from({ length: count }, (_, i) => first + i * step) : [first, last];
  // Loopback latency is 0.05-0.15 ms; a summary does not say which, so the middle is drawn.
  return shown.map((sentAt) => ({ kind: 'arrow', group: 'messages', from, to: m[3]!, sentAt, arriveAt: sentAt + 0.1, label: `${m[2]} (one of ${count} idle, fast-forwarded)`, cause }));
}

/** Annotations the input log carries itself: faults and behaviour changes typed as dot-commands. */
function inputItems(log: readonly InputRecord<string>[], from: number, to: number): Item[] {
  const out: Item[] = [];
  for (const [i, record] of log.entries()) {
    if (record.at < from || record.at > to) continue;
    const [word = '', ...args] = record.input.trim().split(/\s+/);
    const w = word.toLowerCase();
    if (w === '.crash' || w === '.restart' || w === '.partition' || w === '.heal') out.push({ kind: 'mark', group: 'faults', node: args[0] ?? null, t: record.at, text: record.input.trim(), cause: i });
    else if (w === '.mode' || w === '.switch') out.push({ kind: 'mark', group: 'modes', node: null, t: record.at, text: record.input.trim(), cause: i });
  }
  return out;
}

export interface TraceSource {
  readonly entries: readonly TraceEntry[];
  /** How many older entries the trace has dropped (entries[0]'s absolute index). */
  readonly dropped: number;
}

/**
 * The diagram of `[from, to]`: `nodes` in lane order, `shown` the groups switched on; `starts`
 * is where each input of `log` began in the trace (Session.traceStarts).
 */
export function diagram(trace: TraceSource, log: readonly InputRecord<string>[], starts: readonly number[], nodes: readonly string[], from: number, to: number, shown: ReadonlySet<Group>): Diagram {
  const items: Item[] = [];
  for (const [i, entry] of trace.entries.entries()) {
    const start = entry.kind === 'message' ? entry.sentAt : entry.t;
    const end = entry.kind === 'message' ? entry.arriveAt : entry.t;
    // An event may stand for a span (a run of quiet messages): its items are checked one by one.
    if (entry.kind !== 'event' && (end < from || start > to)) continue;
    for (const item of itemsOf(entry, causeAt(starts, trace.dropped + i))) {
      const [a, b] = item.kind === 'arrow' ? [item.sentAt, item.arriveAt] : [item.t, item.t];
      if (shown.has(item.group) && b >= from && a <= to) items.push(item);
    }
  }
  for (const item of inputItems(log, from, to)) if (shown.has(item.group)) items.push(item);
  const busy = new Set<string>();
  for (const item of items) {
    if (item.kind === 'arrow') busy.add(item.from).add(item.to);
    else if (item.node !== null) busy.add(item.node);
  }
  const lanes = nodes.filter((n) => busy.has(n));
  // The controller and client connections get a lane only when they appear.
  for (const n of busy) if (!nodes.includes(n) && !lanes.includes(n)) lanes.push(n);
  return { lanes, idle: nodes.filter((n) => !busy.has(n)), items, from, to };
}

/** The items an input caused (followed): what selecting it in the console highlights. */
export const causedBy = (d: Diagram, input: number): Item[] => d.items.filter((item) => item.cause === input);
