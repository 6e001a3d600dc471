// force-resync-400 (kvrocks-controller PR #400, open): forced pushes, retried twice with backoff,
// and the sync endpoint; without it, one unforced attempt whose failure is only logged (#395).
import { describe, expect, it } from 'vitest';
import { A1, A2, AM, M, R1, R2, steady } from './controller-world.ts';

const FORCE = ['force-resync-400'];

describe('a push that fails', () => {
  it('is not retried without force-resync-400: the node waits for the next probe (#395)', () => {
    const w = steady();
    w.nodes[A1]!.up = false;
    w.clock.advanceTo(4000);
    w.actor.send({ type: 'REMOVE_NODE', id: R2 });
    w.clock.advanceTo(4300);
    w.nodes[A1]!.up = true;
    w.clock.advanceTo(5999);
    expect(w.sent(4000)).toEqual([`${AM} CLUSTERX SETNODEID`, `${A1} CLUSTERX SETNODEID`, `${AM} CLUSTERX SETNODES v2`]);
    expect(w.logs).toContain(`controller: failed to sync v2 to ${A1}: unreachable`);
    expect(w.nodes[A1]!.version).toBe(1);
    w.clock.advanceTo(6010);
    expect(w.nodes[A1]!.version).toBe(2);
  });

  it('is retried 150 ms and then 300 ms later with force-resync-400, SETNODES carrying force', () => {
    const w = steady(FORCE);
    w.nodes[A1]!.up = false;
    w.clock.advanceTo(4000);
    w.actor.send({ type: 'REMOVE_NODE', id: R2 });
    w.clock.advanceTo(4300);
    w.nodes[A1]!.up = true;
    w.clock.advanceTo(4500);
    const toA1 = w.calls.filter((c) => c.to === A1 && c.at >= 4000);
    expect(toA1.map((c) => [c.at, c.argv[1]])).toEqual([[4000, 'SETNODEID'], [4151, 'SETNODEID'], [4452, 'SETNODEID'], [4453, 'SETNODES']]);
    expect(toA1.at(-1)!.argv.slice(3)).toEqual(['2', 'force']);
    expect(w.nodes[A1]!.version).toBe(2);
    expect(w.logs.some((l) => l.includes('failed to sync'))).toBe(false);
  });

  it('is given up after the third attempt, logged once', () => {
    const w = steady(FORCE);
    w.nodes[A1]!.up = false;
    w.actor.send({ type: 'REMOVE_NODE', id: R2 });
    w.clock.advanceTo(1000);
    expect(w.calls.filter((c) => c.to === A1).map((c) => c.at)).toEqual([0, 151, 452]);
    expect(w.logs.filter((l) => l.includes(`failed to sync v2 to ${A1}`))).toHaveLength(1);
  });
});

describe('the sync endpoint (.controller sync)', () => {
  it('does not exist without force-resync-400', () => {
    const w = steady();
    w.actor.send({ type: 'SYNC_API', reply: w.reply });
    expect(w.results).toEqual([{ ok: false, error: '404 page not found' }]);
    expect(w.calls).toEqual([]);
  });

  it('force-pushes the stored topology to every node in turn and says which took it', () => {
    const w = steady(FORCE);
    w.nodes[A2]!.payload = 'stale';
    w.actor.send({ type: 'SYNC_API', reply: w.reply });
    w.clock.advanceTo(100);
    expect(w.sent()).toEqual([AM, AM, A1, A1, A2, A2].map((a, i) => `${a} CLUSTERX ${i % 2 === 0 ? 'SETNODEID' : 'SETNODES v1'}`));
    expect(w.results).toEqual([{ ok: true, text: `synced 3 node(s) at v1: ${AM}, ${A1}, ${A2}` }]);
    expect(w.nodes[A2]!.payload).toBe(`${M} 127.0.0.1 30001 master - 0-16383\n${R1} 127.0.0.1 30002 slave ${M}\n${R2} 127.0.0.1 30003 slave ${M}\n`);
  });

  it('reports the nodes it could not reach, as a Go map', () => {
    const w = steady(FORCE);
    w.nodes[A1]!.up = false;
    w.actor.send({ type: 'SYNC_API', reply: w.reply });
    w.clock.advanceTo(1000);
    expect(w.results).toEqual([{ ok: false, error: `synced 2 node(s); 1 failed: map[${A1}:unreachable]` }]);
  });
});
