/** Guided labs: the API the lab page (and `kvlab lab`) uses. Pure: no DOM, no clock, no I/O. */
export { LabError } from './types.ts';
export type { Check, CheckOp, CommandBlock, Lab, LabBootstrap, LabHint, LabInput, LabSolution, LabStep, Segment, Selector } from './types.ts';
export { parseLab, tryParseLab, type ParsedLab } from './parse.ts';
export { LabRunner, type Cause, type LabRunnerOptions, type StepReport } from './runner.ts';
export { compareOutcomes, readingOf, recordOutcomes, validateOutcomes, type ModeOutcomes, type OutcomeRow, type SeenCheck } from './outcomes.ts';
export { expectation, type CheckResult, type Outcome } from './check-eval.ts';
export { validateProgress, type Checkpoint, type LabProgress } from './progress.ts';
export { runLab, formatLabRun, type LabRun, type StepRun } from './run-lab.ts';
