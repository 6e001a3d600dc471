/**
 * One lab in progress in the page: a LabRunner that owns the sandbox's session, so the console,
 * graph, inspector and mirror show the lab's cluster. Commands of a block run through the sandbox
 * (the console shows them verbatim); checks, hints, solutions and navigation go to the runner;
 * every change is saved as the runner's progress.
 */
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import type { Check, CheckResult, Lab, LabInput, LabRunner, LabStep, Outcome, StepReport } from '../../lab/labs/index.ts';
import type { RunResult } from '../../lab/session.ts';
import type { Sandbox, SessionOwner } from '../state/sandbox.svelte.ts';
import type { LabStore } from './progress-store.ts';

/** How a check stands in the current mode: what the lab expects, and what happened when checked. */
export interface CheckView {
  readonly check: Check;
  /** null: the check does not apply in this mode. */
  readonly expected: Outcome | null;
  readonly result: CheckResult | null;
}

export class LabSession {
  /** The result of the last Check on this step (null until checked, and after anything changes). */
  report: StepReport | null = $state.raw(null);
  hintShown = $state(false);
  solutionShown = $state(false);
  /** The lines of the blocks run on this step, and a console error one of them stopped at. */
  ran: ReadonlySet<number> = $state.raw(new Set());
  runError: { readonly block: number; readonly message: string } | null = $state.raw(null);
  /** Called when the sandbox let go of the lab (a new session or an import replaced it). */
  onreleased: (() => void) | null = null;
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
    return this.step.checks.map((check) => ({ check, expected: applicable.get(check) ?? null, result: results.get(check) ?? null }));
  }

  /**
   * Runs a block's inputs through the sandbox, so they go through the console like typed ones;
   * stops at the first console error, which the block then shows.
   */
  runInputs(inputs: readonly LabInput[], block: number): RunResult[] {
    const results: RunResult[] = [];
    this.runError = null;
    for (const input of inputs) {
      const result = this.sandbox.run(input.text);
      results.push(result);
      if (result.error !== null) {
        this.runError = { block, message: result.error };
        break;
      }
    }
    this.ran = new Set([...this.ran, block]);
    return results;
  }

  check(): StepReport {
    const report = this.current.check();
    this.report = report;
    this.changed();
    return report;
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
    if (!this.current.next()) return false;
    this.enterStep();
    this.changed(false);
    return true;
  }

  /** Back to where step `index` began (this session's own inputs replayed). */
  back(index = Math.max(0, this.stepNumber - 1)): void {
    this.current.back(index);
    this.enterStep();
    this.changed();
  }

  /** Any step: earlier ones by going back, later ones by the lab's own path to them. */
  goTo(index: number): void {
    if (index === this.stepNumber) return;
    if (index < this.stepNumber) return this.back(index);
    this.current.jump(index);
    this.enterStep();
    this.changed();
  }

  /** Writes the progress now (the sandbox calls this where it would save its own session). */
  save(): void {
    this.store?.save(this.current);
  }

  /** A console input typed while the lab owns the sandbox. */
  private typed(input: string): RunResult {
    const result = this.current.run(input);
    this.report = null;
    this.version++;
    return result;
  }

  private enterStep(): void {
    const id = this.current.step.id;
    this.report = null;
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
