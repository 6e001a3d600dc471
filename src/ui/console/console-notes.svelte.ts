/**
 * Lines the console shows that are not part of the session (a reload or an export has none): a
 * line abandoned with Ctrl+C, and the hint that time is paused. Each sits before transcript entry
 * `after` (after the first `after` entries).
 */
import type { RunResult } from '../../lab/session.ts';
import type { Sandbox } from '../state/sandbox.svelte.ts';
import { needsTime, PAUSED_HINT } from './time-hint.ts';

export interface ConsoleNote {
  readonly after: number;
  readonly kind: 'abandoned' | 'paused';
  readonly text: string;
}

export class ConsoleNotes {
  list: readonly ConsoleNote[] = $state.raw([]);
  /** The sandbox's play count when the paused hint was last shown: once per pause. */
  private hintedAt = -1;

  constructor(private readonly sandbox: Sandbox) {}

  /** After an input that needs time, typed while paused: once per pause, and not in a lab (its panel says it). */
  hintIfPaused(result: RunResult): void {
    const sandbox = this.sandbox;
    if (sandbox.playing || sandbox.owner || this.hintedAt === sandbox.plays || !needsTime(result)) return;
    this.hintedAt = sandbox.plays;
    this.add('paused', PAUSED_HINT);
  }

  /** A note after the transcript's last entry; notes past it (the transcript shrank on a seek) go. */
  add(kind: ConsoleNote['kind'], text: string): void {
    const after = this.sandbox.transcript.length;
    this.list = [...this.list.filter((n) => n.after <= after), { after, kind, text }];
  }

  clear(): void {
    this.list = [];
  }
}
