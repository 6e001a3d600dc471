// The lab panel's state: a LabRunner owning the sandbox's session, driven as the panel drives it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { LabRunner, parseLab, type Lab } from '../../../src/lab/labs/index.ts';
import { transcriptOf } from '../../../src/lab/script.ts';
import type { LabEntry } from '../../../src/ui/labs/catalog.ts';
import { LAB_KEYS } from '../../../src/ui/labs/keys.ts';
import { Labs } from '../../../src/ui/labs/labs.svelte.ts';
import { Sandbox } from '../../../src/ui/state/sandbox.svelte.ts';
import { FakeStorage } from './fake-storage.ts';

const ROOT = join(import.meta.dirname, '../../..');
const read = (file: string): Lab => parseLab(readFileSync(join(ROOT, file), 'utf8'), file);
const LAB2 = read('labs/02-issue-2618.md');
const LAB3 = read('labs/03-fix-2643.md');
const CATALOG: LabEntry[] = [
  { file: LAB2.file, ok: true, lab: LAB2 },
  { file: LAB3.file, ok: true, lab: LAB3 },
];

let storage: FakeStorage;
let notices: { kind: string; text: string }[];

/** A page: a sandbox with the person's own session in it, and the labs beside it. */
async function page(): Promise<{ sandbox: Sandbox; labs: Labs }> {
  const sandbox = new Sandbox(storage);
  const labs = new Labs({ sandbox, storage, notify: (kind, text) => notices.push({ kind, text }) }, async () => CATALOG);
  await labs.load();
  return { sandbox, labs };
}

const text = (sandbox: Sandbox) => sandbox.transcript.map(transcriptOf).join('\n');
const runAll = (labs: Labs) => {
  for (const block of labs.active!.step.blocks) labs.active!.runInputs(block.inputs, block.line);
};

beforeEach(() => {
  storage = new FakeStorage();
  notices = [];
});

describe('starting a lab', () => {
  it('the lab takes over the sandbox: its cluster, bootstrap and mode; exit gives the own session back', async () => {
    const { sandbox, labs } = await page();
    sandbox.run('SET mine 1');
    const own = text(sandbox);
    const session = labs.start(LAB2, 'buggy')!;
    expect(sandbox.owner).toBe(session.owner);
    expect(sandbox.session).toBe(session.runner.session);
    expect(sandbox.mode).toBe('buggy');
    expect(sandbox.transcript.map((r) => r.input)[0]).toMatch(/^@kv1 CLUSTERX SETNODEID/);
    expect(sandbox.now).toBe(1000);
    expect(storage.getItem(LAB_KEYS.active)).toBe('{"id":"issue-2618","mode":"buggy"}');
    labs.exit();
    expect(sandbox.owner).toBeNull();
    expect(text(sandbox)).toBe(own);
    expect(storage.getItem(LAB_KEYS.active)).toBe('');
    expect(labs.summary(LAB2, 'buggy')).toEqual({ step: 0, passed: 0 });
  });

  it('a mode outside the lab is refused with a reason, never a blank panel', async () => {
    const { labs } = await page();
    expect(labs.start(LAB3, 'buggy')).toBeNull();
    expect(labs.failure).toMatch(/written for modes fixed, not buggy/);
  });
});

