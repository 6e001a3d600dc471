// Idle time computed, not ticked (node/idle-pings.ts): with fast-forwarding on, every reply, every
// INFO field and every trace entry other than the pings themselves is what simulating each ping
// one by one gives, through partitions, crashes, kills, removals and writes around long waits.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatTraceEntry, type TraceEntry } from '../../../src/engine/trace.ts';
import type { BehaviourMode } from '../../../src/kvrocks/mode.ts';
import { scriptInputs, transcriptOf } from '../../../src/lab/script.ts';
import { Session } from '../../../src/lab/session.ts';
import { id, shardLines } from '../../support/cluster.ts';

const isPing = (e: TraceEntry) => (e.kind === 'message' && e.label === 'ping') || (e.kind === 'event' && e.text.includes(' idle ping'));

/** The transcript, the INFO of every node at the end, and the trace without the pings. */
function run(text: string, mode: BehaviourMode, fastForward: boolean, nodes = 3) {
  const session = new Session({ nodes, seed: 3, mode });
  if (!fastForward) session.world.sim.clock.fastForward = null;
  const transcript = scriptInputs(text, 't.kvlab').map((input) => transcriptOf(session.run(input.text)));
  for (const node of session.world.nodes) transcript.push(session.run(`@${node.name} INFO`).output);
  const entries = session.world.sim.trace.entries;
  return { transcript, trace: entries.filter((e) => !isPing(e)).map(formatTraceEntry), pings: entries.filter(isPing), session };
}

function expectSameBothWays(text: string, mode: BehaviourMode = 'buggy', nodes = 3) {
  const fast = run(text, mode, true, nodes);
  const slow = run(text, mode, false, nodes);
  expect(fast.transcript).toEqual(slow.transcript);
  expect(fast.trace).toEqual(slow.trace);
  return { fast, slow };
}

const S1 = shardLines('kv1', ['kv2', 'kv3']);
const BOOT = [
  ...['kv1', 'kv2', 'kv3'].map((n) => `@${n} CLUSTERX SETNODEID ${id(n)}`),
  ...['kv1', 'kv2', 'kv3'].map((n) => `@${n} CLUSTERX SETNODES "${S1}" 1`),
  '.wait 1s',
  '@kv1 SET a 1',
];

describe('fast-forwarded idle pings', () => {
  it('a long wait on a replicated cluster: the same replies, a summary instead of each ping', () => {
    const text = [...BOOT, '.wait 1h', '@kv2 INFO replication', '@kv1 INFO replication', '@kv1 SET b 2', '.wait 1ms', '@kv3 GET b', '.wait 37m', '@kv3 INFO replication'].join('\n');
    const { fast, slow } = expectSameBothWays(text);
    // 2 threads x ~2,800 pings simulated one by one; a handful of summaries when computed.
    expect(slow.pings.length).toBeGreaterThan(5000);
    expect(fast.pings.length).toBeLessThan(20);
    expect(fast.pings.every((e) => e.kind === 'event')).toBe(true);
  });

  it('waits that end at every phase of a ping (before, during, after its flight) read the same', () => {
    const waits = ['.wait 5s', '.wait 4251ms', '.wait 2125ms', '.wait 1ms', '.wait 4249ms', '.wait 10s'];
    const text = [...BOOT, ...waits.flatMap((w) => [w, '@kv2 INFO replication', '@kv3 ROLE'])].join('\n');
    expectSameBothWays(text);
  });

  it('a partition during a long wait, then heal: held pings and keepalive behave the same', () => {
    const text = [...BOOT, '.wait 10s', '.partition kv1 kv3', '.wait 30m', '@kv1 INFO replication', '@kv3 INFO replication', '.heal', '.wait 1h', '@kv3 INFO replication'].join('\n');
    expectSameBothWays(text);
  });

  it('a crash, a restart, a killed replica link and a removal around long waits', () => {
    const v2 = shardLines('kv1', ['kv2']);
    const text = [
      ...BOOT,
      '.wait 20m',
      '@kv1 CLIENT KILL TYPE slave',
      '.wait 20m',
      '@kv1 INFO replication',
      '.crash kv2',
      '.wait 15m',
      '.restart kv2',
      '.wait 15m',
      ...['kv1', 'kv2', 'kv3'].map((n) => `@${n} CLUSTERX SETNODES "${v2}" 2`),
      '.wait 2h',
      '@kv1 INFO replication',
      '@kv3 INFO replication',
    ].join('\n');
    for (const mode of ['buggy', 'fixed', 'guarded'] as const) expectSameBothWays(text, mode);
  });

  it('writes every few seconds keep the pings simulated where data flows, and replies the same', () => {
    const writes = Array.from({ length: 20 }, (_, i) => [`@kv1 SET k${i} v${i}`, `.wait ${1000 + 700 * i}ms`]).flat();
    expectSameBothWays([...BOOT, ...writes, '@kv3 INFO replication', '.wait 1h', '@kv2 DBSIZE'].join('\n'));
  });

  it('every bundled scenario, with idle time after each wait', () => {
    const dir = join(import.meta.dirname, '../../../labs/scenarios');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.kvlab'))) {
      const source = readFileSync(join(dir, file), 'utf8');
      // A running controller probes every 3 s, so its waits are simulated either way: kept short.
      const idle = source.includes('.controller start') ? '20s' : '10m';
      expectSameBothWays(source.replace(/^(\.wait .*)$/gm, `$1\n.wait ${idle}`), 'buggy', 6);
    }
  });

  it('a day of idle time keeps the trace small', () => {
    const fast = run([...BOOT, '.wait 24h', '@kv2 INFO replication'].join('\n'), 'fixed', true);
    expect(fast.session.world.sim.trace.entries.length).toBeLessThan(100);
    expect(fast.transcript.join('\n')).toContain('master_link_status:up');
  });
});
