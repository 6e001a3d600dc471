#!/usr/bin/env node
// `npm test`: the type check, svelte-check, then every Vitest suite; ends with one line
// "N passed, N failed" counting each test and the two checks, and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false });
const bin = (name) => join('node_modules', '.bin', name);

let passed = 0;
let failed = 0;

// The end-to-end tests drive Debian's Chromium and the RESP tests use redis-cli. On a fresh
// machine of this kind (Debian, root) they are installed here, so `npm test` works on a clean
// clone; elsewhere the tests that need them fail with a message naming the package.
const missing = [];
if (!existsSync('/usr/bin/chromium')) missing.push('chromium');
if (spawnSync('sh', ['-c', 'command -v redis-cli'], { stdio: 'ignore' }).status !== 0) missing.push('redis-tools');
if (missing.length > 0) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (isRoot && hasApt) {
    console.log(`== installing ${missing.join(', ')} (apt-get)`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
  } else {
    console.log(`== missing ${missing.join(', ')}: install them (Debian: apt-get install ${missing.join(' ')}) for the browser and RESP tests`);
  }
}

console.log('== type check (tsc --noEmit)');
const tsc = run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
if (tsc.status === 0) passed++;
else failed++;

console.log('== Svelte components (svelte-check)');
const svelteCheck = run(bin('svelte-check'), ['--tsconfig', './tsconfig.json', '--fail-on-warnings']);
if (svelteCheck.status === 0) passed++;
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