describe('a step, as the panel drives it', () => {
  it('Run sends the block through the console; Check reports each check; the expected failure is the lesson', async () => {
    const { sandbox, labs } = await page();
    const lab = labs.start(LAB2, 'buggy')!;
    const before = sandbox.transcript.length;
    runAll(labs);
    expect(sandbox.transcript.slice(before).map((r) => r.input)).toEqual(['@kv1 SET greeting hello', '.wait 100ms', '@kv1 INFO replication', '@kv3 INFO replication']);
    expect(lab.ran.has(LAB2.steps[0]!.blocks[0]!.line)).toBe(true);
    expect(lab.check().complete).toBe(true);
    expect(lab.passed.has('healthy')).toBe(true);

    lab.next();
    runAll(labs);
    const report = lab.check();
    expect(report.complete).toBe(false);
    const failed = report.results.filter((r) => !r.ok);
    expect(failed.map((r) => r.message)).toContain('kv3 CLUSTERX VERSION: expected "2", got "1"');
    expect(lab.checks().find((v) => v.result === failed[0])).toBeDefined();

    lab.showHint();
    lab.showSolution();
    expect([lab.hintShown, lab.solutionShown]).toEqual([true, true]);
    lab.runInputs(LAB2.steps[1]!.solution!.inputs, LAB2.steps[1]!.solution!.line);
    expect(lab.check().complete).toBe(true);

    lab.next();
    runAll(labs);
    const lesson = lab.check();
    expect(lesson.complete).toBe(true);
    const expectedFail = lesson.results.find((r) => r.expected === 'fail')!;
    expect(expectedFail).toMatchObject({ status: 'fail', ok: true });
    expect(expectedFail.message).toBe('kv3 INFO replication: expected role:master, got role:slave (after 5s)');
    // The check's reads are not console output.
    expect(sandbox.transcript.some((r) => r.input === '@kv3 INFO replication' && r.at > 6000)).toBe(true);
    expect(sandbox.transcript.filter((r) => r.input === '@kv3 INFO replication').length).toBe(2);
  });

  it('a console error stops the block and is shown by it', async () => {
    const { labs } = await page();
    const lab = labs.start(LAB2, 'buggy')!;
    const results = lab.runInputs([{ line: 1, text: '.bogus' }, { line: 2, text: 'PING' }], 99);
    expect(results).toHaveLength(1);
    expect(lab.runError).toEqual({ block: 99, message: expect.stringMatching(/unknown dot-command/) });
  });

  it('typing in the console goes to the lab and clears a stale report', async () => {
    const { sandbox, labs } = await page();
    const lab = labs.start(LAB2, 'buggy')!;
    lab.check();
    sandbox.run('@kv1 SET x 1');
    expect(lab.report).toBeNull();
    expect(lab.runner.transcript.at(-1)!.input).toBe('@kv1 SET x 1');
    expect(sandbox.transcript.at(-1)!.input).toBe('@kv1 SET x 1');
  });

  it('Back replays the learner’s own inputs to where the step began; a later step follows the lab’s path', async () => {
    const { sandbox, labs } = await page();
    const lab = labs.start(LAB2, 'buggy')!;
    sandbox.run('@kv1 SET mine yes');
    runAll(labs);
    lab.check();
    lab.next();
    runAll(labs);
    lab.back();
    expect(lab.stepNumber).toBe(0);
    expect(sandbox.session).toBe(lab.runner.session);
    expect(sandbox.transcript.map((r) => r.input)).not.toContain('@kv1 SET mine yes');
    lab.goTo(3);
    expect(lab.stepNumber).toBe(3);
    expect(sandbox.now).toBeGreaterThan(6000);
    lab.goTo(1);
    expect(lab.stepNumber).toBe(1);
    const path = new LabRunner(LAB2, { mode: 'buggy' });
    path.jump(1);
    expect(text(sandbox)).toBe(path.transcript.map(transcriptOf).join('\n'));
  });

  it('scrubbing back shows the past without the check reads; typing returns to the lab’s live session', async () => {
    const { sandbox, labs } = await page();
    const lab = labs.start(LAB2, 'buggy')!;
    runAll(labs);
    lab.check();
    const live = text(sandbox);
    const end = sandbox.now;
    sandbox.seek(1050);
    expect(lab.viewingPast).toBe(true);
    expect(sandbox.futureInputs).toBe(0);
    expect(sandbox.transcript.map((r) => r.input)).toEqual(lab.runner.transcript.filter((r) => r.at <= 1050).map((r) => r.input).slice(0, 8));
    sandbox.seek(end);
    expect(lab.viewingPast).toBe(false);
    expect(text(sandbox)).toBe(live);
    sandbox.seek(1000);
    sandbox.advance(end);
    expect(sandbox.session).toBe(lab.runner.session);
    sandbox.seek(1000);
    sandbox.run('PING');
    expect(lab.viewingPast).toBe(false);
    expect(sandbox.transcript.at(-1)!.output).toBe('PONG');
    // After the check's reads, a replay to a moment past them leaves them out too.
    sandbox.advance(500);
    sandbox.run('@kv2 ROLE');
    sandbox.seek(sandbox.now - 1);
    expect(lab.viewingPast).toBe(true);
    expect(sandbox.transcript.map((r) => r.input)).toEqual(lab.runner.transcript.slice(0, -1).map((r) => r.input));
    expect(sandbox.log.length - lab.runner.transcript.length).toBe(4);
  });

  it('a new session or an import while in a lab: the lab steps aside, its progress kept', async () => {
    const { sandbox, labs } = await page();
    labs.start(LAB2, 'buggy');
    runAll(labs);
    sandbox.reset({ seed: 1, mode: 'fixed', nodes: 3 });
    expect(labs.active).toBeNull();
    expect(sandbox.owner).toBeNull();
    expect(notices.at(-1)!.text).toMatch(/Left the lab .*progress is kept/);
    expect(storage.getItem(LAB_KEYS.active)).toBe('');
    expect(JSON.parse(storage.getItem(LAB_KEYS.progress('issue-2618', 'buggy'))!).log.length).toBeGreaterThan(7);
  });
});

