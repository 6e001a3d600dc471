/**
 * The sandbox session in localStorage and in exported files: seed, mode, node count, the input
 * log and the time, so a reload replays to the same moment (design §6: nothing a user did is lost).
 */
import type { InputRecord } from '../../engine/history.ts';
import { isMode, MODES, type BehaviourMode } from '../../kvrocks/mode.ts';
import { MAX_NODES } from '../../kvrocks/world.ts';
import { sessionTimeProblem } from '../../lab/duration.ts';

export const STORAGE_KEY = 'kvlab.sandbox.v1';
/** Written into every saved session so a stray JSON file is recognised as "not a session". */
export const FORMAT = 'kvlab-session';
/** Larger files are refused before parsing (an input log is text; 5 MB is tens of thousands of inputs). */
export const MAX_FILE_BYTES = 5_000_000;

export interface SavedSession {
  readonly seed: number | string;
  readonly mode: BehaviourMode;
  readonly nodes: number;
  readonly log: readonly InputRecord<string>[];
  /** The virtual time the person was looking at. */
  readonly time: number;
  /** The furthest time reached on this branch (for the timeline). */
  readonly horizon: number;
}

export type Validated = { ok: true; session: SavedSession } | { ok: false; error: string };

const fail = (error: string): Validated => ({ ok: false, error });
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Validates untrusted JSON (storage or an imported file), saying what is wrong. */
export function validateSavedSession(text: string): Validated {
  if (text.length > MAX_FILE_BYTES) return fail(`the file is larger than ${MAX_FILE_BYTES / 1_000_000} MB`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return fail(`not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return fail('not a session: expected a JSON object');
  const d = data as Record<string, unknown>;
  if (d.format !== undefined && d.format !== FORMAT) return fail(`not a session: format is ${JSON.stringify(d.format)}, expected "${FORMAT}"`);
  const seedOk = (typeof d.seed === 'number' && Number.isFinite(d.seed)) || (typeof d.seed === 'string' && d.seed.length > 0 && d.seed.length <= 64);
  if (!seedOk) return fail('"seed" must be a number or a string of 1 to 64 characters');
  if (typeof d.mode !== 'string' || !isMode(d.mode)) {
    return fail(`"mode" must be one of ${MODES.join(', ')}, optionally with +switch or -switch changes`);
  }
  if (typeof d.nodes !== 'number' || !Number.isInteger(d.nodes) || d.nodes < 1 || d.nodes > MAX_NODES) {
    return fail(`"nodes" must be a whole number from 1 to ${MAX_NODES}`);
  }
  if (!isTime(d.time)) return fail('"time" must be a number of milliseconds, 0 or more');
  if (!isTime(d.horizon)) return fail('"horizon" must be a number of milliseconds, 0 or more');
  if (!Array.isArray(d.log)) return fail('"log" must be a list of {at, input} records');
  const log: InputRecord<string>[] = [];
  let last = 0;
  for (const [i, item] of d.log.entries()) {
    const r = item as Record<string, unknown> | null;
    if (typeof r !== 'object' || r === null) return fail(`log entry ${i + 1} is not an {at, input} record`);
    if (!isTime(r.at)) return fail(`log entry ${i + 1}: "at" must be a number of milliseconds, 0 or more`);
    if (typeof r.input !== 'string') return fail(`log entry ${i + 1}: "input" must be a string`);
    if (r.at < last) return fail(`log entry ${i + 1} is earlier than the one before it`);
    last = r.at;
    log.push({ at: r.at, input: r.input });
  }
  const tooLate = sessionTimeProblem(d.time, '"time" is') ?? sessionTimeProblem(d.horizon, '"horizon" is') ?? sessionTimeProblem(last, 'the log reaches');
  if (tooLate !== null) return fail(tooLate);
  const horizon = Math.max(d.horizon, d.time, last);
  return { ok: true, session: { seed: d.seed as number | string, mode: d.mode, nodes: d.nodes, log, time: d.time, horizon } };
}

/** Like validateSavedSession, for callers that only need "a session or nothing". */
export function parseSavedSession(text: string | null): SavedSession | null {
  if (!text) return null;
  const result = validateSavedSession(text);
  return result.ok ? result.session : null;
}

export function serialise(session: SavedSession): string {
  const { seed, mode, nodes, time, horizon, log } = session;
  return JSON.stringify({ format: FORMAT, version: 1, seed, mode, nodes, time, horizon, log });
}
