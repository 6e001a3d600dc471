/**
 * One lab in progress in the page: a LabRunner that owns the sandbox's session, so the console,
 * graph, inspector and mirror show the lab's cluster. Commands of a block run through the sandbox
 * (the console shows them verbatim); checks, hints, solutions and navigation go to the runner;
 * every change is saved as the runner's progress.
 */
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import { settingAfter } from '../../lab/behaviour-commands.ts';
import { formatTime } from '../../lab/duration.ts';
import { LabRunner, recordOutcomes, type Cause, type Check, type CheckResult, type Lab, type LabInput, type LabProgress, type LabStep, type ModeOutcomes, type Outcome, type StepReport } from '../../lab/labs/index.ts';
import type { RunResult } from '../../lab/session.ts';
import type { Sandbox, SessionOwner } from '../state/sandbox.svelte.ts';
import type { LabStore } from './progress-store.ts';

/** How a check stands in the current mode: what the lab expects, and what happened when checked. */
export interface CheckView {
  readonly check: Check;
  /** null: the check does not apply in this mode. */
  readonly expected: Outcome | null;
  readonly result: CheckResult | null;
  /** Why it failed, when the lab can tell (causes.ts). */
  readonly cause: Cause | null;
}

/** A behaviour switch asked for during the lab, waiting for Restart / Keep going / Cancel. */
export interface ModeRequest {
  readonly input: string;
  readonly mode: BehaviourMode;
  /** The lab is written for this mode: it can restart in it. */
  readonly restartable: boolean;
}

export class LabSession {
  /** The result of the last Check on this step (null until checked, and after anything changes). */
  report: StepReport | null = $state.raw(null);
  hintShown = $state(false);
  solutionShown = $state(false);
  /** The lines of the blocks run on this step, and a console error one of them stopped at. */
  ran: ReadonlySet<number> = $state.raw(new Set());
  runError: { readonly block: number; readonly message: string } | null = $state.raw(null);
  /** Likely causes of the last report's failures, by check line. */
  causes: ReadonlyMap<number, Cause> = $state.raw(new Map());
  /** A behaviour switch waiting for the learner's answer. */
  modeRequest: ModeRequest | null = $state.raw(null);
  /** What the last navigation or reset did that the learner should know (shown in the panel). */
  note: string | null = $state(null);
  /** The progress before "Reset this step", while it can be undone. */
  undoable: LabProgress | null = $state.raw(null);
  /** What this lab's checks read in this mode, for the two-mode comparison. */
  outcomes: ModeOutcomes | null = $state.raw(null);
  /** Called when the sandbox let go of the lab (a new session or an import replaced it). */
  onreleased: (() => void) | null = null;
  /** Restart this lab afresh in another of its modes. */
  onrestart: ((mode: BehaviourMode) => void) | null = null;
  /** The page wants the lab panel in view (a question waits there). */
  onattention: (() => void) | null = null;
  private inBlock = false;
  readonly owner: SessionOwner;
  private version = $state(0);
  private current: LabRunner;
  private hiddenReads: ReadonlySet<number> = new Set();
  private passedIds: readonly string[] = [];
  private revealedKeys: readonly string[] = [];

  constructor(
    readonly lab: Lab,
    runner: LabRunner,
    private readonly sandbox: Sandbox,
    private readonly store: LabStore | null,
  ) {
    this.current = runner;
    this.outcomes = store?.readOutcomes(lab, runner.mode) ?? null;
    const live = () => this.current;
    this.owner = {
      get session() {
        return live().session;
      },
      get transcript() {
        return live().transcript;
      },
      run: (input) => this.typed(input),
      hidden: (index) => this.hiddenReads.has(index),
      persist: () => this.save(),
      released: () => this.onreleased?.(),
    };
    this.refresh();
    this.enterStep();
  }

  get runner(): LabRunner {
    void this.version;
    return this.current;
  }

  get step(): LabStep {
    return this.runner.step;
  }

  get stepNumber(): number {
    return this.runner.stepNumber;
  }

  get isLastStep(): boolean {
    return this.runner.isLastStep;
  }

  /** The mode the lab was started in (saved progress is per mode). */
  get startMode(): BehaviourMode {
    return this.current.mode;
  }

  /** The mode in force now: a `.mode` input may have switched it, and checks follow it. */
  get mode(): BehaviourMode {
    void this.version;
    return this.current.session.world.mode;
  }

  get passed(): ReadonlySet<string> {
    void this.version;
    return new Set(this.passedIds);
  }

  /** Virtual time runs (the page's Play): checks read a cluster that moves on. */
  get timeRunning(): boolean {
    return this.sandbox.playing;
  }

  /** True while the timeline shows an earlier moment than the lab's live one. */
  get viewingPast(): boolean {
    void this.sandbox.revision;
    return this.sandbox.owner === this.owner && this.sandbox.session !== this.current.session;
  }

  /** Every check of the current step with what the lab expects in this mode and the last result. */
  checks(): CheckView[] {
    void this.version;
    const applicable = new Map(this.current.applicableChecks().map((a) => [a.check, a.expected]));
    const results = new Map(this.report?.results.map((r) => [r.check, r]));
    return this.step.checks.map((check) => ({ check, expected: applicable.get(check) ?? null, result: results.get(check) ?? null, cause: this.causes.get(check.line) ?? null }));
  }

