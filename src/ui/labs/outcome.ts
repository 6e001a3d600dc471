/** How a check's outcome reads in the lab panel: pure, so the words are tested without a DOM. */
import type { BehaviourMode } from '../../kvrocks/mode.ts';
import type { CheckView } from './lab-session.svelte.ts';

export type Tone = 'pending' | 'skipped' | 'pass' | 'lesson' | 'fail';

export interface OutcomeView {
  readonly tone: Tone;
  /** One short word or phrase: `pass`, `FAIL`, `fails as expected`. */
  readonly label: string;
  /** What the label means, in a sentence (empty when the label says it all). */
  readonly note: string;
  /** The field-level difference of a failed check, split for display; null for a pass. */
  readonly diff: { readonly what: string; readonly expected: string; readonly got: string } | null;
  /** The result's own message (what was seen, or the difference), as check-eval wrote it. */
  readonly message: string;
}

/** `kv1 INFO replication: expected connected_slaves:1, got connected_slaves:2 (after 5s)` in parts. */
export function splitDifference(message: string): OutcomeView['diff'] {
  const match = /^(.+?): expected (.+?), got (.+)$/s.exec(message);
  return match ? { what: match[1]!, expected: match[2]!, got: match[3]! } : null;
}

export function outcomeOf(view: CheckView, mode: BehaviourMode): OutcomeView {
  const { expected, result } = view;
  if (expected === null) return { tone: 'skipped', label: `not checked in ${mode} mode`, note: '', diff: null, message: '' };
  if (!result) {
    const note = expected === 'fail' ? `Expected to fail in ${mode} mode: what it states is the intended behaviour, and the bug breaks it.` : '';
    return { tone: 'pending', label: expected === 'fail' ? `fails in ${mode}` : 'not checked yet', note, diff: null, message: '' };
  }
  const message = result.message;
  const diff = result.status === 'fail' ? splitDifference(message) : null;
  if (result.ok && result.status === 'pass') return { tone: 'pass', label: 'pass', note: '', diff, message };
  if (result.ok) {
    return {
      tone: 'lesson',
      label: 'fails, as expected',
      note: `This is the lesson: in ${mode} mode the intended behaviour does not happen, and the difference below is the bug.`,
      diff,
      message,
    };
  }
  if (result.status === 'fail') return { tone: 'fail', label: 'FAIL', note: view.cause?.text ?? 'The cluster is not where this step expects it to be.', diff, message };
  return { tone: 'fail', label: 'PASS, unexpectedly', note: `The lab expects this check to fail in ${mode} mode, yet it passed.`, diff, message };
}
