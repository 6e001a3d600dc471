// LabRunner (labs/README.md "For the page"): steps, blocks, solutions, checks, hints; back() by
// replaying the session's own log, jump() by replaying the lab's own path; progress as plain data
// that restores to the same world, byte for byte (engine/history.ts: seed + input log).
import { describe, expect, it } from 'vitest';
import { formatTraceEntry } from '../../../src/engine/trace.ts';
import { LabRunner } from '../../../src/lab/labs/runner.ts';
import { runLab } from '../../../src/lab/labs/run-lab.ts';
import type { Session } from '../../../src/lab/session.ts';
import { lab } from './helpers.ts';

const PAYLOAD_V2 =
  '7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3 127.0.0.1 30001 master - 0-16383\\nd9dd75896c51ce5d483244c3a9b7be0e9ce794f0 127.0.0.1 30002 slave 7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3';

const LAB = lab(
  `
## Write {#write}

\`\`\`kvlab
@kv1 SET a 1
\`\`\`

\`\`\`kvlab
.wait 100ms
@kv2 ROLE
\`\`\`

\`\`\`check
kv2 ROLE[5] = 1 within 1s
\`\`\`

## Remove kv3 {#remove}

\`\`\`check
kv3 CLUSTERX VERSION = "2"
[fails in buggy] kv3 INFO replication: role = master within 3s
[buggy] kv1 INFO replication: connected_slaves = 2
\`\`\`

### Hint

Push version 2 to kv3.

### Solution

\`\`\`kvlab
@kv3 CLUSTERX SETNODES "${PAYLOAD_V2}" 2
\`\`\`

## Look {#look}

\`\`\`kvlab
.wait 5s
@kv1 INFO replication
\`\`\`

\`\`\`check
[fixed] kv1 INFO replication: connected_slaves = 1
\`\`\`
`,
  ['id: runner-demo', 'title: Runner demo', 'summary: S', 'modes: [buggy, fixed]', 'bootstrap: s1'],
);

const trace = (s: Session) => s.world.sim.trace.entries.map(formatTraceEntry);
const texts = (results: readonly { input: string; output: string; error: string | null }[]) => results.map((r) => [r.input, r.error ?? r.output]);

