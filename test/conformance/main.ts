/**
 * `npm run conformance [-- options] [case ...]`: runs every case (or those whose id contains one of
 * the given words) against fresh real Kvrocks clusters and through the model, compares the two,
 * prints what changed since the recordings, re-records them and regenerates docs/conformance.md.
 *
 *   --check         compare only: write no recording and no docs (CI)
 *   --mode M        buggy or fixed only
 *   --jobs N        cases run at once, each on its own port range (default 4: more load stretches
 *                   the real servers' timings)
 *   --record        write recordings even from a KVROCKS_BIN build
 *   --base-port P   first port of the first job's range (default 31001; each job uses 100 ports)
 *   --report FILE   write the per-case results as JSON (npm test counts them)
 * Exit status 1 when any comparable case differs from the model in a way not listed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDuration } from '../../src/lab/duration.ts';
import { loadCases, REAL_MODES, ROOT, type ConformanceCase, type RealMode } from './cases.ts';
import { compareCase, type CaseComparison } from './compare.ts';
import { writeConformanceDoc, type CaseResult } from './report.ts';
import { binaryFor, type Binary } from './real/binaries.ts';
import { checkRendering } from './real/render-check.ts';
import { REPRO_CASES, runRepro } from './real/repro-run.ts';
import { runReal } from './real/run-case.ts';
import { readRecording, sha256, writeRecording, type Recording } from './recording.ts';
import { describeDifferences, recordingChanges } from './describe.ts';

interface Args {
  check: boolean;
  record: boolean;
  modes: RealMode[];
  jobs: number;
  report: string | null;
  basePort: number;
  filters: string[];
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { check: false, record: false, modes: [...REAL_MODES], jobs: 4, report: null, basePort: 31001, filters: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--check') args.check = true;
    else if (a === '--record') args.record = true;
    else if (a === '--mode') {
      const m = argv[++i];
      if (m !== 'buggy' && m !== 'fixed') throw new Error(`--mode takes buggy or fixed, not ${m ?? 'nothing'}`);
      args.modes = [m];
    } else if (a === '--jobs') {
      args.jobs = Number(argv[++i]);
      if (!Number.isInteger(args.jobs) || args.jobs < 1 || args.jobs > 8) throw new Error('--jobs takes 1..8');
    } else if (a === '--report') args.report = argv[++i] ?? null;
    else if (a === '--base-port') {
      args.basePort = Number(argv[++i]);
      if (!Number.isInteger(args.basePort) || args.basePort < 1024 || args.basePort > 50000) throw new Error('--base-port takes 1024..50000');
    }
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else args.filters.push(a);
  }
  return args;
}

interface Job {
  readonly c: ConformanceCase;
  readonly mode: RealMode;
}

const PORTS_PER_SLOT = 100;

/** The virtual time a script's `.wait`s add up to. */
function scriptWaitMs(text: string): number {
  let ms = 0;
  for (const m of text.matchAll(/^\s*\.wait\s+(\S+)/gm)) {
    const d = parseDuration(m[1]!);
    if (d.ok) ms += d.ms;
  }
  return ms;
}

interface RealRun {
  readonly job: Job;
  readonly recording: Recording;
  readonly wallMs: number;
}

/** The real side of one job; the model is compared afterwards, so its CPU never delays a live run. */
async function runJob(job: Job, basePort: number, binary: Binary, workdir: string): Promise<RealRun> {
  const { c, mode } = job;
  const started = Date.now();
  const entries = await runReal(c, mode, { binary: binary.path, basePort, workdir });
  const recording: Recording = {
    format: 1,
    case: c.id,
    mode,
    binary: { variant: binary.variant, version: binary.version, sha256: binary.sha256 },
    recorded: new Date().toISOString().slice(0, 10),
    scriptSha256: sha256(c.script(mode)),
    entries,
  };
  return { job, recording, wallMs: Date.now() - started };
}

