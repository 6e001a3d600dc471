/**
 * LabRunner: a lab over one Session, for the page and for Node. It knows the current step, runs a
 * step's ```kvlab blocks (one or all) and its solution, evaluates its checks, goes back by
 * replaying the input log to where a step began, jumps to any step by replaying the lab's own
 * path, and reports progress as plain data. Navigation replaces `session`: read it again after.
 */
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import { Session, type RunResult } from '../session.ts';
import type { Outcome } from './check-eval.ts';
import { likelyCause, nodeFacts, type Cause, type NodeFacts } from './causes.ts';
import { applicable, checkStep, type StepReport } from './step-check.ts';
import { PROGRESS_FORMAT, replayLog, validateProgress, type Checkpoint, type LabProgress } from './progress.ts';
import { LabError, type Check, type Lab, type LabHint, type LabInput, type LabSolution, type LabStep } from './types.ts';

export type { StepReport } from './step-check.ts';
export type { Cause } from './causes.ts';

export interface LabRunnerOptions {
  /** One of lab.modes; lab.mode by default. */
  readonly mode?: BehaviourMode;
  /** lab.seed by default. */
  readonly seed?: number | string;
}

export class LabRunner {
  readonly mode: BehaviourMode;
  readonly seed: number | string;
  private current: Session;
  private stepIndex = 0;
  private checkpoints: Checkpoint[] = [];
  private checkReads = new Set<number>();
  private results: RunResult[] = [];
  private readonly passed = new Set<string>();
  private readonly revealed = new Set<string>();

  constructor(
    readonly lab: Lab,
    options: LabRunnerOptions = {},
  ) {
    this.mode = options.mode ?? lab.mode;
    this.seed = options.seed ?? lab.seed;
    if (!lab.modes.includes(this.mode)) throw new RangeError(`lab '${lab.id}' is written for modes ${lab.modes.join(', ')}, not ${this.mode}`);
    this.current = this.fresh();
  }

  /** Restores a runner from saved progress (untrusted data): the runner, or why not. */
  static restore(lab: Lab, saved: unknown): { ok: true; runner: LabRunner } | { ok: false; error: string } {
    const progress = validateProgress(saved, lab);
    if (typeof progress === 'string') return { ok: false, error: progress };
    const runner = new LabRunner(lab, { mode: progress.mode, seed: progress.seed });
    runner.rebuild(progress.log, progress.log.length, progress.now, new Set(progress.checkReads));
    runner.stepIndex = progress.step;
    runner.checkpoints = progress.checkpoints.map((c) => ({ ...c }));
    for (const id of progress.passed) runner.passed.add(id);
    for (const key of progress.revealed) runner.revealed.add(key);
    return { ok: true, runner };
  }

  get session(): Session {
    return this.current;
  }

  get stepNumber(): number {
    return this.stepIndex;
  }

  get step(): LabStep {
    return this.lab.steps[this.stepIndex]!;
  }

  get isLastStep(): boolean {
    return this.stepIndex === this.lab.steps.length - 1;
  }

  /** What the console showed since the session started (check reads left out), bootstrap included. */
  get transcript(): readonly RunResult[] {
    return this.results;
  }

  /** The checks of the current step that apply in the session's mode, with the outcome the lab expects. */
  applicableChecks(): { check: Check; expected: Outcome }[] {
    return applicable(this.step, this.current.world.mode);
  }

  /** One console input typed by the learner. */
  run(input: string): RunResult {
    const result = this.current.run(input);
    this.results.push(result);
    return result;
  }

  /** Runs blocks[index] of the current step; stops at the first console error (the last result carries it). */
  runBlock(index: number): RunResult[] {
    const block = this.step.blocks[index];
    if (!block) throw new RangeError(`step '${this.step.id}' has ${this.step.blocks.length} kvlab block(s), no block ${index}`);
    return this.runInputs(block.inputs).results;
  }

