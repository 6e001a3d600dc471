/**
 * One run of one element: a fresh sandbox, its console state and the player, wired to the events
 * a docs page listens to. Restart makes a new EmbedRun; nothing is shared between runs or elements.
 */
import type { CheckResult } from '../lab/labs/index.ts';
import { transcriptOf } from '../lab/script.ts';
import type { RunResult } from '../lab/session.ts';
import { ConsoleState } from '../ui/console/console-state.svelte.ts';
import { EmbedSandbox } from './embed-sandbox.ts';
import { Player, type Ticker } from './player.svelte.ts';
import type { Program } from './program.ts';

export type EmbedEventName = 'kvlab-ready' | 'kvlab-step' | 'kvlab-check' | 'kvlab-finished' | 'kvlab-error' | 'kvlab-resize';
export type Emit = (name: EmbedEventName, detail: Record<string, unknown>) => void;

export interface StepDetail {
  /** 0-based count of inputs this run has run (bootstrap, script and typed alike). */
  readonly index: number;
  readonly input: string;
  /** What the console printed, as redis-cli would show it. */
  readonly output: string;
  /** A console-language mistake, or null. */
  readonly error: string | null;
  readonly prompt: string;
  /** Virtual time (ms) the input ran at. */
  readonly at: number;
  /** `bootstrap` (a lab's), `script` (the scenario, lab or script played) or `console` (typed). */
  readonly source: 'bootstrap' | 'script' | 'console';
  /** The input's line in `file` (script inputs only). */
  readonly line: number | null;
  readonly file: string | null;
}

export class EmbedRun {
  readonly sandbox: EmbedSandbox;
  readonly term: ConsoleState;
  readonly player: Player;
  private count = 0;
  private origin: { source: StepDetail['source']; line: number | null } | null = null;
  private expected = 0;
  private unexpected = 0;

  constructor(
    readonly program: Program,
    private readonly emit: Emit,
    ticker: Ticker,
    speed: () => number,
  ) {
    this.sandbox = new EmbedSandbox(program.options);
    this.term = new ConsoleState(this.sandbox, null);
    this.sandbox.onRun = (result) => this.ran(result);
    this.player = new Player(program, this.sandbox, this.term, ticker, speed, {
      cue: (cue) => (this.origin = { source: 'script', line: cue.line }),
      checks: (step, results) => this.checked(step, results),
      finished: (status) => this.finished(status),
    });
    for (const input of program.bootstrap) {
      this.origin = { source: 'bootstrap', line: null };
      this.sandbox.run(input);
    }
  }

  dispose(): void {
    this.player.dispose();
    this.sandbox.onRun = null;
  }

  private ran(result: RunResult): void {
    const origin = this.origin ?? { source: 'console', line: null };
    this.origin = null;
    const detail: StepDetail = {
      index: this.count++,
      input: result.input,
      output: result.output,
      error: result.error,
      prompt: result.prompt,
      at: result.at,
      source: origin.source,
      line: origin.line,
      file: origin.source === 'script' ? this.program.file : null,
    };
    this.emit('kvlab-step', { ...detail });
  }

  private checked(step: number, results: readonly CheckResult[]): void {
    const lab = this.program.lab!;
    const s = lab.steps[step]!;
    for (const r of results) {
      if (r.ok) this.expected++;
      else this.unexpected++;
      this.emit('kvlab-check', {
        lab: lab.id,
        step: { index: s.index, id: s.id, title: s.title },
        check: r.check.source,
        line: r.check.line,
        file: lab.file,
        mode: this.sandbox.mode,
        status: r.status,
        expected: r.expected,
        ok: r.ok,
        message: r.message,
        at: r.at,
      });
    }
  }

  private finished(status: 'finished' | 'failed'): void {
    const sandbox = this.sandbox;
    this.emit('kvlab-finished', {
      status,
      failure: this.player.failure,
      inputs: this.count,
      time: sandbox.now,
      mode: sandbox.mode,
      checks: this.program.lab ? { expected: this.expected, unexpected: this.unexpected } : null,
      transcript: sandbox.transcript.map((r) => `${transcriptOf(r)}\n`).join(''),
    });
  }
}
