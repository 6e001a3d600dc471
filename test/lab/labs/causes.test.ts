// Why a check failed (causes.ts through LabRunner.causes): time passed since the last input, a
// node whose state differs from the lab's own path (version -1, older version, no id, down), an
// earlier step never passed; and a step that gives commands checks nothing before one ran.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { differs, inputLabel } from '../../../src/lab/labs/causes.ts';
import { compareOutcomes, recordOutcomes, validateOutcomes, type ModeOutcomes } from '../../../src/lab/labs/outcomes.ts';
import { parseLab } from '../../../src/lab/labs/parse.ts';
import { LabRunner } from '../../../src/lab/labs/runner.ts';
import { lab } from './helpers.ts';

const file = (name: string) => parseLab(readFileSync(`labs/${name}`, 'utf8'), `labs/${name}`);
const BOOTSTRAP = file('01-bootstrap.md');
const SETNODES = 2;

function causesOf(r: LabRunner) {
  const report = r.check();
  const causes = r.causes(report);
  return { report, byCheck: (source: string) => causes.get(report.results.find((x) => x.check.source === source)!.check.line) ?? null, causes };
}

describe('likely causes of a failed check', () => {
  it('time passed: lab 1 step 3 passes right after the solution, then 2 s of Play make the link checks fail, and the cause says so', () => {
    const r = new LabRunner(BOOTSTRAP);
    r.jump(SETNODES);
    r.runBlocks();
    r.runSolution();
    expect(r.check().complete).toBe(true);
    r.session.runUntil(r.session.now() + 2000);
    const { report, byCheck, causes } = causesOf(r);
    expect(report.results.filter((x) => !x.ok).map((x) => x.check.source)).toEqual(['kv2 INFO replication: master_link_status = down', 'kv2 ROLE[4] = connecting']);
    expect(causes.size).toBe(2);
    const link = byCheck('kv2 INFO replication: master_link_status = down')!;
    expect(link.kind).toBe('time-passed');
    expect(link.text).toMatch(
      /^Time passed: right after `@kv3 CLUSTERX SETNODES` \(t=0\.000s\) kv2 INFO replication read master_link_status:down, as this step expects; 2\.0 s of virtual time have passed since, and the cluster moved on within ~\d+ ms\. Reset this step, or run its commands again and Check before pressing Play\.$/,
    );
    expect(byCheck('kv2 ROLE[4] = connecting')!.text).toContain('kv2 ROLE read "connecting"');
  });

  it('a typed .wait is time passing too: the cause is measured from the last input that changed the cluster', () => {
    const r = new LabRunner(BOOTSTRAP);
    r.jump(SETNODES);
    r.runBlocks();
    r.runSolution();
    r.run('.wait 1500ms');
    const { byCheck } = causesOf(r);
    expect(byCheck('kv2 ROLE[4] = connecting')!.text).toMatch(/^Time passed: right after `@kv3 CLUSTERX SETNODES` \(t=0\.000s\).*; 1\.5 s of virtual time have passed since/);
  });

  it('the window is where the check stopped holding, to 100 ms: a replica connects well within 1 s', () => {
    const r = new LabRunner(BOOTSTRAP);
    r.jump(SETNODES);
    r.runBlocks();
    r.runSolution();
    r.session.runUntil(r.session.now() + 5000);
    const { byCheck } = causesOf(r);
    const within = Number(/within ~(\d+) ms/.exec(byCheck('kv2 INFO replication: master_link_status = down')!.text)![1]);
    expect(within).toBeGreaterThan(0);
    expect(within).toBeLessThanOrEqual(1000);
    expect(byCheck('kv2 INFO replication: master_link_status = down')!.text).toContain('5.0 s of virtual time have passed since');
  });

  it('no time cause when no time passed: a skipped SETNODES names the node at version -1 instead of the raw ROLE error', () => {
    const r = new LabRunner(BOOTSTRAP);
    r.jump(SETNODES);
    r.runBlocks(); // kv3 never gets its SETNODES
    r.next();
    r.runBlocks(); // .wait 1s, reads on kv1
    const { report, byCheck } = causesOf(r);
    const role = report.results.find((x) => x.check.source === 'kv3 ROLE[4] = connected')!;
    expect(role.message).toBe('kv3 ROLE[4]: expected connected, got no ROLE[4] (ROLE has 2 elements)');
    expect(byCheck('kv3 ROLE[4] = connected')).toEqual({ kind: 'node-state', text: 'kv3 is at version -1: it was never sent CLUSTERX SETNODES.' });
    // A check on the master fails for the same reason: the node at -1 is named there too.
    expect(byCheck('kv1 INFO replication: connected_slaves = 2 within 2s')!.text).toBe('kv3 is at version -1: it was never sent CLUSTERX SETNODES.');
  });

  it('names a node without an id, and a node that is down', () => {
    const node = (version: number, hasId = true, running = true) => ({ name: 'kv3', version, hasId, running });
    expect(differs(node(-1, false), node(1))).toBe('kv3 has no node id: it was never sent CLUSTERX SETNODEID.');
    expect(differs(node(1), node(2))).toBe('kv3 is at topology version 1, but this step expects version 2: it missed a CLUSTERX SETNODES.');
    expect(differs(node(3), node(2))).toBe('kv3 is at topology version 3, newer than the version 2 this step expects.');
    expect(differs(node(2), node(2))).toBeNull();
    expect(differs(node(-1, false), node(-1, false))).toBeNull();

    const down = new LabRunner(BOOTSTRAP);
    down.jump(SETNODES + 1);
    down.run('.crash kv2');
    down.runBlocks();
    expect(causesOf(down).byCheck('kv2 INFO replication: master_link_status = up')!.text).toBe(
      'kv2 is not running (crashed or shut down), but this step expects it up: `.restart kv2` brings it back, or Reset this step.',
    );
  });

  it('an earlier step never passed, when nothing else explains it', () => {
    const two = lab(
      ['', '## Write {#write}', '', '```kvlab', '@kv1 SET a 1', '```', '', '```check', 'kv1 GET a = 1', '```', '', '## Read {#read}', '', '```kvlab', '.time', '```', '', '```check', 'kv1 GET a = 1', '```', ''].join('\n'),
    );
    const r = new LabRunner(two);
    r.next();
    r.runBlocks();
    const { byCheck } = causesOf(r);
    expect(byCheck('kv1 GET a = 1')).toEqual({ kind: 'earlier-step', text: 'Step 1 (Write) was never passed: what it sets up may be missing. Go back to it, or Reset this step.' });
  });

  it('a passing report has no causes; the lab path to any step passes the steps before it', () => {
    const r = new LabRunner(BOOTSTRAP);
    r.jump(SETNODES);
    expect(r.progress().passed).toEqual(['fresh', 'ids']);
    r.runBlocks();
    r.runSolution();
    const report = r.check();
    expect(report.complete).toBe(true);
    expect(r.causes(report).size).toBe(0);
  });

  it('a step that gives commands cannot pass before one ran; Reset this step returns to its start and asks again', () => {
    const r = new LabRunner(BOOTSTRAP);
    expect(r.check()).toMatchObject({ complete: false, notRun: true, results: [] });
    r.runBlocks();
    expect(r.check().complete).toBe(true);
    r.next();
    r.runBlocks();
    const start = r.stepStart;
    r.session.runUntil(r.session.now() + 3000);
    r.resetStep();
    expect(r.session.now()).toBe(start.at);
    expect(r.session.log).toHaveLength(start.log);
    expect(r.stepInputs).toBe(0);
    expect(r.check().notRun).toBe(true);
    expect(r.session.world.find('kv1')!.cluster.myId).toBe('');
  });

  it('inputLabel keeps the words before a payload', () => {
    expect(inputLabel('@kv3 CLUSTERX SETNODES "a b c" 1')).toBe('@kv3 CLUSTERX SETNODES');
    expect(inputLabel('.wait 1s')).toBe('.wait 1s');
    expect(inputLabel('@kv1 SET greeting hello')).toBe('@kv1 SET greeting');
  });
});