  /**
   * Runs a block's inputs through the sandbox, so they go through the console like typed ones;
   * stops at the first console error, which the block then shows.
   */
  runInputs(inputs: readonly LabInput[], block: number): RunResult[] {
    const results: RunResult[] = [];
    this.runError = null;
    this.settle();
    // The lab's own inputs are the lab's: a `.mode` among them is not the learner switching.
    this.inBlock = true;
    try {
      for (const input of inputs) {
        const result = this.sandbox.run(input.text);
        results.push(result);
        if (result.error !== null) {
          this.runError = { block, message: result.error };
          break;
        }
      }
    } finally {
      this.inBlock = false;
    }
    this.ran = new Set([...this.ran, block]);
    return results;
  }

  /** Checks only read: a reset before it can still be undone. */
  check(): StepReport {
    const report = this.current.check();
    this.report = report;
    this.causes = this.current.causes(report);
    if (!report.notRun) {
      this.outcomes = recordOutcomes(this.outcomes, this.mode, report);
      this.store?.saveOutcomes(this.lab, this.outcomes);
    }
    this.changed();
    return report;
  }

  /** Back to where this step began: what ran in it since is dropped, and Undo brings it back. */
  resetStep(): void {
    const before = this.current.progress();
    const dropped = this.current.stepInputs;
    this.navigate(() => this.current.resetStep());
    this.undoable = before;
    const inputs = dropped === 1 ? '1 input' : `${dropped} inputs`;
    this.note = `Step reset to its start (${formatTime(this.current.session.now())}): ${inputs} and ${seconds(before.now - this.current.session.now())} of virtual time undone.${this.note ? ` ${this.note}` : ''}`;
  }

  /** Undoes the last "Reset this step": the session as it was just before it. */
  undoReset(): void {
    const saved = this.undoable;
    if (!saved) return;
    const restored = LabRunner.restore(this.lab, saved);
    this.undoable = null;
    if (!restored.ok) {
      this.note = `The reset could not be undone: ${restored.error}.`;
      return;
    }
    this.current = restored.runner;
    this.enterStep();
    this.note = 'Reset undone: the step is as you left it.';
    this.changed();
  }

  /** The learner's answer to a behaviour switch asked for during the lab. */
  answerMode(answer: 'restart' | 'keep' | 'cancel'): void {
    const request = this.modeRequest;
    this.modeRequest = null;
    if (!request) return;
    if (answer === 'restart' && request.restartable) return this.onrestart?.(request.mode);
    if (answer !== 'keep') return;
    const written = this.startMode;
    this.inBlock = true;
    try {
      this.sandbox.run(request.input);
    } finally {
      this.inBlock = false;
    }
    this.note = `Switched to ${this.mode} mode for the rest of this lab; its checks were written for ${written}, and now expect what ${this.mode} mode does.`;
  }

  showHint(): void {
    this.current.hint();
    this.hintShown = true;
    this.changed(false);
  }

  showSolution(): void {
    this.current.solution();
    this.solutionShown = true;
    this.changed(false);
  }

  next(): boolean {
    this.settle();
    if (!this.current.next()) return false;
    this.enterStep();
    this.changed(false);
    return true;
  }

  /** Back to where step `index` began (this session's own inputs replayed). */
  back(index = Math.max(0, this.stepNumber - 1)): void {
    this.navigate(() => this.current.back(index));
  }

  /** Any step: earlier ones by going back, later ones by the lab's own path to them. */
  goTo(index: number): void {
    if (index === this.stepNumber) return;
    if (index < this.stepNumber) return this.back(index);
    this.navigate(() => this.current.jump(index));
  }

  /** Writes the progress now (the sandbox calls this where it would save its own session). */
  save(): void {
    this.store?.save(this.current);
  }

  /** Moves the runner; a mode that changes on the way is said, never silently restored. */
  private navigate(move: () => void): void {
    this.settle();
    const before = this.mode;
    move();
    this.enterStep();
    this.changed();
    const after = this.mode;
    if (after !== before) this.note = `Going back undid the switch to ${before}: this step began in ${after} mode, and the lab is in ${after} mode again.`;
  }

  /** Any new action ends what the last one offered (its note, its undo). */
  private settle(): void {
    this.note = null;
    this.undoable = null;
  }

  /** A console input typed while the lab owns the sandbox. */
  private typed(input: string): RunResult {
    const setting = this.inBlock ? null : settingAfter(this.current.session, input);
    if (setting !== null && setting !== this.mode) {
      // Never relabel the lab silently: ask (LabPanel's question), and run nothing until answered.
      this.modeRequest = { input, mode: setting, restartable: this.lab.modes.includes(setting) };
      this.onattention?.();
      return { at: this.current.session.now(), prompt: '', input, output: '', error: null, argv: null, tookMs: 0 };
    }
    this.settle();
    const result = this.current.run(input);
    this.report = null;
    this.version++;
    return result;
  }

  private enterStep(): void {
    const id = this.current.step.id;
    this.report = null;
    this.causes = new Map();
    this.runError = null;
    this.ran = new Set();
    this.hintShown = this.revealedKeys.includes(`hint:${id}`);
    this.solutionShown = this.revealedKeys.includes(`solution:${id}`);
  }

  private refresh(): void {
    const progress = this.current.progress();
    this.hiddenReads = new Set(progress.checkReads);
    this.passedIds = progress.passed;
    this.revealedKeys = progress.revealed;
    this.version++;
  }

  /** After the runner changed: the sandbox shows its session (and saves), or just save. */
  private changed(session = true): void {
    this.refresh();
    if (session && this.sandbox.owner === this.owner) this.sandbox.sync();
    else this.save();
  }
}

/** `2.0 s`, `300 ms`. */
function seconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
