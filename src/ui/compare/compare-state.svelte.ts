/**
 * The compare view's state: the page's session (its seed, node count and input log, each input at
 * its time) run in two settings, the first divergence (lab/divergence.ts), and one shared
 * position on the timeline. Moving the position rebuilds both sides at that input, so stepping and
 * scrubbing always move the two together.
 */
import type { InputRecord } from '../../engine/history.ts';
import { compareRuns, type ComparedInput, type ComparedRuns, type FieldDifference } from '../../lab/divergence.ts';
import type { RunResult } from '../../lab/session.ts';
import { toldShards } from '../graph/roles.ts';
import { freshSession } from '../state/replay.ts';
import type { Session } from '../../lab/session.ts';

export interface CompareSource {
  readonly seed: number | string;
  readonly nodes: number;
  readonly log: readonly InputRecord<string>[];
  /** The time the page shows: the end of the timeline. */
  readonly time: number;
}

export class CompareState {
  settings: [string, string] = $state(['buggy', 'fixed']);
  /** How many inputs have run on both sides (0 to inputs.length). */
  position = $state(0);
  runs: ComparedRuns = $state.raw(null as unknown as ComparedRuns);
  sides: [Session, Session] = $state.raw(null as unknown as [Session, Session]);
  readonly inputs: readonly ComparedInput[];
  /**
   * Where each node is drawn, the same on both sides and at every position (nodes never jump
   * while scrubbing): the shards of the left side's topology just before the divergence, when
   * both sides still agree (or at the end, when they never differ).
   */
  layout: string[][] = $state.raw([]);

  constructor(readonly source: CompareSource, settings: [string, string]) {
    this.inputs = source.log.map((r, i) => ({ text: r.input, line: i + 1, at: r.at }));
    this.settings = settings;
    this.recompute();
  }

  /** The two settings changed: run both again, and start where they first differ. */
  recompute(): void {
    this.runs = compareRuns(this.inputs, { nodes: this.source.nodes, seed: this.source.seed, settings: this.settings });
    const before = this.runs.divergence ? this.runs.divergence.index : this.inputs.length;
    this.position = before;
    this.rebuild();
    this.layout = toldShards(this.sides[0].world).map((shard) => shard.map((node) => node.name));
    if (this.runs.divergence) this.moveTo(before + 1);
  }

  setSettings(a: string, b: string): void {
    this.settings = [a, b];
    this.recompute();
  }

  moveTo(position: number): void {
    this.position = Math.max(0, Math.min(this.inputs.length, Math.round(position)));
    this.rebuild();
  }

  get divergence() {
    return this.runs.divergence;
  }

  /** What each side printed up to the position. */
  transcript(side: 0 | 1): readonly RunResult[] {
    return this.runs.results[side].slice(0, this.position);
  }

  /** The nodes whose state differs at the divergence (outlined in both graphs once it is reached). */
  differingNodes(): string[] {
    const d = this.runs.divergence;
    if (!d || this.position <= d.index) return [];
    return [...new Set(d.fields.map((f: FieldDifference) => f.node).filter((n): n is string => n !== null))];
  }

  private rebuild(): void {
    const sides = this.settings.map((mode) => freshSession({ seed: this.source.seed, nodes: this.source.nodes, mode })) as [Session, Session];
    for (const session of sides) {
      for (const input of this.inputs.slice(0, this.position)) {
        if (input.at !== undefined && input.at > session.now()) session.runUntil(input.at);
        session.run(input.text);
      }
      // At the end of the log, the time the page shows (time let run after the last input).
      if (this.position === this.inputs.length && this.source.time > session.now()) session.runUntil(this.source.time);
    }
    this.sides = sides;
  }
}
