/**
 * Messages in flight, raftscope style: a trace message carries its send and arrival times, so "in
 * flight" is `sentAt <= now < arriveAt` and the dot's place on its edge is a fraction of that span.
 * Simulated latencies are 0.05-0.15 ms (loopback), invisible at real speed, so a message may be shown for at least
 * `minShowMs` of virtual time (the view chooses it from the playback speed).
 */
import type { TraceEntry } from '../../engine/trace.ts';

export type MessageKind = 'command' | 'reply' | 'error' | 'wal' | 'ping' | 'syn' | 'files';

export interface MessageData {
  /** `msg:<trace index>`: stable for the message's whole flight. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly kind: MessageKind;
  /** 0 at the sender, 1 at the receiver. */
  readonly progress: number;
}

interface Pending {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly kind: MessageKind;
  readonly sentAt: number;
  readonly arriveAt: number;
}

export function messageKind(label: string): MessageKind {
  if (label === 'SYN') return 'syn';
  if (label === 'ping') return 'ping';
  if (label === 'reply' || label === 'line') return 'reply';
  if (label.startsWith('-')) return 'error';
  if (label.startsWith('WAL')) return 'wal';
  if (label.startsWith('files')) return 'files';
  return 'command';
}

export interface InFlightOptions {
  /** Show each message for at least this much virtual time. */
  readonly minShowMs?: number;
  /** At most this many dots between one ordered pair of hosts (the newest win). */
  readonly perLink?: number;
  /** At most this many dots in all (the newest win). */
  readonly total?: number;
}

export class InFlight {
  private pending: Pending[] = [];
  private nextIndex = 0;

  reset(): void {
    this.pending = [];
    this.nextIndex = 0;
  }

  /** Feeds the trace entries recorded since the last call, in order. */
  add(entries: readonly TraceEntry[]): void {
    for (const e of entries) {
      const index = this.nextIndex++;
      if (e.kind !== 'message') continue;
      this.pending.push({ id: `msg:${index}`, from: e.from, to: e.to, label: e.label, kind: messageKind(e.label), sentAt: e.sentAt, arriveAt: e.arriveAt });
    }
  }

  /** The messages visible at `now`; forgets the ones whose time is over (so the list stays small). */
  at(now: number, options: InFlightOptions = {}): MessageData[] {
    const minShow = options.minShowMs ?? 0;
    const perLink = options.perLink ?? 3;
    const total = options.total ?? 300;
    const end = (m: Pending) => Math.max(m.arriveAt, m.sentAt + minShow);
    this.pending = this.pending.filter((m) => end(m) > now);
    const shown: MessageData[] = [];
    const perPair = new Map<string, number>();
    for (let i = this.pending.length - 1; i >= 0 && shown.length < total; i--) {
      const m = this.pending[i]!;
      if (m.sentAt > now) continue;
      const pair = `${m.from}>${m.to}`;
      const count = perPair.get(pair) ?? 0;
      if (count >= perLink) continue;
      perPair.set(pair, count + 1);
      const span = end(m) - m.sentAt;
      const progress = span <= 0 ? 1 : Math.min(1, Math.max(0, (now - m.sentAt) / span));
      shown.push({ id: m.id, from: m.from, to: m.to, label: m.label, kind: m.kind, progress });
    }
    return shown.reverse();
  }
}