  /** Runs every block of the current step in order; stops at the first console error. */
  runBlocks(): RunResult[] {
    return this.runInputs(this.step.blocks.flatMap((b) => b.inputs)).results;
  }

  /** Runs the current step's solution (and counts it as revealed). */
  runSolution(): RunResult[] {
    const solution = this.solution();
    return solution ? this.runInputs(solution.inputs).results : [];
  }

  hint(): LabHint | null {
    if (this.step.hint) this.revealed.add(`hint:${this.step.id}`);
    return this.step.hint;
  }

  solution(): LabSolution | null {
    if (this.step.solution) this.revealed.add(`solution:${this.step.id}`);
    return this.step.solution;
  }

  /** True when the step gives commands to run (blocks, or a solution to type). */
  get asksForCommands(): boolean {
    return this.step.blocks.length > 0 || this.step.solution !== null;
  }

  /** How many inputs the learner ran since the current step began (checks' reads not counted). */
  get stepInputs(): number {
    const from = this.checkpoints[this.stepIndex]!.log;
    let count = 0;
    for (let i = from; i < this.current.log.length; i++) if (!this.checkReads.has(i)) count++;
    return count;
  }

  /** Where the current step began: its virtual time and input count. */
  get stepStart(): Checkpoint {
    return { ...this.checkpoints[this.stepIndex]! };
  }

  /**
   * Evaluates the current step's checks in order; `within` checks let virtual time pass. A step
   * that gives commands cannot pass before any ran: its report has no results and `notRun` set.
   */
  check(): StepReport {
    if (this.asksForCommands && this.stepInputs === 0) {
      return { step: this.stepIndex, id: this.step.id, results: [], skipped: this.step.checks.length - this.applicableChecks().length, complete: false, notRun: true };
    }
    return this.evaluate(true);
  }

  /** The likely cause of each failed check of a report (by the check's line), as causes.ts finds it. */
  causes(report: StepReport): Map<number, Cause> {
    const found = new Map<number, Cause>();
    const failed = report.results.filter((r) => !r.ok);
    if (failed.length === 0) return found;
    let reference: readonly NodeFacts[] | null | undefined;
    const ctx = {
      session: this.current,
      replay: (count: number, until: number) => {
        const session = new Session({ nodes: this.lab.nodes, seed: this.seed, mode: this.mode });
        replayLog(session, this.current.log, count, until, this.checkReads);
        return session;
      },
      lastInput: this.lastInput(),
      reference: () => (reference === undefined ? (reference = this.pathFacts()) : reference),
      unpassed: this.lab.steps.slice(0, this.stepIndex).filter((s) => !this.passed.has(s.id) && applicable(s, this.current.world.mode).length > 0),
    };
    for (const result of failed) {
      const cause = likelyCause(ctx, result);
      if (cause) found.set(result.check.line, cause);
    }
    return found;
  }

  /** Back to where the current step began, dropping what was run in it since (its own replay). */
  resetStep(): void {
    this.back(this.stepIndex);
  }

  /** Moves to the next step (whether or not its checks passed); false on the last step. */
  next(): boolean {
    if (this.isLastStep) return false;
    this.stepIndex++;
    this.checkpoints = [...this.checkpoints.slice(0, this.stepIndex), this.here()];
    return true;
  }

  /** Back to the moment step `index` began, by replaying this session's own inputs (0 <= index <= current). */
  back(index = Math.max(0, this.stepIndex - 1)): void {
    const target = this.checkpoints[index];
    if (!Number.isInteger(index) || index < 0 || index > this.stepIndex || !target) throw new RangeError(`cannot go back to step ${index} from step ${this.stepIndex}`);
    const log = this.current.log.slice(0, target.log);
    this.rebuild(log, target.log, target.at, new Set([...this.checkReads].filter((i) => i < target.log)));
    this.stepIndex = index;
    this.checkpoints = this.checkpoints.slice(0, index + 1);
  }