describe('outcomes in two modes', () => {
  const ISSUE = file('02-issue-2618.md');
  const pathOutcomes = (mode: 'buggy' | 'fixed'): ModeOutcomes => {
    const r = new LabRunner(ISSUE, { mode });
    let outcomes: ModeOutcomes | null = null;
    for (;;) {
      outcomes = recordOutcomes(outcomes, mode, r.followPath().report);
      if (!r.next()) return outcomes;
    }
  };

  it('lab 2: the rows are the checks the modes read differently, buggy beside fixed', () => {
    const buggy = pathOutcomes('buggy');
    const fixed = pathOutcomes('fixed');
    const rows = compareOutcomes(ISSUE, buggy, fixed);
    expect(rows.length).toBeGreaterThan(0);
    const role = rows.find((row) => row.source.includes('kv3 INFO replication: role = master'))!;
    expect(role.a).toMatchObject({ status: 'fail', reading: 'kv3 INFO replication: role:slave' });
    expect(role.b).toMatchObject({ status: 'pass', reading: 'kv3 INFO replication: role:master' });
    expect(rows.every((row) => row.a === null || row.b === null || row.a.status !== row.b.status || row.a.reading !== row.b.reading || row.source.startsWith('['))).toBe(true);
    // Saved and read back as untrusted JSON.
    expect(validateOutcomes(JSON.parse(JSON.stringify(buggy)))).toEqual(buggy);
    expect(validateOutcomes({ mode: 'buggy', seen: { x: { status: 'pass', reading: '' } } })).toBeNull();
    expect(validateOutcomes({ mode: 'nope', seen: {} })).toBeNull();
  });

  it('lab 1 reads the same in every mode: no rows', () => {
    const outcomes = (mode: 'buggy' | 'fixed') => {
      const r = new LabRunner(BOOTSTRAP, { mode });
      let o: ModeOutcomes | null = null;
      for (;;) {
        o = recordOutcomes(o, mode, r.followPath().report);
        if (!r.next()) return o;
      }
    };
    expect(compareOutcomes(BOOTSTRAP, outcomes('buggy'), outcomes('fixed'))).toEqual([]);
  });
});
