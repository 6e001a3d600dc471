/**
 * Plays a program's cues into one element's console: each input shown in the command line, then
 * run through the sandbox (so it is logged and shown like a typed one); `.wait`s play their
 * virtual time out frame by frame; a lab's checks are evaluated on the live session. Pause takes
 * effect between cues. Without cues, play lets virtual time flow at `speed`, as the sandbox does.
 * Timers come from a Ticker, so tests drive it without a browser.
 */
import { checkStep } from '../lab/labs/step-check.ts';
import type { CheckResult } from '../lab/labs/index.ts';
import { frameAdvance } from '../ui/time/play-loop.svelte.ts';
import type { ConsoleState } from '../ui/console/console-state.svelte.ts';
import type { EmbedSandbox } from './embed-sandbox.ts';
import { isComment, PACE, pauseFor, waitMs } from './pacing.ts';
import { lineLabel, type Cue, type Program } from './program.ts';

export interface Ticker {
  delay(ms: number): Promise<void>;
  /** The next animation frame's timestamp (ms). */
  frame(): Promise<number>;
  now(): number;
}

export type PlayerStatus = 'ready' | 'playing' | 'paused' | 'finished' | 'failed';

export interface PlayerHooks {
  /** Before a cue's input runs: who is running it (for the step event). */
  cue?(cue: Cue & { kind: 'input' }, index: number): void;
  checks?(step: number, results: readonly CheckResult[]): void;
  finished?(status: 'finished' | 'failed'): void;
}

export class Player {
  status: PlayerStatus = $state('ready');
  /** The next cue to run. */
  position = $state(0);
  /** The lab step of the cue running or last run. */
  step: number | null = $state(null);
  /** The results of the last checks cue, and its step. */
  checks: { step: number; results: readonly CheckResult[] } | null = $state.raw(null);
  /** `file line N: error` when a cue failed. */
  failure: string | null = $state(null);
  /** A cue is under way (its pause, its wait). */
  busy = $state(false);
  /** Free play: time flows (programs without cues). */
  flowing = $state(false);
  private driving = false;
  private disposed = false;

  constructor(
    readonly program: Program,
    private readonly sandbox: EmbedSandbox,
    private readonly term: ConsoleState,
    private readonly ticker: Ticker,
    private readonly speed: () => number,
    private readonly hooks: PlayerHooks = {},
  ) {}

  get total(): number {
    return this.program.cues.length;
  }

  get playing(): boolean {
    return this.status === 'playing' || this.flowing;
  }

  play(): void {
    if (this.disposed) return;
    if (this.total === 0) {
      if (!this.flowing) void this.flow();
      return;
    }
    if (this.status === 'finished' || this.status === 'failed') return;
    this.status = 'playing';
    if (!this.driving) void this.drive(true);
  }

  /** Stops after the cue under way (or stops time flowing). */
  pause(): void {
    this.flowing = false;
    if (this.status === 'playing') this.status = 'paused';
  }

  /** One cue, without its pause (a wait still plays out). */
  async next(): Promise<void> {
    if (this.driving || this.disposed || this.status === 'finished' || this.status === 'failed' || this.total === 0) return;
    this.flowing = false;
    this.status = 'paused';
    await this.drive(false);
  }

  /** Every remaining cue at once, without pacing. */
  async finish(): Promise<void> {
    this.pause();
    while (this.driving) await this.ticker.delay(10);
    while (!this.disposed && this.status === 'paused' && this.position < this.total) await this.runCue(this.program.cues[this.position]!, false);
    if (this.status === 'paused' || this.status === 'ready') this.end('finished');
  }

  dispose(): void {
    this.disposed = true;
    this.flowing = false;
  }

  private async drive(paced: boolean): Promise<void> {
    this.driving = true;
    try {
      do {
        if (this.position >= this.total) {
          this.end('finished');
          return;
        }
        await this.runCue(this.program.cues[this.position]!, paced);
      } while (paced && this.status === 'playing' && !this.disposed);
      if (this.position >= this.total && this.status !== 'failed') this.end('finished');
    } finally {
      this.driving = false;
    }
  }

  private end(status: 'finished' | 'failed'): void {
    if (this.disposed) return;
    this.status = status;
    this.term.draft = '';
    this.hooks.finished?.(status);
  }

  private async runCue(cue: Cue, paced: boolean): Promise<void> {
    const index = this.position;
    this.busy = true;
    this.step = cue.step;
    try {
      if (cue.kind === 'checks') {
        const step = this.program.lab!.steps[cue.step]!;
        const { report } = checkStep(this.sandbox.session, step);
        this.sandbox.touched();
        this.checks = { step: cue.step, results: report.results };
        this.position = index + 1;
        this.hooks.checks?.(cue.step, report.results);
        if (paced) await this.ticker.delay(PACE.checksMs / this.speed());
        return;
      }
      const wait = waitMs(cue.text);
      const from = this.sandbox.session.now();
      if (paced && !isComment(cue.text)) {
        this.term.draft = cue.text;
        if (wait !== null) await this.playWait(wait, pauseFor(cue.text, this.speed()));
        else await this.ticker.delay(pauseFor(cue.text, this.speed()));
      } else if (wait !== null) {
        await this.playWait(wait, 0);
      }
      if (this.disposed) return;
      this.hooks.cue?.(cue, index);
      const result = wait !== null ? this.runWait(cue.text, from) : this.runInput(cue.text);
      this.position = index + 1;
      if (result.error !== null) {
        this.failure = `${lineLabel(this.program.file, cue.line)}: ${result.error}`;
        this.end('failed');
      }
    } finally {
      this.busy = false;
    }
  }

  private runInput(text: string) {
    this.term.runScripted(text);
    return this.sandbox.transcript.at(-1)!;
  }

  private runWait(text: string, from: number) {
    const result = this.sandbox.runWaitPlayed(text, from);
    this.term.draft = '';
    return result;
  }

  /** Lets `virtualMs` pass over `realMs` of animation frames (at once when realMs is 0). */
  private async playWait(virtualMs: number, realMs: number): Promise<void> {
    const sandbox = this.sandbox;
    const start = sandbox.session.now();
    const end = start + virtualMs;
    const began = this.ticker.now();
    while (realMs > 0 && !this.disposed) {
      const t = await this.ticker.frame();
      const fraction = Math.min(1, (t - began) / realMs);
      const target = start + Math.floor(virtualMs * fraction);
      if (target > sandbox.session.now()) sandbox.advance(target - sandbox.session.now());
      if (fraction >= 1) break;
    }
    if (!this.disposed && end > sandbox.session.now()) sandbox.advance(end - sandbox.session.now());
  }

  /** Time flows at `speed` while playing (no cues to play). */
  private async flow(): Promise<void> {
    this.flowing = true;
    let last = await this.ticker.frame();
    let carry = 0;
    while (this.flowing && !this.disposed) {
      const t = await this.ticker.frame();
      const step = frameAdvance(t - last, this.speed(), carry);
      last = t;
      carry = step.carry;
      this.sandbox.advance(step.ms);
    }
  }
}