describe('LabRunner: a step at a time', () => {
  it('starts at step 0 after the bootstrap, which the transcript shows', () => {
    const r = new LabRunner(LAB);
    expect([r.stepNumber, r.step.id, r.isLastStep, r.mode, r.seed]).toEqual([0, 'write', false, 'buggy', 1]);
    expect(r.transcript.map((t) => t.input.split(' ').slice(0, 3).join(' '))).toEqual([
      '@kv1 CLUSTERX SETNODEID',
      '@kv2 CLUSTERX SETNODEID',
      '@kv3 CLUSTERX SETNODEID',
      '@kv1 CLUSTERX SETNODES',
      '@kv2 CLUSTERX SETNODES',
      '@kv3 CLUSTERX SETNODES',
      '.wait 1s',
    ]);
    expect(r.session.now()).toBe(1000);
  });

  it('runBlock(i) runs one block, runBlocks() all of them, in order', () => {
    const r = new LabRunner(LAB);
    expect(texts(r.runBlock(1))).toEqual([
      ['.wait 100ms', '# waited 100ms, now t=1.100s'],
      ['@kv2 ROLE', '1) "slave"\n2) "127.0.0.1"\n3) "30001"\n4) "connected"\n5) "0"'],
    ]);
    expect(texts(r.runBlocks()).map(([input]) => input)).toEqual(['@kv1 SET a 1', '.wait 100ms', '@kv2 ROLE']);
    expect(() => r.runBlock(2)).toThrow(new RangeError("step 'write' has 2 kvlab block(s), no block 2"));
  });

  it('typed input goes to the same session and transcript; a console error is returned, not thrown', () => {
    const r = new LabRunner(LAB);
    const result = r.run('.frobnicate');
    expect(result.error).toBe("unknown dot-command '.frobnicate': type .help for the list");
    expect(r.transcript.at(-1)).toBe(result);
  });

  it('check() evaluates the step in order and records a complete step as passed', () => {
    const r = new LabRunner(LAB);
    const bootstrap = r.session.log.length;
    // A step that gives commands checks nothing before one ran.
    expect(r.check()).toEqual({ step: 0, id: 'write', results: [], skipped: 0, complete: false, notRun: true });
    expect(r.session.log).toHaveLength(bootstrap);
    r.run('.time');
    const early = r.check();
    expect(early).toMatchObject({ step: 0, id: 'write', skipped: 0, complete: false });
    expect(early.notRun).toBeUndefined();
    expect(early.results[0]).toMatchObject({ status: 'fail', expected: 'pass', ok: false, message: 'kv2 ROLE[5]: expected "1", got "0" (after 1s)' });
    expect(r.progress().passed).toEqual([]);
    r.runBlocks();
    expect(r.check().complete).toBe(true);
    expect(r.progress().passed).toEqual(['write']);
  });

  it('per-mode checks: skipped elsewhere, and an expected failure completes the step', () => {
    for (const mode of ['buggy', 'fixed'] as const) {
      const r = new LabRunner(LAB, { mode });
      r.next();
      r.runSolution();
      const report = r.check();
      expect(report.complete).toBe(true);
      expect(report.skipped).toBe(mode === 'buggy' ? 0 : 1);
      expect(report.results.map((x) => [x.status, x.expected])).toEqual(
        mode === 'buggy'
          ? [['pass', 'pass'], ['fail', 'fail'], ['pass', 'pass']]
          : [['pass', 'pass'], ['pass', 'pass']],
      );
    }
  });

  it('applicableChecks follows a .mode switch typed in the console', () => {
    const r = new LabRunner(LAB);
    r.next();
    expect(r.applicableChecks().map((c) => c.expected)).toEqual(['pass', 'fail', 'pass']);
    r.run('.mode fixed');
    expect(r.applicableChecks().map((c) => c.expected)).toEqual(['pass', 'pass']);
  });

  it('hint() and solution() expose the step and count as revealed', () => {
    const r = new LabRunner(LAB);
    expect(r.hint()).toBeNull();
    r.next();
    expect(r.hint()).toEqual({ line: expect.any(Number), markdown: 'Push version 2 to kv3.' });
    expect(r.solution()!.inputs).toHaveLength(1);
    expect(r.progress().revealed).toEqual(['hint:remove', 'solution:remove']);
  });

  it('next() stops at the last step; a mode the lab does not declare is refused', () => {
    const r = new LabRunner(LAB);
    expect([r.next(), r.next(), r.next()]).toEqual([true, true, false]);
    expect(r.isLastStep).toBe(true);
    expect(() => new LabRunner(LAB, { mode: 'guarded' })).toThrow(new RangeError("lab 'runner-demo' is written for modes buggy, fixed, not guarded"));
  });
});

describe('LabRunner: navigation replays, deterministically', () => {
  it('back(i) rebuilds the world exactly as it was when step i began, from the log', () => {
    const r = new LabRunner(LAB);
    r.runBlocks();
    r.check();
    r.run('@kv1 SET typed-by-hand x');
    r.next();
    const atStep1 = { trace: trace(r.session), log: [...r.session.log], now: r.session.now(), transcript: texts(r.transcript) };
    r.runSolution();
    r.check();
    r.next();
    r.runBlocks();
    r.back(1);
    expect(r.stepNumber).toBe(1);
    expect(trace(r.session)).toEqual(atStep1.trace);
    expect(r.session.log).toEqual(atStep1.log);
    expect(r.session.now()).toBe(atStep1.now);
    expect(texts(r.transcript)).toEqual(atStep1.transcript);
    expect(r.progress().checkpoints).toHaveLength(2);
  });

  it('back() without an argument goes one step back; a later step is refused', () => {
    const r = new LabRunner(LAB);
    r.next();
    r.next();
    r.back();
    expect(r.stepNumber).toBe(1);
    expect(() => r.back(2)).toThrow(RangeError);
    r.back(0);
    expect([r.stepNumber, r.session.now()]).toEqual([0, 1000]);
  });

  it('after back(), going on again gives the same results as the first time', () => {
    const first = new LabRunner(LAB);
    first.runBlocks();
    const report = first.check();
    first.back(0);
    first.runBlocks();
    expect(first.check()).toEqual(report);
  });

  it('jump(i) follows the lab\'s own path, whatever the learner typed', () => {
    const direct = new LabRunner(LAB);
    direct.followPath();
    direct.next();
    direct.followPath();
    direct.next();
    const r = new LabRunner(LAB);
    r.run('@kv1 SET noise 1');
    r.run('.crash kv2');
    r.jump(2);
    expect(r.stepNumber).toBe(2);
    expect(trace(r.session)).toEqual(trace(direct.session));
    expect(r.session.log).toEqual(direct.session.log);
    expect(() => r.jump(3)).toThrow(new RangeError("lab 'runner-demo' has steps 0..2, no step 3"));
  });

  it('the same lab, mode and seed give the same run, byte for byte', () => {
    const a = runLab(LAB, 'buggy');
    const b = runLab(LAB, 'buggy');
    expect(JSON.stringify(a.steps.map((s) => s.report))).toBe(JSON.stringify(b.steps.map((s) => s.report)));
    expect(a.steps.flatMap((s) => texts(s.inputs))).toEqual(b.steps.flatMap((s) => texts(s.inputs)));
  });
});

