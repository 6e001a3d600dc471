// Every lab in labs/ is a regression test (labs/README.md): each runs in each mode it declares,
// and every check must have the outcome the lab states (pass, or `[fails in <mode>]`). The README's
// complete example and its table of labs are checked too, so neither can rot.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../../src/lab/labs/parse.ts';
import { runLab } from '../../../src/lab/labs/run-lab.ts';
import type { Lab } from '../../../src/lab/labs/types.ts';

const FILES = readdirSync('labs')
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .sort();
const README = readFileSync('labs/README.md', 'utf8');

function verify(lab: Lab, mode: Lab['mode']): void {
  const run = runLab(lab, mode);
  const unexpected = run.unexpected.map((r) => `${lab.file}:${r.check.line}: expected to ${r.expected}, did ${r.status}: ${r.message}`);
  expect(unexpected).toEqual([]);
  const evaluated = run.steps.reduce((n, s) => n + s.report.results.length, 0);
  expect(evaluated).toBeGreaterThan(0);
}

describe('the labs', () => {
  it('are the lessons, in order, each with a unique id', () => {
    const labs = FILES.map((f) => parseLab(readFileSync(`labs/${f}`, 'utf8'), `labs/${f}`));
    expect(labs.map((l) => [l.id, l.modes])).toEqual([
      ['bootstrap', ['buggy', 'fixed', 'guarded']],
      ['issue-2618', ['buggy', 'fixed']],
      ['fix-2643', ['fixed']],
      ['orphan-2841', ['buggy', 'fixed', 'guarded']],
      ['version-gate', ['buggy', 'fixed', 'guarded']],
      ['failover', ['buggy', 'fixed', 'guarded']],
      ['told-vs-running', ['buggy', 'fixed', 'guarded']],
      ['migrate-slot', ['buggy', 'fixed']],
      ['drift-395', ['buggy', 'buggy+force-resync-400']],
      ['two-masters-329', ['buggy', 'buggy+quorum-check-374']],
      ['empty-replica-340', ['buggy', 'buggy+skip-unready-replica-340', 'buggy+skip-unready-replica-340+empty-shard-failover-377']],
      ['rsid-psync-462', ['buggy', 'buggy+use-rsid-psync-538']],
      ['fail-flag-3386', ['buggy', 'buggy+fail-flag-3386']],
      ['known-replicas-1224', ['buggy', 'buggy+refuse-unknown-replicas-1224', 'guarded']],
      ['split-brain-3147', ['buggy', 'buggy+freeze-after-migration-3576']],
    ]);
  });

  it('are all listed in labs/README.md', () => {
    for (const file of FILES) expect(README).toContain(`[${file}](${file})`);
  });
});

describe.each(FILES)('labs/%s', (file) => {
  const lab = parseLab(readFileSync(`labs/${file}`, 'utf8'), `labs/${file}`);
  it.each(lab.modes)('in %s mode, every check has the outcome the lab states', (mode) => {
    verify(lab, mode);
  });
  it('every step can be checked, and every check applies in some declared mode', () => {
    for (const step of lab.steps) {
      expect(step.checks.length, `step ${step.id}`).toBeGreaterThan(0);
      for (const check of step.checks) expect(lab.modes.some((m) => !check.onlyIn || check.onlyIn.includes(m))).toBe(true);
    }
  });
});

describe('labs/README.md', () => {
  const example = /````markdown\n([\s\S]*?)\n````\n/.exec(README)![1]!;
  const lab = parseLab(`${example}\n`, 'labs/README.md#example');
  it.each(lab.modes)('the complete example runs in %s mode', (mode) => {
    verify(lab, mode);
  });
});
