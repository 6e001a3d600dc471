/**
 * Why a check failed, in the learner's terms: the likely cause of a failure, computed from the
 * learner's world, their input log and the lab's own path, instead of the generic "the cluster is
 * not where this step expects it". Three causes, tried in this order:
 *  - time passed: the check held right after the learner's last input and no longer does, with
 *    nothing but virtual time in between (replaying the log to that moment shows it);
 *  - a node's state differs from the lab's own path at this step: still at version -1 (never got
 *    SETNODES), an older or newer version, no node id, not running;
 *  - an earlier step was never passed.
 * Pure: replays run on throwaway sessions; nothing here touches the learner's session.
 */
import { formatDuration, formatTime } from '../duration.ts';
import type { Session } from '../session.ts';
import { evaluateCheck, POLL_MS, type CheckResult } from './check-eval.ts';
import type { Check, LabStep } from './types.ts';

export type CauseKind = 'time-passed' | 'node-state' | 'earlier-step';

export interface Cause {
  readonly kind: CauseKind;
  /** One or two sentences a learner can act on. */
  readonly text: string;
}

/** What a node looks like for the comparison with the lab's own path. */
export interface NodeFacts {
  readonly name: string;
  readonly running: boolean;
  /** The topology version (-1: never given one). */
  readonly version: number;
  readonly hasId: boolean;
}

export interface CauseContext {
  /** The learner's session now. */
  readonly session: Session;
  /**
   * A fresh session replaying the learner's log up to (not including) entry `count`, then letting
   * time reach `until` (if later): the same world the learner had at that moment.
   */
  readonly replay: (count: number, until: number) => Session;
  /** The log index of the learner's last input that was not a check's read (null: none). */
  readonly lastInput: number | null;
  /** The nodes as the lab's own path leaves them at the end of this step (null: unknown). */
  readonly reference: () => readonly NodeFacts[] | null;
  /** Earlier steps (with checks in this mode) the learner has not passed, in order. */
  readonly unpassed: readonly LabStep[];
}

export function nodeFacts(session: Session): NodeFacts[] {
  return session.world.nodes.map((n) => ({ name: n.name, running: n.running, version: n.cluster.version, hasId: n.cluster.myId !== '' }));
}

/** The likely cause of one failed check (a result that is not as the lab expects), or null. */
export function likelyCause(ctx: CauseContext, result: CheckResult): Cause | null {
  if (result.ok) return null;
  return timePassed(ctx, result.check) ?? nodeState(ctx, result.check) ?? earlierStep(ctx);
}

/** `@kv3 CLUSTERX SETNODES "..." 1` reads as `@kv3 CLUSTERX SETNODES`: the words before any payload. */
export function inputLabel(input: string): string {
  const words: string[] = [];
  for (const word of input.trim().split(/\s+/)) {
    if (words.length === 3 || /^["']/.test(word)) break;
    words.push(word);
  }
  return words.join(' ');
}

/** What a passing check saw: `kv2 INFO replication: master_link_status:down` gives `master_link_status:down`. */
function seen(check: Check, message: string): string {
  const command = `${check.node} ${check.command}${check.path.map((n) => `[${n}]`).join('')}: `;
  const text = message.startsWith(command) ? message.slice(command.length) : message;
  return text.replace(/ \(after [^)]+\)$/, '');
}

/** A whole number of poll intervals between lo and hi, so probes land where a `within` would read. */
const midpoint = (lo: number, hi: number) => lo + Math.max(POLL_MS, Math.floor((hi - lo) / 2 / POLL_MS) * POLL_MS);

function timePassed(ctx: CauseContext, check: Check): Cause | null {
  const last = ctx.lastInput;
  if (last === null) return null;
  const input = ctx.session.log[last]!.input;
  const after = ctx.replay(last + 1, 0);
  const start = after.now();
  const now = ctx.session.now();
  const elapsed = now - start;
  if (elapsed < POLL_MS) return null;
  const then = evaluateCheck(after, check);
  if (!then.ok) return null;
  // The first moment it no longer held (to a poll interval): it held at lo, not at hi.
  let lo = start;
  let hi = now;
  while (hi - lo > POLL_MS) {
    const mid = midpoint(lo, hi);
    if (mid >= hi) break;
    if (evaluateCheck(ctx.replay(last + 1, mid), check).ok) lo = mid;
    else hi = mid;
  }
  const label = `${check.node} ${check.command}`;
  return {
    kind: 'time-passed',
    text:
      `Time passed: right after \`${inputLabel(input)}\` (${formatTime(start)}) ${label} read ${seen(check, then.message)}, as this step expects; ` +
      `${seconds(elapsed)} of virtual time have passed since, and the cluster moved on within ~${seconds(hi - start)}. ` +
      'Reset this step, or run its commands again and Check before pressing Play.',
  };
}

/** `2.0 s`, `300 ms`: the elapsed times people compare with a replica's ~1 s reconnect. */
function seconds(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : formatDuration(Math.round(ms)).replace('ms', ' ms');
}

function nodeState(ctx: CauseContext, check: Check): Cause | null {
  const reference = ctx.reference();
  if (!reference) return null;
  const mine = new Map(nodeFacts(ctx.session).map((n) => [n.name, n]));
  // The check's own node first: its state is the likeliest cause; then any other node's.
  const order = [...reference].sort((a, b) => Number(b.name === check.node) - Number(a.name === check.node));
  for (const want of order) {
    const have = mine.get(want.name);
    const text = have ? differs(have, want) : null;
    if (text) return { kind: 'node-state', text };
  }
  return null;
}

/** How a node differs from the lab's own path, in a sentence (null: it does not, in what matters here). */
export function differs(have: NodeFacts, want: NodeFacts): string | null {
  const name = have.name;
  if (want.running && !have.running) return `${name} is not running (crashed or shut down), but this step expects it up: \`.restart ${name}\` brings it back, or Reset this step.`;
  if (want.hasId && !have.hasId) return `${name} has no node id: it was never sent CLUSTERX SETNODEID.`;
  if (have.version === -1 && want.version >= 0) return `${name} is at version -1: it was never sent CLUSTERX SETNODES.`;
  if (have.version < want.version) return `${name} is at topology version ${have.version}, but this step expects version ${want.version}: it missed a CLUSTERX SETNODES.`;
  if (have.version > want.version) return `${name} is at topology version ${have.version}, newer than the version ${want.version} this step expects.`;
  return null;
}

function earlierStep(ctx: CauseContext): Cause | null {
  const step = ctx.unpassed[0];
  if (!step) return null;
  const title = step.title.replace(/[`*_]/g, '');
  return { kind: 'earlier-step', text: `Step ${step.index + 1} (${title}) was never passed: what it sets up may be missing. Go back to it, or Reset this step.` };
}
