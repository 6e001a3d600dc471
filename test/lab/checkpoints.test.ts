import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Checkpoints } from '../../src/lab/checkpoints.ts';
import type { Session } from '../../src/lab/session.ts';
import { freshSession, replay } from '../../src/ui/state/replay.ts';
import { threeNodeHour, type BuiltSession } from '../support/hour-sessions.ts';

/** What a person sees of a world: INFO replication, CLUSTER NODES and ROLE on every node, and the trace tail. */
function seen(session: Session): string[] {
  const out = session.world.nodes.map((n) => ['INFO replication', 'CLUSTER NODES', 'ROLE'].map((c) => `@${n.name} ${c}`));
  const tail = JSON.stringify(session.world.sim.trace.entries.slice(-50));
  // Reading runs commands: read a replay made for the purpose, never the one compared next.
  const story = JSON.stringify([session.log, session.traceStarts, session.world.sim.trace.end, session.now()]);
  return [tail, story, ...out.flat().map((input) => session.run(input).output)];
}

describe('a seek from a checkpoint', () => {
  let built: BuiltSession;
  beforeAll(() => {
    built = threeNodeHour();
  });

  it('gives the world, transcript and trace of a replay from t=0, for any moment', () => {
    const store = new Checkpoints(() => freshSession(built.options), { capacity: 4, spacing: 2000 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: built.end }), (t) => {
        while (store.build(built.log));
        expect(store.size).toBeGreaterThan(1);
        const fromCheckpoint = store.seek(built.log, t);
        const fromZero = replay(built.options, built.log, t);
        expect(fromCheckpoint.applied).toBe(fromZero.applied);
        expect(fromCheckpoint.midWait).toBe(fromZero.midWait);
        expect(fromCheckpoint.results).toEqual(fromZero.results);
        expect(seen(fromCheckpoint.session)).toEqual(seen(fromZero.session));
      }),
      { numRuns: 12, seed: 11 },
    );
  });

  it('gives the same when a seek takes the builder over part-way, mid-gap or mid-wait', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: built.end }), (calls, t) => {
        const store = new Checkpoints(() => freshSession(built.options), { capacity: 4, spacing: 2000 });
        for (let i = 0; i < calls && store.build(built.log); i++);
        const fromCheckpoint = store.seek(built.log, t);
        const fromZero = replay(built.options, built.log, t);
        expect(fromCheckpoint.results).toEqual(fromZero.results);
        expect(seen(fromCheckpoint.session)).toEqual(seen(fromZero.session));
      }),
      { numRuns: 12, seed: 5 },
    );
  });

  it('fires a bounded number of timers per build call, so idle-time work stays short', () => {
    let latest: Session | null = null;
    const store = new Checkpoints(() => (latest = freshSession(built.options)), { capacity: 4, spacing: 2000 });
    let calls = 0;
    let most = 0;
    let seen: Session | null = null;
    let before = 0;
    while (store.build(built.log)) {
      calls++;
      if (latest !== seen) [seen, before] = [latest, 0];
      const fired = latest!.world.sim.clock.fired;
      most = Math.max(most, fired - before);
      before = fired;
    }
    // 64 per installment; an input may fire a few more (a command waiting on a lock runs time itself).
    expect(most).toBeLessThanOrEqual(80);
    expect(calls).toBeGreaterThan(built.log.length);
  });
});
