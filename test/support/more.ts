/** More helpers for scenario and lab tests: stats, snapshots of a node's state, polling the clock. */
import { STARTUP_MS } from '../../src/machines/node-process.machine.ts';
import { clusterNodesText } from '../../src/kvrocks/cluster/describe.ts';
import type { KvrocksNode } from '../../src/kvrocks/node/node.ts';
import { wallMs } from '../../src/kvrocks/time.ts';
import type { TestCluster } from './cluster.ts';

/** `# Stats` sync counters of a node. */
export function syncStats(c: TestCluster, name: string): { full: number; partialOk: number; partialErr: number } {
  const stats = c.info(name, 'stats');
  return { full: Number(stats.sync_full), partialOk: Number(stats.sync_partial_ok), partialErr: Number(stats.sync_partial_err) };
}

/** The `slaveN:` lines of a node's INFO replication, as field values in order. */
export function slaveLines(c: TestCluster, name: string): string[] {
  return Object.entries(c.info(name))
    .filter(([key]) => /^slave\d+$/.test(key))
    .map(([, value]) => value);
}

/** The announced ports of the replicas a master lists in INFO replication. */
export function listedPorts(c: TestCluster, name: string): string[] {
  return slaveLines(c, name).map((line) => /port=(\d+)/.exec(line)?.[1] ?? '?');
}

/** The CLUSTER NODES timestamps (`<now-1> <now>`) as they read at the cluster's current time. */
export function pingPong(c: TestCluster): string {
  const now = wallMs(c.world.now());
  return `${now - 1} ${now}`;
}

/** Everything a rejected command must leave alone: cluster view, nodes.conf, replication. */
export interface NodeStateSnapshot {
  /** Exact (int64) version text. */
  readonly version: string;
  readonly myId: string;
  readonly clusterNodes: string;
  readonly nodesConf: string | null;
  readonly isSlave: boolean;
  readonly master: string | null;
}

export function snapshotNode(node: KvrocksNode): NodeStateSnapshot {
  return {
    version: node.cluster.versionText,
    myId: node.cluster.myId,
    clusterNodes: clusterNodesText(node.cluster, 0),
    nodesConf: node.disk.nodesConf,
    isSlave: node.isSlave,
    master: node.replica ? `${node.replica.masterHost}:${node.replica.masterPort}` : null,
  };
}

/**
 * Advances the clock 1 ms at a time until `done()` holds (checked before each step), at most
 * `limitMs`; returns how long it took, or -1 if it never held.
 */
export function waitUntil(c: TestCluster, done: () => boolean, limitMs: number): number {
  const start = c.world.now();
  while (c.world.now() - start <= limitMs) {
    if (done()) return c.world.now() - start;
    c.wait(1);
  }
  return -1;
}

/** Crash a node and let the kernel's FINs go out. */
export function crash(c: TestCluster, name: string): void {
  c.node(name).crash();
  c.world.sim.settle();
}

/** Start a node again and wait until it listens (STARTUP_MS: 30 ms, as the real builds take). */
export function restart(c: TestCluster, name: string): void {
  c.node(name).restart();
  c.world.sim.settle();
  c.wait(STARTUP_MS);
}

/** Times (ms since `from`) at which `node` sent a SYN to `to`, read from the trace. */
export function connectAttempts(c: TestCluster, node: string, to: string, from: number): number[] {
  return c.world.sim.trace.entries
    .filter((e) => e.kind === 'message' && e.label === 'SYN' && e.from === node && e.to === to && e.t >= from)
    .map((e) => e.t - from);
}

/** Times (ms since `from`) of a node's trace events whose text contains `text`. */
export function eventTimes(c: TestCluster, node: string, text: string, from: number): number[] {
  return c.world.sim.trace.entries
    .filter((e) => e.kind === 'event' && e.node === node && e.text.includes(text) && e.t >= from)
    .map((e) => e.t - from);
}

/** Steps the clock event by event until a feed thread sends a WAL batch (at its next 2 ms poll); returns that moment. */
export function untilWalSent(c: TestCluster): number {
  const start = c.world.sim.trace.entries.length;
  for (let i = 0; i < 10_000; i++) {
    const sent = c.world.sim.trace.entries.slice(start).find((e) => e.kind === 'message' && e.label.startsWith('WAL'));
    if (sent) return sent.t;
    if (!c.world.sim.clock.step()) break;
  }
  throw new Error('no WAL batch was sent');
}
