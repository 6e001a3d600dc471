// How a check's outcome reads: the words for pass, the expected failure (the lesson), and FAIL.
import { describe, expect, it } from 'vitest';
import type { Check, CheckResult } from '../../../src/lab/labs/index.ts';
import { outcomeOf, splitDifference } from '../../../src/ui/labs/outcome.ts';

const check = { source: 'kv1 INFO replication: connected_slaves = 1' } as Check;
const result = (status: 'pass' | 'fail', expected: 'pass' | 'fail', message: string): CheckResult => ({ check, status, expected, ok: status === expected, message, at: 0, waitedMs: 0 });
const DIFF = 'kv1 INFO replication: expected connected_slaves:1, got connected_slaves:2 (after 5s)';

describe('check outcomes', () => {
  it('splits a field-level difference', () => {
    expect(splitDifference(DIFF)).toEqual({ what: 'kv1 INFO replication', expected: 'connected_slaves:1', got: 'connected_slaves:2 (after 5s)' });
    expect(splitDifference("kv1 CLUSTER NODES: expected kv3's line to contain \"slave\", got no line for kv3 (127.0.0.1:30003)")).toEqual({
      what: 'kv1 CLUSTER NODES',
      expected: 'kv3\'s line to contain "slave"',
      got: 'no line for kv3 (127.0.0.1:30003)',
    });
    expect(splitDifference('kv1 INFO replication: connected_slaves:1')).toBeNull();
  });

  it('reads each case as the lab means it', () => {
    expect(outcomeOf({ check, expected: null, result: null, cause: null }, 'fixed')).toMatchObject({ tone: 'skipped', label: 'not checked in fixed mode' });
    expect(outcomeOf({ check, expected: 'pass', result: null, cause: null }, 'buggy')).toMatchObject({ tone: 'pending', diff: null });
    expect(outcomeOf({ check, expected: 'fail', result: null, cause: null }, 'buggy')).toMatchObject({ tone: 'pending', label: 'fails in buggy' });
    const pass = outcomeOf({ check, expected: 'pass', result: result('pass', 'pass', 'kv1 INFO replication: connected_slaves:1'), cause: null }, 'fixed');
    expect(pass).toMatchObject({ tone: 'pass', label: 'pass', diff: null, message: 'kv1 INFO replication: connected_slaves:1' });
    const lesson = outcomeOf({ check, expected: 'fail', result: result('fail', 'fail', DIFF), cause: null }, 'buggy');
    expect(lesson).toMatchObject({ tone: 'lesson', label: 'fails, as expected' });
    expect(lesson.note).toMatch(/lesson.*buggy mode.*the bug/);
    expect(lesson.diff).toEqual(splitDifference(DIFF));
    expect(outcomeOf({ check, expected: 'pass', result: result('fail', 'pass', DIFF), cause: null }, 'fixed')).toMatchObject({ tone: 'fail', label: 'FAIL' });
    expect(outcomeOf({ check, expected: 'fail', result: result('pass', 'fail', 'ok'), cause: null }, 'buggy')).toMatchObject({ tone: 'fail', label: 'PASS, unexpectedly' });
    // A failure the lab can explain says its likely cause instead of the generic sentence.
    const cause = { kind: 'node-state', text: 'kv3 is at version -1: it was never sent CLUSTERX SETNODES.' } as const;
    expect(outcomeOf({ check, expected: 'pass', result: result('fail', 'pass', DIFF), cause }, 'fixed')).toMatchObject({ tone: 'fail', label: 'FAIL', note: cause.text });
    expect(outcomeOf({ check, expected: 'pass', result: result('fail', 'pass', DIFF), cause: null }, 'fixed').note).toBe('The cluster is not where this step expects it to be.');
  });
});
