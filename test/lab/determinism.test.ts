// Design §2: the same seed, mode and script give the same trace and transcript, byte for byte; the seed
// only draws link latencies. engine/history.ts: a session is rebuilt at any time from seed + input log.
import { describe, expect, it } from 'vitest';
import { replayTo } from '../../src/engine/history.ts';
import { formatTraceEntry } from '../../src/engine/trace.ts';
import { runScript } from '../../src/lab/script.ts';
import { Session, type SessionOptions } from '../../src/lab/session.ts';
import { id, shardLines } from '../support/cluster.ts';

const S1 = shardLines('kv1', ['kv2', 'kv3']);

/** The controller's bootstrap by hand, as logical console inputs (the payload spans lines). */
const BOOTSTRAP = [
  ...['kv1', 'kv2', 'kv3'].map((n) => `@${n} CLUSTERX SETNODEID ${id(n)}`),
  ...['kv1', 'kv2', 'kv3'].map((n) => `@${n} CLUSTERX SETNODES "${S1}" 1`),
  '.wait 1s',
];

/** Bootstrap, a write, reads on replicas, a crash and a restart: nothing printed depends on latencies. */
const SCRIPT = [
  ...BOOTSTRAP,
  '@kv1 SET greeting hello',
  '.wait 100ms',
  '@kv2 ROLE',
  '@kv3 READONLY',
  '@kv3 GET greeting',
  '@kv1 CLUSTER INFO',
  '@kv3 CLUSTER SLOTS',
  '.crash kv1',
  '.wait 3s',
  '@kv2 ROLE',
  '@kv2 INFO stats',
  '.restart kv1',
  '.wait 2s',
  '@kv3 ROLE',
  '.nodes',
].join('\n');

const traceOf = (session: Session) => session.world.sim.trace.entries.map(formatTraceEntry).join('\n');

function run(seed: number | string, mode: SessionOptions['mode'] = 'buggy') {
  const { session, transcript } = runScript(SCRIPT, { nodes: 3, seed, mode });
  return { transcript, trace: traceOf(session) };
}

/** What a session shows: the time, `.nodes`, and each running node's INFO replication and CLUSTER NODES. */
function state(session: Session): string {
  const parts = [session.run('.nodes').output, `now=${session.now()}`];
  for (const node of session.world.nodes) {
    if (!node.running) continue;
    parts.push(session.run(`@${node.name} INFO replication`).output);
    parts.push(session.run(`@${node.name} CLUSTER NODES`).output);
  }
  return parts.join('\n');
}

describe('determinism', () => {
  it('the same seed and script give the same trace and transcript, byte for byte', () => {
    const a = run(7);
    const b = run(7);
    expect(a.trace.length).toBeGreaterThan(1000);
    expect(b.trace).toBe(a.trace);
    expect(b.transcript).toBe(a.transcript);
  });

  it('a string seed is as deterministic as a number', () => {
    expect(run('lab').trace).toBe(run('lab').trace);
  });

  it('another seed changes the timings (the trace) but not what this script prints', () => {
    const a = run(1);
    const b = run(2);
    expect(b.trace).not.toBe(a.trace);
    expect(b.transcript).toBe(a.transcript);
    expect(a.transcript).toContain('127.0.0.1:30001> @kv3 GET greeting\n"hello"\n');
  });

  it('the mode is part of the input: buggy and fixed print the same for a script that removes nobody', () => {
    expect(run(1, 'fixed').transcript).toBe(run(1, 'buggy').transcript);
  });
});

describe('replay from the input log (engine/history.ts replayTo)', () => {
  const opts: SessionOptions = { nodes: 3, seed: 3, mode: 'fixed' };

  /** Bootstrap, a write, kv3 removed with v2 (fixed mode: it drops its master), then kv2 crashes. */
  function played(): Session {
    const s = new Session(opts);
    const v2 = shardLines('kv1', ['kv2']);
    const inputs = [
      ...BOOTSTRAP,
      '@kv1 SET greeting hello',
      '.wait 100ms',
      ...['kv1', 'kv2', 'kv3'].map((n) => `@${n} CLUSTERX SETNODES "${v2}" 2`),
      '.wait 10s',
      '.crash kv2',
      '.wait 2s',
    ];
    for (const input of inputs) expect(s.run(input).error).toBeNull();
    return s;
  }

  it('replaying the whole log rebuilds the final state', () => {
    const s = played();
    const replayed = replayTo(() => new Session(opts), s.log, s.now());
    expect(replayed.now()).toBe(s.now());
    expect(traceOf(replayed)).toBe(traceOf(s));
    expect(state(replayed)).toBe(state(s));
  });

  it('replaying to an earlier moment gives the state the session had then', () => {
    const s = played();
    // 5 s into the 10 s wait that follows the v2 push (the push ran at t=1100).
    const t = 6100;
    const replayed = replayTo(() => new Session(opts), s.log, t);
    const reference = new Session(opts);
    for (const record of s.log) {
      if (record.at > t || record.input.startsWith('.wait 10s')) break;
      reference.run(record.input);
    }
    reference.runUntil(t);
    expect(reference.now()).toBe(t);
    expect(replayed.now()).toBe(t);
    expect(state(replayed)).toBe(state(reference));
  });
});
