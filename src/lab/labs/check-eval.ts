/**
 * Evaluating a check against the model: its read command runs through the session (logged like
 * any input, so replaying the log rebuilds the same world), and only `within` lets virtual time
 * pass, polling every 100 ms until the check passes or the time is up.
 */
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import type { Reply } from '../../protocol/reply.ts';
import { formatDuration } from '../duration.ts';
import type { Session } from '../session.ts';
import { labelOf, pick, showValue, type Picked } from './select.ts';
import type { Check } from './types.ts';

export const POLL_MS = 100;

export type Outcome = 'pass' | 'fail';

export interface CheckResult {
  readonly check: Check;
  readonly status: Outcome;
  /** What the lab says should happen in this mode. */
  readonly expected: Outcome;
  /** status === expected. */
  readonly ok: boolean;
  /** A pass shows what was seen (`kv1 INFO replication: connected_slaves:1`); a failure the field-level difference. */
  readonly message: string;
  /** Virtual time of the deciding read. */
  readonly at: number;
  /** How long `within` waited (0 without `within`). */
  readonly waitedMs: number;
}

/** null: the check does not apply in this mode. */
export function expectation(check: Check, mode: BehaviourMode): Outcome | null {
  if (check.onlyIn && !check.onlyIn.includes(mode)) return null;
  return check.failsIn.includes(mode) ? 'fail' : 'pass';
}

/**
 * Runs the check's read on its node exactly as the logged input `@node command` runs it (a
 * one-shot command on the session's client for that node, leaving the prompt alone), but keeps
 * the typed reply, which the rendered text would lose.
 */
export function readForCheck(session: Session, check: Check): Reply | string {
  const node = session.world.find(check.node)!;
  session.log.push({ at: session.now(), input: `@${check.node} ${check.command}` });
  if (!node.running) return `no reply: Could not connect to Redis at ${node.address}: Connection refused`;
  return session.world.exec(node, session.clientFor(node), check.argv) ?? { type: 'nil' };
}

const quoted = (text: string) => JSON.stringify(text);

/** What a check wanted, in words: `connected_slaves:1`, `kv3's line to contain "slave"`, `lag >= 3`. */
function wanted(check: Check, label: string, exp: string, target: Reply | null): string {
  switch (check.op) {
    case '=':
      return showValue(check, exp, target);
    case '!=':
      return `anything but ${showValue(check, exp, target)}`;
    case 'contains':
      return `${label} to contain ${quoted(exp)}`;
    case 'not contains':
      return `${label} not to contain ${quoted(exp)}`;
    case 'absent':
      return `${label} to be absent`;
    case 'present':
      return `${label} to be present`;
    default:
      return `${label} ${check.op} ${exp}`;
  }
}

function judge(check: Check, picked: Picked, target: Reply | null): { pass: boolean; text: string } {
  const exp = check.expected ?? '';
  const label = labelOf(check);
  const got = `got ${picked.shown}`;
  if (!picked.found) {
    if (check.op === 'absent' && !picked.broken) return { pass: true, text: picked.shown };
    return { pass: false, text: `expected ${wanted(check, label, exp, target)}, ${got}` };
  }
  const value = picked.value;
  const num = (text: string) => (/^-?\d+(\.\d+)?$/.test(text) ? Number(text) : NaN);
  let pass: boolean;
  let note = '';
  switch (check.op) {
    case '=':
      pass = value === exp;
      break;
    case '!=':
      pass = value !== exp;
      break;
    case 'contains':
      pass = value.includes(exp);
      break;
    case 'not contains':
      pass = !value.includes(exp);
      break;
    case 'absent':
      pass = false;
      break;
    case 'present':
      pass = true;
      break;
    default: {
      const a = num(value);
      const b = Number(exp);
      if (Number.isNaN(a)) note = ' (not a number)';
      pass = !Number.isNaN(a) && (check.op === '>' ? a > b : check.op === '>=' ? a >= b : check.op === '<' ? a < b : a <= b);
    }
  }
  return { pass, text: pass ? picked.shown : `expected ${wanted(check, label, exp, target)}, ${got}${note}` };
}

function once(session: Session, check: Check): { pass: boolean; text: string } {
  const reply = readForCheck(session, check);
  if (typeof reply === 'string') return { pass: false, text: judge(check, { found: false, shown: reply, broken: true }, null).text };
  const { picked, target } = pick(check, reply);
  return judge(check, picked, target);
}

/** Evaluates one check now (or polling up to its `within`), in the session's current mode. */
export function evaluateCheck(session: Session, check: Check): CheckResult {
  const expected = expectation(check, session.world.mode) ?? 'pass';
  const start = session.now();
  const deadline = start + (check.withinMs ?? 0);
  let result = once(session, check);
  while (!result.pass && session.now() < deadline) {
    session.runUntil(Math.min(session.now() + POLL_MS, deadline));
    result = once(session, check);
  }
  const waitedMs = session.now() - start;
  const command = `${check.node} ${check.command}${check.path.map((n) => `[${n}]`).join('')}`;
  const waited = waitedMs > 0 ? ` (after ${formatDuration(waitedMs)})` : '';
  const status: Outcome = result.pass ? 'pass' : 'fail';
  return { check, status, expected, ok: status === expected, message: `${command}: ${result.text}${waited}`, at: session.now(), waitedMs };
}
