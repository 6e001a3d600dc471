// The probe round with and without force-resync-400 (kvrocks-controller PR #400, open): a node at
// the stored version whose counts differ from the store's is force-pushed only with the switch.
import { describe, expect, it } from 'vitest';
import { A1, A2, AM, steady } from './controller-world.ts';

describe('a node that drifted at the stored version', () => {
  it('is never repaired without force-resync-400 (#395)', () => {
    const w = steady();
    Object.assign(w.nodes[A2]!, { payload: 'partial', counts: { known: 2, slots: 16384 } });
    w.clock.advanceTo(30_010);
    expect(w.sent().every((line) => line.endsWith('CLUSTER INFO'))).toBe(true);
    expect(w.nodes[A2]!.payload).toBe('partial');
  });

  it('is force-pushed at the next probe with force-resync-400, and then left alone', () => {
    const w = steady(['force-resync-400']);
    Object.assign(w.nodes[A2]!, { payload: 'partial', counts: { known: 2, slots: 16384 } });
    Object.assign(w.nodes[A1]!, { counts: { known: 3, slots: 16384 } });
    w.clock.advanceTo(3010);
    expect(w.sent(3000)).toEqual([`${AM} CLUSTER INFO`, `${A1} CLUSTER INFO`, `${A2} CLUSTER INFO`, `${A2} CLUSTERX SETNODEID`, `${A2} CLUSTERX SETNODES v1`]);
    expect(w.calls.at(-1)!.argv.at(-1)).toBe('force');
    expect(w.logs).toContain(`controller: ${A2} is at v1 with 2 nodes and 16384 slots, not 3 and 16384: force v1`);
    w.clock.advanceTo(6010);
    expect(w.sent(6000).every((line) => line.endsWith('CLUSTER INFO'))).toBe(true);
  });

  it('also counts slots: a node missing a range is repaired', () => {
    const w = steady(['force-resync-400']);
    Object.assign(w.nodes[AM]!, { counts: { known: 3, slots: 8192 } });
    w.clock.advanceTo(3010);
    expect(w.sent(3000)).toContain(`${AM} CLUSTERX SETNODES v1`);
  });

  it('pushes a node behind with force too', () => {
    const w = steady(['force-resync-400']);
    w.nodes[A1]!.version = 0;
    w.clock.advanceTo(3010);
    expect(w.calls.filter((c) => c.argv[1] === 'SETNODES').map((c) => c.argv.slice(3))).toEqual([['1', 'force']]);
  });
});
