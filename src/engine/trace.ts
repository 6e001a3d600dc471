/**
 * The trace: every command, reply, message and state transition with its virtual time. It is the
 * model's flight recorder: the UI animates from it, tests compare it byte for byte for determinism.
 */
export type TraceEntry =
  | { t: number; kind: 'command'; node: string; client: string; argv: readonly string[] }
  | { t: number; kind: 'reply'; node: string; client: string; text: string }
  | { t: number; kind: 'message'; from: string; to: string; conn: number; label: string; sentAt: number; arriveAt: number }
  | { t: number; kind: 'transition'; node: string; machine: string; from: string; to: string }
  | { t: number; kind: 'event'; node: string; text: string };

export type TraceListener = (entry: TraceEntry) => void;

export class Trace {
  /** The kept entries: all of them, unless `limit` dropped the oldest. */
  readonly entries: TraceEntry[] = [];
  private listeners = new Set<TraceListener>();
  /** When false, entries are still announced to listeners but not kept (long benchmarks). */
  keep = true;
  /** Keep about this many recent entries (a long-running page); null keeps everything. */
  limit: number | null = null;
  /** How many of the oldest entries `limit` has dropped. */
  dropped = 0;

  record(entry: TraceEntry): void {
    if (this.keep) {
      this.entries.push(entry);
      // Trim in chunks so the cost stays amortised O(1) per entry.
      if (this.limit !== null && this.entries.length > this.limit * 1.5) {
        const cut = this.entries.length - this.limit;
        this.entries.splice(0, cut);
        this.dropped += cut;
      }
    }
    for (const listener of this.listeners) listener(entry);
  }

  /** The absolute index one past the newest entry (it only grows, trimming or not). */
  get end(): number {
    return this.dropped + this.entries.length;
  }

  /** Entries from absolute index `from` on (those already dropped are skipped). */
  since(from: number): readonly TraceEntry[] {
    const start = Math.max(0, from - this.dropped);
    return start >= this.entries.length ? [] : this.entries.slice(start);
  }

  subscribe(listener: TraceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

/** One stable line per entry, used to compare traces and to print them. */
export function formatTraceEntry(e: TraceEntry): string {
  const t = e.t.toFixed(3).padStart(12);
  switch (e.kind) {
    case 'command':
      return `${t} ${e.node} <${e.client}> ${JSON.stringify(e.argv)}`;
    case 'reply':
      return `${t} ${e.node} >${e.client}< ${JSON.stringify(e.text)}`;
    case 'message':
      return `${t} ${e.from}->${e.to} #${e.conn} ${e.label} (arrives ${e.arriveAt.toFixed(3)})`;
    case 'transition':
      return `${t} ${e.node} ${e.machine}: ${e.from} -> ${e.to}`;
    case 'event':
      return `${t} ${e.node} ${e.text}`;
  }
}