function compareRun(run: RealRun): CaseResult {
  const { c, mode } = run.job;
  const comparison: CaseComparison = compareCase(c.script(mode), { nodes: c.nodes, seed: 1, mode: c.modelSetting(mode) }, run.recording.entries, c.toleranceMs, c.id);
  return { c, mode, recording: run.recording, comparison, previous: readRecording(c.id, mode), wallMs: run.wallMs };
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const all = loadCases();
  const cases = args.filters.length === 0 ? all : all.filter((c) => args.filters.some((f) => c.id.includes(f)));
  if (cases.length === 0) throw new Error(`no case matches ${args.filters.join(', ')}`);
  const binaries = new Map(args.modes.map((m) => [m, binaryFor(m)] as const));
  const workdir = join(tmpdir(), `kvlab-conformance-${process.pid}`);
  mkdirSync(workdir, { recursive: true });

  const errors: string[] = [];
  const jobs: Job[] = [];
  const skipped: { c: ConformanceCase; mode: RealMode }[] = [];
  for (const c of cases)
    for (const mode of args.modes) {
      if (!c.modes.includes(mode)) continue;
      if (c.notComparable) skipped.push({ c, mode });
      else jobs.push({ c, mode });
    }
  const rendering = await checkRendering(binaries.get(args.modes[0]!)!.path, args.basePort + 8 * PORTS_PER_SLOT, join(workdir, 'render-check'));
  for (const m of rendering.mismatches) errors.push(`rendering of ${m.argv.join(' ').slice(0, 60)}: harness printed\n${m.harness}\nredis-cli printed\n${m.redisCli}`);
  process.stdout.write(`${rendering.mismatches.length === 0 ? 'identical'.padEnd(16) : 'DIFF'.padEnd(16)} rendering of ${rendering.checked} replies, harness vs redis-cli --no-raw\n`);
  // Longest scripts (by their waits) first, so the pool ends together.
  const waited = (j: Job) => scriptWaitMs(j.c.script(j.mode));
  jobs.sort((a, b) => waited(b) - waited(a));
  const runs: RealRun[] = [];
  let next = 0;
  const worker = async (slot: number) => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      try {
        const run = await runJob(job, args.basePort + slot * PORTS_PER_SLOT, binaries.get(job.mode)!, workdir);
        runs.push(run);
        process.stdout.write(`ran              ${job.c.id} ${job.mode} (${(run.wallMs / 1000).toFixed(1)} s)\n`);
      } catch (e) {
        errors.push(`${job.c.id} ${job.mode}: ${e instanceof Error ? e.message : String(e)}`);
        process.stdout.write(`ERROR            ${job.c.id} ${job.mode}: ${e instanceof Error ? e.message : String(e)}\n`);
      }
    }
  };
  // The repro scripts the model writes for real Kvrocks (src/lab/repro.ts), run with sh and redis-cli.
  const repros: { id: string; mode: RealMode; status: CaseComparison['status'] | 'error'; comparison: CaseComparison | null }[] = [];
  const reproCases = cases.filter((c) => REPRO_CASES.includes(c.id));
  try {
    await Promise.all(Array.from({ length: Math.min(args.jobs, jobs.length) }, (_, slot) => worker(slot)));
    for (const c of reproCases)
      for (const mode of args.modes) {
        try {
          const entries = await runRepro(c, mode, { binary: binaries.get(mode)!.path, basePort: args.basePort, workdir });
          const comparison = compareCase(c.script(mode), { nodes: c.nodes, seed: 1, mode: c.modelSetting(mode) }, entries, c.toleranceMs, c.id);
          repros.push({ id: `repro:${c.id}`, mode, status: comparison.status, comparison });
        } catch (e) {
          errors.push(`repro script of ${c.id} ${mode}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
  const liveMs = Date.now() - t0;
  const results = runs.map(compareRun);
  for (const r of results) {
    const mark = r.comparison.status === 'different' ? 'DIFF' : r.comparison.status;
    process.stdout.write(`${mark.padEnd(16)} ${r.c.id} ${r.mode}\n`);
  }
  results.sort((a, b) => (a.c.id === b.c.id ? a.mode.localeCompare(b.mode) : a.c.id.localeCompare(b.c.id)));
  for (const r of repros) {
    process.stdout.write(`${(r.status === 'different' ? 'DIFF' : r.status).padEnd(16)} ${r.id} ${r.mode} (the repro script, run with sh and redis-cli)\n`);
    const diff = r.comparison && r.status === 'different' ? r.comparison.entries.filter((e) => e.verdict.kind === 'different') : [];
    for (const e of diff) process.stdout.write(`  line ${e.model.line} ${e.model.input.split('\n')[0]}: real ${JSON.stringify(e.real.output).slice(0, 200)} model ${JSON.stringify(e.model.output).slice(0, 200)}\n`);
  }

  for (const r of results) {
    const diff = describeDifferences(r);
    if (diff) process.stdout.write(`\n${diff}\n`);
  }
  const changes = results.map(recordingChanges).filter((s): s is string => s !== null);
  process.stdout.write(changes.length === 0 ? '\nno change since the recordings\n' : `\nchanged since the recordings:\n${changes.join('\n')}\n`);
  for (const s of skipped) process.stdout.write(`not comparable   ${s.c.id} ${s.mode}: ${s.c.notComparable}\n`);
  for (const c of cases) for (const m of c.modelOnlyModes) process.stdout.write(`not comparable   ${c.id} ${m}: no reference build runs this setting (only buggy and fixed, as they are)\n`);
  for (const e of errors) process.stdout.write(`\nERROR ${e}\n`);

  const wallMs = Date.now() - t0;
  process.stdout.write(`live runs took ${(liveMs / 1000).toFixed(1)} s, the comparison ${((wallMs - liveMs) / 1000).toFixed(1)} s\n`);
  const custom = [...binaries.values()].some((b) => b.variant === 'custom');
  if (!args.check && (!custom || args.record) && errors.length === 0) {
    for (const r of results) writeRecording(r.recording);
    if (args.filters.length === 0 && args.modes.length === REAL_MODES.length && !custom) writeConformanceDoc(join(ROOT, 'docs', 'conformance.md'), results, skipped, [...binaries.values()], wallMs);
  }
  const failed = results.filter((r) => r.comparison.status === 'different').length + repros.filter((r) => r.status === 'different').length + errors.length;
  if (args.report) {
    const report = [...results.map((r) => ({ case: r.c.id, mode: r.mode, status: r.comparison.status })), ...repros.map((r) => ({ case: r.id, mode: r.mode, status: r.status }))];
    writeFileSync(args.report, JSON.stringify({ results: report, errors, notComparable: skipped.length, wallMs }));
  }
  const counts = (s: string) => results.filter((r) => r.comparison.status === s).length;
  process.stdout.write(
    `\n${results.length} runs of ${new Set(results.map((r) => r.c.id)).size} cases in ${(wallMs / 1000).toFixed(1)} s: ` +
      `${counts('identical')} identical, ${counts('within-tolerance')} identical within tolerance, ${counts('listed')} with listed differences, ${failed - errors.length} different, ${errors.length} harness errors; ${skipped.length} not comparable` +
      (repros.length > 0 ? `; ${repros.length} repro scripts run for real: ${repros.filter((r) => r.status !== 'different').length} agree with the model\n` : '\n'),
  );
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`conformance: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(2);
  },
);
