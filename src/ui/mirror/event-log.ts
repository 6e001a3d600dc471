/**
 * The event log: state transitions and events from the trace as readable lines, the newest last,
 * at most `limit` of them. Reads only the entries recorded since the previous update.
 */
import { formatTimePrecise } from '../../lab/duration.ts';
import type { TraceEntry } from '../../engine/trace.ts';
import type { World } from '../../kvrocks/world.ts';
import { TraceCursor } from '../graph/trace-cursor.ts';

export interface LogLine {
  /** Increasing for the whole life of the log (keys for the view). */
  readonly id: number;
  readonly time: string;
  readonly node: string;
  readonly text: string;
  readonly kind: 'transition' | 'event' | 'skipped';
}

export const LOG_LIMIT = 50;

/** Seconds, to the microsecond when the moment is not a whole millisecond (loopback events are µs apart). */
export function formatSeconds(ms: number): string {
  return formatTimePrecise(ms).slice(2);
}

/** A transition or event in words; null for what the log leaves to the console (commands, replies, messages). */
/** Events can list every node of a large cluster; the log shows their start. */
const MAX_EVENT_CHARS = 200;
const clip = (text: string) => (text.length > MAX_EVENT_CHARS ? `${text.slice(0, MAX_EVENT_CHARS - 1)}…` : text);

export function describeEntry(e: TraceEntry): { node: string; text: string; kind: 'transition' | 'event' } | null {
  if (e.kind === 'transition') return { node: e.node, text: `${e.machine}: ${e.from} → ${e.to}`, kind: 'transition' };
  if (e.kind === 'event') return { node: e.node === '*' ? 'lab' : e.node, text: clip(e.text), kind: 'event' };
  return null;
}

export class EventLogModel {
  private readonly cursor = new TraceCursor();
  private nextId = 0;
  lines: readonly LogLine[] = [];

  /** Reads new trace entries; returns true when the lines changed. */
  update(world: World, limit = LOG_LIMIT): boolean {
    const { entries, restarted } = this.cursor.next(world);
    if (restarted) this.lines = [];
    const fresh: LogLine[] = [];
    let skipped = 0;
    // Walk backwards: only the newest `limit` lines can be shown, the rest are counted.
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      const d = describeEntry(entry);
      if (!d) continue;
      if (fresh.length < limit) fresh.push({ id: 0, time: formatSeconds(entry.t), ...d });
      else skipped++;
    }
    if (fresh.length === 0 && !restarted) return false;
    if (skipped > 0) {
      // Make room for the line that says how many were skipped.
      const dropped = fresh.pop()!;
      skipped++;
      fresh.push({ id: 0, time: dropped.time, node: '', text: `… ${skipped} earlier transitions and events not shown`, kind: 'skipped' });
    }
    fresh.reverse();
    const numbered = fresh.map((line) => ({ ...line, id: this.nextId++ }));
    this.lines = [...this.lines, ...numbered].slice(-limit);
    return true;
  }
}