describe('LabRunner: progress is plain data that restores the same world', () => {
  function midway(): LabRunner {
    const r = new LabRunner(LAB, { mode: 'fixed' });
    r.runBlocks();
    r.check();
    r.next();
    r.hint();
    r.run('@kv2 INFO replication');
    r.session.runUntil(r.session.now() + 1234); // the page's play button lets time flow
    return r;
  }

  it('survives JSON and restores step, log, time, transcript, passed and revealed', () => {
    const r = midway();
    const saved = JSON.parse(JSON.stringify(r.progress()));
    const restored = LabRunner.restore(LAB, saved);
    if (!restored.ok) throw new Error(restored.error);
    const back = restored.runner;
    expect(back.progress()).toEqual(r.progress());
    expect(trace(back.session)).toEqual(trace(r.session));
    expect(texts(back.transcript)).toEqual(texts(r.transcript));
    expect([back.mode, back.stepNumber]).toEqual(['fixed', 1]);
  });

  it('a restored runner goes on exactly like the original', () => {
    const r = midway();
    const restored = LabRunner.restore(LAB, r.progress());
    if (!restored.ok) throw new Error(restored.error);
    for (const runner of [r, restored.runner]) {
      runner.runSolution();
      runner.next();
      runner.runBlocks();
    }
    expect(restored.runner.check()).toEqual(r.check());
    restored.runner.back(1);
    r.back(1);
    expect(trace(restored.runner.session)).toEqual(trace(r.session));
  });

  it('bad progress is refused with a reason, never thrown', () => {
    const good = midway().progress();
    const cases: [unknown, string][] = [
      [null, 'progress is not an object'],
      [{ ...good, format: 2 }, 'unknown progress format 2'],
      [{ ...good, lab: 'other' }, "progress is for lab 'other', not 'runner-demo'"],
      [{ ...good, mode: 'guarded' }, "progress mode 'guarded' is not one of the lab's modes"],
      [{ ...good, seed: {} }, 'progress seed is not a number or a string'],
      [{ ...good, step: 7 }, 'progress step 7 is not a step of this lab'],
      [{ ...good, log: 'x' }, 'progress log is not a list of inputs'],
      [{ ...good, log: [{ at: 5, input: 'PING' }, { at: 1, input: 'PING' }] }, 'progress log entries must be {at, input} in time order'],
      [{ ...good, now: 0 }, 'progress time is before its last input'],
      [{ ...good, checkpoints: [] }, 'progress needs one checkpoint per step up to the current one'],
      [{ ...good, checkpoints: [{ at: 0, log: 99999 }, { at: 0, log: 0 }] }, 'progress checkpoints are out of order'],
      [{ ...good, checkReads: [3, 1] }, 'progress check reads are not log indexes in order'],
      [{ ...good, passed: [1] }, 'progress passed/revealed are not lists of strings'],
    ];
    for (const [saved, reason] of cases) expect(LabRunner.restore(LAB, saved)).toEqual({ ok: false, error: reason });
  });
});
