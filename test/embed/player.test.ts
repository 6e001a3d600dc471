import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runLab } from '../../src/lab/labs/index.ts';
import { parseLab } from '../../src/lab/labs/parse.ts';
import { runScript } from '../../src/lab/script.ts';
import { PACE } from '../../src/embed/pacing.ts';
import { nextTask, programOf, startRun } from './support.ts';

const SCENARIO = readFileSync('labs/scenarios/issue-2618.kvlab', 'utf8');
/** The scenario as the embed plays it: the file after its header (line 6 on). */
const BODY = SCENARIO.split('\n').slice(5).join('\n');
const lastOutput = (outputs: Record<string, unknown>[], input: string) => outputs.filter((d) => d.input === input).at(-1)?.output as string;

describe('autoplay of #2618', () => {
  for (const mode of ['buggy', 'fixed'] as const) {
    it(`${mode}: plays every input, and the transcript is kvlab run's, byte for byte`, async () => {
      const { run, of, finished, ticker } = startRun(programOf({ scenario: 'issue-2618', mode }));
      run.player.play();
      await finished;
      const steps = of('kvlab-step');
      expect(steps.map((s) => s.index)).toEqual(steps.map((_, i) => i));
      expect(steps.every((s) => s.source === 'script' && s.file === 'labs/scenarios/issue-2618.kvlab')).toBe(true);
      expect(steps[1]).toMatchObject({ line: 7, input: '@kv1 CLUSTERX SETNODEID 7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3', output: 'OK', error: null });
      const [done] = of('kvlab-finished');
      expect(done).toMatchObject({ status: 'finished', inputs: 23, mode, failure: null });
      const cli = runScript(BODY, { mode, seed: 1, nodes: 3 });
      expect(done!.transcript).toBe(cli.transcript);
      // Each input ran at the virtual time kvlab run gives it, waits included.
      expect(steps.map((s) => [s.input, s.at])).toEqual(cli.session.log.map((r) => [r.input, r.at]));
      expect(lastOutput(steps, '@kv3 INFO replication')).toContain(mode === 'buggy' ? 'role:slave' : 'role:master');
      // The waits played out over animation frames: 1 s, 1 s and 5 s at four times real time.
      expect(ticker.frames).toBeGreaterThan((250 + 250 + 1250) / 16 - 3);
      expect(run.player.status).toBe('finished');
    });
  }

  it('speed divides every pause', async () => {
    const slow = startRun(programOf({ scenario: 'issue-2618' }), 1);
    const fast = startRun(programOf({ scenario: 'issue-2618' }), 10);
    slow.run.player.play();
    fast.run.player.play();
    await Promise.all([slow.finished, fast.finished]);
    expect(slow.ticker.delays.every((d) => d === PACE.typeMs)).toBe(true);
    expect(fast.ticker.delays.every((d) => d === PACE.typeMs / 10)).toBe(true);
    expect(fast.ticker.frames).toBeLessThan(slow.ticker.frames / 5);
  });

  it('pause stops between inputs; play resumes where it stopped; step runs one', async () => {
    const { run, of, finished } = startRun(programOf({ scenario: 'issue-2618' }));
    run.player.play();
    await nextTask();
    run.player.pause();
    for (let i = 0; i < 20 && run.player.busy; i++) await nextTask();
    const at = run.player.position;
    expect(run.player.status).toBe('paused');
    expect(of('kvlab-step')).toHaveLength(at);
    await run.player.next();
    expect(run.player.position).toBe(at + 1);
    run.player.play();
    await finished;
    expect(of('kvlab-step')).toHaveLength(23);
  });

  it('"run all" runs the rest at once', async () => {
    const { run, of, ticker } = startRun(programOf({ scenario: 'issue-2618', mode: 'fixed' }));
    await run.player.finish();
    expect(run.player.status).toBe('finished');
    expect(ticker.delays).toEqual([]);
    expect(of('kvlab-finished')).toHaveLength(1);
  });
});

describe('inputs typed into the console', () => {
  it('are reported as console steps, and each run has its own sandbox', () => {
    const a = startRun(programOf({ lab: 'issue-2618' }));
    const b = startRun(programOf({ lab: 'issue-2618' }));
    a.run.term.edited('SET typed-here 1');
    a.run.term.submit();
    expect(a.of('kvlab-step').slice(7)).toEqual([expect.objectContaining({ index: 7, input: 'SET typed-here 1', output: 'OK', source: 'console', line: null, file: null })]);
    expect(b.of('kvlab-step')).toHaveLength(7);
    expect(b.run.sandbox.transcript).toHaveLength(7);
    b.run.term.edited('GET typed-here');
    b.run.term.submit();
    expect(b.run.sandbox.transcript.at(-1)!.output).toBe('(nil)');
    a.run.term.edited('GET typed-here');
    a.run.term.submit();
    expect(a.run.sandbox.transcript.at(-1)!.output).toBe('"1"');
  });
});

describe('a script that fails while it runs', () => {
  it('stops at the input, with its line, and says so', async () => {
    const { run, of, finished } = startRun(programOf({ script: 'PING\n.crash kv2\n.crash kv2\nPING' }));
    run.player.play();
    await finished;
    expect(run.player.status).toBe('failed');
    expect(run.player.failure).toBe('line 3: kv2 is not running (crashed)');
    expect(of('kvlab-finished')).toEqual([expect.objectContaining({ status: 'failed', failure: 'line 3: kv2 is not running (crashed)', inputs: 3 })]);
    expect(run.player.position).toBe(3);
  });
});

describe('a lab', () => {
  for (const mode of ['buggy', 'fixed'] as const) {
    it(`issue-2618 in ${mode} mode: the bootstrap, then every check with the outcome runLab gives`, async () => {
      const { run, of, finished } = startRun(programOf({ lab: 'issue-2618', mode }));
      expect(of('kvlab-step').slice(0, 7).every((s) => s.source === 'bootstrap')).toBe(true);
      run.player.play();
      await finished;
      const checks = of('kvlab-check');
      const expected = runLab(parseLab(readFileSync('labs/02-issue-2618.md', 'utf8'), 'labs/02-issue-2618.md'), mode);
      const results = expected.steps.flatMap((s) => s.report.results);
      expect(checks.map((c) => [c.check, c.status, c.ok, c.message])).toEqual(results.map((r) => [r.check.source, r.status, r.ok, r.message]));
      expect(checks.every((c) => c.ok)).toBe(true);
      const removed = checks.find((c) => c.check === '[fails in buggy] kv3 INFO replication: role = master within 5s')!;
      expect(removed).toMatchObject({ lab: 'issue-2618', step: { index: 2, id: 'removed-node' }, file: 'labs/02-issue-2618.md', mode, status: mode === 'buggy' ? 'fail' : 'pass' });
      if (mode === 'buggy') expect(removed.message).toBe('kv3 INFO replication: expected role:master, got role:slave (after 5s)');
      expect(of('kvlab-finished')[0]).toMatchObject({ status: 'finished', checks: { expected: results.length, unexpected: 0 } });
      expect(run.player.checks?.step).toBe(4);
    });
  }
});

describe('nothing to play', () => {
  it('play lets virtual time flow at speed until paused', async () => {
    const { run, ticker } = startRun(programOf({}), 2);
    run.player.play();
    while (ticker.frames < 11) await nextTask();
    run.player.pause();
    await nextTask();
    const now = run.sandbox.now;
    expect(now).toBeGreaterThanOrEqual(300);
    await nextTask();
    expect(run.sandbox.now).toBe(now);
  });
});
