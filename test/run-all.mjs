#!/usr/bin/env node
// `npm test`: the type check, svelte-check, the CLI build, every Vitest suite, then the packed package; ends with one line
// "N passed, N failed" counting each test and the two checks, and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false });
const bin = (name) => join('node_modules', '.bin', name);

let passed = 0;
let failed = 0;

/** Runs Vitest with a JSON report and counts its tests; a suite that failed to load counts as one failure. */
function vitestSuite(args) {
  const report = join(mkdtempSync(join(tmpdir(), 'kvlab-test-')), 'vitest.json');
  const status = run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...args]).status;
  const failedBefore = failed;
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
    failed += json.testResults.filter((suite) => suite.status === 'failed' && suite.assertionResults.length === 0).length;
    if (json.numTotalTests === 0) failed++;
  } catch {
    failed++;
  }
  if (status !== 0 && failed === failedBefore) failed++;
}

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

// The CLI tests run the built command (dist/cli/kvlab.mjs), as a user does: build it first.
console.log('== the kvlab command (vite build --config vite.cli.config.ts)');
const cli = run(process.execPath, [join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.cli.config.ts']);
if (cli.status === 0) passed++;
else failed++;

console.log('== tests (vitest run)');
vitestSuite(process.argv.slice(2));

// The package as a user installs it: npm pack (which rebuilds dist/ in prepack, so it runs after
// the other tests, never beside them), then an install of the tarball into an empty project.
console.log('== the packed package (vitest run --config test/pack/vitest.config.ts)');
vitestSuite(['--config', 'test/pack/vitest.config.ts']);

// The live comparison with real Kvrocks (test/conformance): where ../shared/kvrocks holds the two
// reference builds (as on CI), or KVROCKS_BIN names one, every case runs against a real cluster
// too. Each case and mode counts as one test; the rendering check against redis-cli as one more.
const liveBuilds = existsSync(join('..', 'shared', 'kvrocks', 'bin.sh')) || process.env.KVROCKS_BIN !== undefined;
if (liveBuilds) {
  console.log('== live conformance with real Kvrocks (npm run conformance -- --check)');
  const live = join(mkdtempSync(join(tmpdir(), 'kvlab-conformance-')), 'report.json');
  const conformance = run(bin('tsx'), ['test/conformance/main.ts', '--check', '--report', live]);
  try {
    const json = JSON.parse(readFileSync(live, 'utf8'));
    for (const r of json.results) {
      if (r.status === 'different') failed++;
      else passed++;
    }
    failed += json.errors.length;
    if (json.errors.length === 0) passed++; // the rendering check and the harness itself
  } catch {
    failed++;
  }
  if (conformance.status !== 0 && failed === 0) failed++;
} else {
  console.log('== live conformance: ../shared/kvrocks not found and KVROCKS_BIN not set; the model was compared with the recordings only');
}

// The docs-site recipes (docs/embed.md) build real sites from the npm registry: slow, so only
// when asked (KVLAB_RECIPES=1, as .ci/run does, or `npm run test:recipes` on its own).
if (process.env.KVLAB_RECIPES === '1') {
  console.log('== docs-site recipes (vitest run --config test/recipes/vitest.config.ts)');
  vitestSuite(['--config', 'test/recipes/vitest.config.ts']);
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
