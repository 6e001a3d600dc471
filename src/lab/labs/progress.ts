/**
 * A learner's progress as plain JSON data the page can persist (localStorage, a URL, a file):
 * the session's input log with virtual times, where each reached step began, which log entries
 * were check reads, and what was passed or revealed. Restoring replays the log on a fresh session.
 */
import type { InputRecord } from '../../engine/history.ts';
import { isMode, type BehaviourMode } from '../../kvrocks/mode.ts';
import type { RunResult, Session } from '../session.ts';
import type { Lab } from './types.ts';

export const PROGRESS_FORMAT = 1;
/** Far beyond any lesson; keeps a corrupt or hostile blob from replaying for ever. */
export const MAX_PROGRESS_INPUTS = 200_000;

export interface Checkpoint {
  /** Virtual time when the step began. */
  readonly at: number;
  /** Length of the input log when the step began. */
  readonly log: number;
}

export interface LabProgress {
  readonly format: typeof PROGRESS_FORMAT;
  /** The lab's id. */
  readonly lab: string;
  /** The mode the session started in (`.mode` inputs in the log may switch it later). */
  readonly mode: BehaviourMode;
  readonly seed: number | string;
  /** The current step (0-based). */
  readonly step: number;
  /** Where each step up to the current one began: checkpoints[i] is step i. */
  readonly checkpoints: readonly Checkpoint[];
  readonly log: readonly InputRecord<string>[];
  /** Indexes into `log` of the reads made by checks (left out of the transcript). */
  readonly checkReads: readonly number[];
  /** Virtual time when the progress was taken. */
  readonly now: number;
  /** Ids of steps whose checks all had the expected outcome at least once. */
  readonly passed: readonly string[];
  /** `hint:<step id>` and `solution:<step id>` for what the learner revealed. */
  readonly revealed: readonly string[];
}

/** Replays `log[0..count)` on `session` at the recorded times, then lets time reach `until`. */
export function replayLog(session: Session, log: readonly InputRecord<string>[], count: number, until: number, checkReads: ReadonlySet<number>): RunResult[] {
  const transcript: RunResult[] = [];
  for (let i = 0; i < count; i++) {
    const record = log[i]!;
    if (record.at > session.now()) session.runUntil(record.at);
    const result = session.run(record.input);
    if (!checkReads.has(i)) transcript.push(result);
  }
  if (until > session.now()) session.runUntil(until);
  return transcript;
}

const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && Number.isInteger(v);
const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Checks untrusted data before a replay: a reason, or the progress typed. */
export function validateProgress(value: unknown, lab: Lab): LabProgress | string {
  if (typeof value !== 'object' || value === null) return 'progress is not an object';
  const p = value as Record<string, unknown>;
  if (p.format !== PROGRESS_FORMAT) return `unknown progress format ${String(p.format)}`;
  if (p.lab !== lab.id) return `progress is for lab '${String(p.lab)}', not '${lab.id}'`;
  if (typeof p.mode !== 'string' || !isMode(p.mode) || !lab.modes.includes(p.mode)) return `progress mode '${String(p.mode)}' is not one of the lab's modes`;
  if (typeof p.seed !== 'string' && !(typeof p.seed === 'number' && Number.isFinite(p.seed))) return 'progress seed is not a number or a string';
  if (typeof p.step !== 'number' || !Number.isInteger(p.step) || p.step < 0 || p.step >= lab.steps.length) return `progress step ${String(p.step)} is not a step of this lab`;
  const log = p.log;
  if (!Array.isArray(log) || log.length > MAX_PROGRESS_INPUTS) return 'progress log is not a list of inputs';
  let last = 0;
  for (const record of log as unknown[]) {
    const r = record as Record<string, unknown> | null;
    if (typeof r !== 'object' || r === null || !isTime(r.at) || typeof r.input !== 'string' || r.at < last) return 'progress log entries must be {at, input} in time order';
    last = r.at;
  }
  if (!isTime(p.now) || p.now < last) return 'progress time is before its last input';
  const cps = p.checkpoints;
  if (!Array.isArray(cps) || cps.length !== p.step + 1) return 'progress needs one checkpoint per step up to the current one';
  let prev: Checkpoint = { at: 0, log: 0 };
  for (const cp of cps as unknown[]) {
    const c = cp as Record<string, unknown> | null;
    if (typeof c !== 'object' || c === null || !isTime(c.at) || !isTime(c.log) || c.log > log.length || c.log < prev.log || c.at < prev.at || c.at > p.now) return 'progress checkpoints are out of order';
    prev = { at: c.at, log: c.log };
  }
  const reads = p.checkReads;
  if (!Array.isArray(reads) || !reads.every((i, k) => Number.isInteger(i) && i >= 0 && i < log.length && (k === 0 || i > reads[k - 1]))) return 'progress check reads are not log indexes in order';
  if (!isStringList(p.passed) || !isStringList(p.revealed)) return 'progress passed/revealed are not lists of strings';
  return p as unknown as LabProgress;
}
