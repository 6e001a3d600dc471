#!/usr/bin/env node
// `npm test`: the type check, then every Vitest suite; ends with one line "N passed, N failed"
// counting each test and the type check, and exits non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false });
const bin = (name) => join('node_modules', '.bin', name);

let passed = 0;
let failed = 0;

console.log('== type check (tsc --noEmit)');
const tsc = run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
if (tsc.status === 0) passed++;
else failed++;

console.log('== tests (vitest run)');
const report = join(mkdtempSync(join(tmpdir(), 'kvlab-test-')), 'vitest.json');
const vitest = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...process.argv.slice(2)]);
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed += json.numPassedTests;
  failed += json.numFailedTests;
  // A suite that failed to load has no tests to count: count it as one failure.
  failed += json.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
  if (json.numTotalTests === 0) failed++;
} catch {
  failed++;
}
if (vitest.status !== 0 && failed === 0) failed++;

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