  /** To the start of step `index` as the lab itself gets there: bootstrap, then each earlier step's blocks, solution and checks. */
  jump(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.lab.steps.length) throw new RangeError(`lab '${this.lab.id}' has steps 0..${this.lab.steps.length - 1}, no step ${index}`);
    this.current = this.fresh();
    this.stepIndex = 0;
    while (this.stepIndex < index) {
      // The lab ran these steps for the learner: those its own path passes count as passed.
      if (this.followPath().report.complete) this.passed.add(this.step.id);
      this.next();
    }
  }

  /** The lab's own path through the current step: its blocks, its solution, then its checks. Throws LabError if a console input fails. */
  followPath(): { inputs: RunResult[]; report: StepReport } {
    const step = this.step;
    const inputs = [...this.strict(step.blocks.flatMap((b) => b.inputs)), ...this.strict(step.solution?.inputs ?? [])];
    return { inputs, report: this.evaluate(false) };
  }

  progress(): LabProgress {
    return {
      format: PROGRESS_FORMAT,
      lab: this.lab.id,
      mode: this.mode,
      seed: this.seed,
      step: this.stepIndex,
      checkpoints: this.checkpoints.map((c) => ({ ...c })),
      log: this.current.log.map((r) => ({ ...r })),
      checkReads: [...this.checkReads].sort((a, b) => a - b),
      now: this.current.now(),
      passed: [...this.passed],
      revealed: [...this.revealed],
    };
  }

  /** The learner's last input that changed the cluster: not a check's read, nor `.wait`/`.time` (they only let time pass). */
  private lastInput(): number | null {
    for (let i = this.current.log.length - 1; i >= 0; i--) {
      if (!this.checkReads.has(i) && !/^\.(wait|time)\b/.test(this.current.log[i]!.input.trim())) return i;
    }
    return null;
  }

  /** The nodes as the lab's own path leaves them at the end of the current step (null if it cannot run). */
  private pathFacts(): NodeFacts[] | null {
    try {
      const path = new LabRunner(this.lab, { mode: this.mode, seed: this.seed });
      path.jump(this.stepIndex);
      path.followPath();
      return nodeFacts(path.session);
    } catch {
      return null;
    }
  }

  private here(): Checkpoint {
    return { at: this.current.now(), log: this.current.log.length };
  }

  private evaluate(record: boolean): StepReport {
    const { report, reads } = checkStep(this.current, this.step);
    for (const i of reads) this.checkReads.add(i);
    if (record && report.complete) this.passed.add(report.id);
    return report;
  }

  private runInputs(inputs: readonly LabInput[]): { results: RunResult[]; failed: LabInput | null } {
    const results: RunResult[] = [];
    for (const input of inputs) {
      const result = this.run(input.text);
      results.push(result);
      if (result.error !== null) return { results, failed: input };
    }
    return { results, failed: null };
  }

  private strict(inputs: readonly LabInput[]): RunResult[] {
    const { results, failed } = this.runInputs(inputs);
    if (failed) throw new LabError(this.lab.file, failed.line, `console error: ${results[results.length - 1]!.error}`);
    return results;
  }

  /** A fresh session with the bootstrap run: step 0 begins here. */
  private fresh(): Session {
    this.current = new Session({ nodes: this.lab.nodes, seed: this.seed, mode: this.mode });
    this.results = [];
    this.checkReads = new Set();
    this.strict(this.lab.bootstrap.inputs);
    this.checkpoints = [this.here()];
    return this.current;
  }

  private rebuild(log: readonly { at: number; input: string }[], count: number, until: number, checkReads: Set<number>): void {
    const session = new Session({ nodes: this.lab.nodes, seed: this.seed, mode: this.mode });
    this.results = replayLog(session, log, count, until, checkReads);
    this.current = session;
    this.checkReads = checkReads;
  }
}
