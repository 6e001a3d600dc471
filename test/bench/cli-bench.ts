/**
 * Issue 12's runner benchmarks, each beside a reference measured in the same run: `.wait 24h`
 * computed against the same idle time simulated ping by ping, the 1,000-node bootstrap through the
 * built `kvlab run`, and a one-line `kvlab run` against a bare `node -e 0`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runScript } from '../../src/lab/script.ts';
import { suggestedNodeId } from '../../src/protocol/node-ids.ts';
import { BIN, ensureBuiltCli, ROOT } from '../support/built-cli.ts';
import { fmt, median } from './stats.ts';

const id = (i: number) => suggestedNodeId(`kv${i + 1}`);

/** `shards` masters of `size` nodes each (1 master + size-1 replicas), every slot assigned. */
function payload(nodes: number, size: number): string {
  const lines: string[] = [];
  const shards = nodes / size;
  const per = Math.floor(16384 / shards);
  for (let s = 0; s < shards; s++) {
    const start = s * per;
    const end = s === shards - 1 ? 16383 : start + per - 1;
    lines.push(`${id(s * size)} 127.0.0.1 ${30001 + s * size} master - ${start}-${end}`);
    for (let r = 1; r < size; r++) lines.push(`${id(s * size + r)} 127.0.0.1 ${30001 + s * size + r} slave ${id(s * size)}`);
  }
  return lines.join('\n');
}

/** SETNODEID on every node, then the same SETNODES on every node: the controller's bootstrap by hand. */
export function bootstrapScript(nodes: number, size: number): string {
  const topology = payload(nodes, size);
  const out: string[] = [];
  for (let i = 0; i < nodes; i++) out.push(`@kv${i + 1} CLUSTERX SETNODEID ${id(i)}`);
  for (let i = 0; i < nodes; i++) out.push(`@kv${i + 1} CLUSTERX SETNODES "${topology}" 1`);
  return `${out.join('\n')}\n.wait 1s\n`;
}

/** Wall time and heap growth of one `.wait` on a bootstrapped, replicated cluster. */
function timedWait(nodes: number, size: number, wait: string, computed: boolean): { ms: number; mb: number } {
  const { session } = runScript(bootstrapScript(nodes, size), { nodes, seed: 1, mode: 'fixed' });
  if (!computed) session.world.sim.clock.fastForward = null;
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed;
  const start = performance.now();
  const result = session.run(`.wait ${wait}`);
  const ms = performance.now() - start;
  if (result.error !== null) throw new Error(result.error);
  const replica = session.run('@kv2 INFO replication').output;
  if (!replica.includes('master_link_status:up')) throw new Error(`kv2 is not streaming after .wait ${wait}`);
  return { ms, mb: (process.memoryUsage().heapUsed - heap) / 1e6 };
}

const mb = (value: number) => `${Math.max(0, value).toFixed(0)} MB heap`;

/** (d) `.wait 24h` on 3 and 500 replicated nodes, against ping-by-ping simulation. */
export function idleWaits(): string[] {
  const three = [1, 2, 3, 4, 5].map(() => timedWait(3, 3, '24h', true));
  const threeSlow = timedWait(3, 3, '24h', false);
  const many = [1, 2, 3].map(() => timedWait(500, 4, '24h', true));
  const manySlow = timedWait(500, 4, '10m', false);
  return [
    `(d) .wait 24h, 3 nodes (1 master + 2 replicas): median ${fmt(median(three.map((r) => r.ms)))}, ${mb(median(three.map((r) => r.mb)))} (target < 100 ms); simulated ping by ping in this run: ${fmt(threeSlow.ms)}, ${mb(threeSlow.mb)}`,
    `    .wait 24h, 500 nodes (125 masters + 375 replicas): median ${fmt(median(many.map((r) => r.ms)))}, ${mb(median(many.map((r) => r.mb)))} (target < 2 s); ping by ping, .wait 10m alone: ${fmt(manySlow.ms)} (a day is 144 times that)`,
  ];
}

function wall(args: string[], runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const ran = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    samples.push(performance.now() - start);
    if (ran.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${ran.stderr}`);
  }
  return median(samples);
}

/** (e) the 1,000-node bootstrap through `kvlab run`, and 2,000 nodes; (f) a one-line script against `node -e 0`. */
export async function cliRuns(): Promise<string[]> {
  await ensureBuiltCli();
  const dir = mkdtempSync(join(tmpdir(), 'kvlab-bench-'));
  try {
    const thousand = join(dir, 'boot-1000.kvlab');
    writeFileSync(thousand, bootstrapScript(1000, 4));
    const twoThousand = join(dir, 'boot-2000.kvlab');
    writeFileSync(twoThousand, bootstrapScript(2000, 4));
    const one = join(dir, 'one.kvlab');
    writeFileSync(one, 'PING\n');
    const boot = wall([BIN, 'run', '--nodes', '1000', thousand], 3);
    const boot2 = wall([BIN, 'run', '--nodes', '2000', twoThousand], 1);
    const bare = wall(['-e', '0'], 9);
    const line = wall([BIN, 'run', one], 9);
    return [
      `(e) 1,000-node bootstrap (1,000 SETNODEID + 1,000 SETNODES of 1,000 lines, 97 MB) through kvlab run: median ${fmt(boot)} (target < 10 s); 2,000 nodes (389 MB): ${fmt(boot2)}`,
      `(f) kvlab run of a one-line script: median ${fmt(line)}; node -e 0 in this run: ${fmt(bare)}; ratio ${(line / bare).toFixed(2)}x (target <= 3x)`,
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