describe('progress across reloads', () => {
  it('a reload resumes the lab at the same step, with the same console output and time', async () => {
    const first = await page();
    const lab = first.labs.start(LAB2, 'buggy')!;
    runAll(first.labs);
    lab.check();
    lab.next();
    lab.showHint();
    first.sandbox.run('@kv3 ROLE');
    first.sandbox.advance(1234);
    first.sandbox.flush();
    const before = { text: text(first.sandbox), now: first.sandbox.now };

    const second = await page();
    expect(second.labs.active).not.toBeNull();
    expect(second.labs.active!.stepNumber).toBe(1);
    expect(second.labs.active!.hintShown).toBe(true);
    expect(second.labs.active!.passed.has('healthy')).toBe(true);
    expect(text(second.sandbox)).toBe(before.text);
    expect(second.sandbox.now).toBe(before.now);
    expect(notices).toEqual([]);
  });

  it('progress is kept per mode; the list reads it without replaying', async () => {
    const { labs } = await page();
    const lab = labs.start(LAB2, 'fixed')!;
    runAll(labs);
    lab.check();
    lab.next();
    labs.exit();
    expect(labs.summary(LAB2, 'fixed')).toEqual({ step: 1, passed: 1 });
    expect(labs.summary(LAB2, 'buggy')).toBeNull();
    expect(labs.start(LAB2, 'fixed', true)!.stepNumber).toBe(0);
  });

  it.each([
    ['not JSON', '{"format":1,', /not JSON/],
    ['another lab', JSON.stringify({ format: 1, lab: 'fix-2643', mode: 'buggy' }), /progress is for lab 'fix-2643'/],
    ['a step out of range', null, /progress step 99 is not a step of this lab/],
    ['a log out of order', null, /log entries must be \{at, input\} in time order/],
    ['a wrong mode', JSON.stringify({ format: 1, lab: 'issue-2618', mode: 'fixed' }), /not progress in buggy mode/],
  ])('bad saved progress (%s) is kept aside and the lab starts afresh, with a notice', async (_, raw, reason) => {
    const key = LAB_KEYS.progress('issue-2618', 'buggy');
    const { labs: setup } = await page();
    setup.start(LAB2, 'buggy');
    const good = JSON.parse(storage.getItem(key)!);
    const bad = raw ?? JSON.stringify(reason.source.includes('step') ? { ...good, step: 99 } : { ...good, log: [{ at: 5, input: 'PING' }, { at: 1, input: 'PING' }] });
    storage.setItem(key, bad);

    const { sandbox, labs } = await page();
    expect(labs.active!.stepNumber).toBe(0);
    expect(sandbox.now).toBe(1000);
    expect(storage.getItem(`${key}.unreadable`)).toBe(bad);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.kind).toBe('error');
    expect(notices[0]!.text).toMatch(reason);
    expect(notices[0]!.text).toMatch(/kept aside as kvlab\.lab\.progress\.v1\.issue-2618\.buggy\.unreadable; the lab starts afresh/);
  });

  it('a bad "lab in progress" record is ignored', async () => {
    for (const raw of ['{', '{"id":"../x","mode":"buggy"}', '{"id":"issue-2618","mode":"chaotic"}', '{"id":"gone","mode":"buggy"}']) {
      storage.setItem(LAB_KEYS.active, raw);
      const { labs, sandbox } = await page();
      expect(labs.active).toBeNull();
      expect(sandbox.owner).toBeNull();
    }
  });

  it('the lab in progress no longer parses: the panel says file:line: reason', async () => {
    storage.setItem(LAB_KEYS.active, '{"id":"issue-2618","mode":"buggy"}');
    const sandbox = new Sandbox(storage);
    const labs = new Labs({ sandbox, storage, notify: () => {} }, async () => [{ file: 'labs/02-issue-2618.md', ok: false, error: 'labs/02-issue-2618.md:9: unknown key' }]);
    await labs.load();
    expect(labs.active).toBeNull();
    expect(labs.failure).toBe('labs/02-issue-2618.md:9: unknown key');
  });
});
