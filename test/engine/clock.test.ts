import { createActor, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import { SimClock } from '../../src/engine/clock.ts';

describe('SimClock', () => {
  it('fires every timer at its own deadline, in (deadline, insertion) order, during one big jump', () => {
    const clock = new SimClock();
    const fired: string[] = [];
    clock.setTimeout(() => fired.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => fired.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => fired.push(`c@${clock.now()}`), 20);
    clock.setTimeout(() => {
      fired.push(`d@${clock.now()}`);
      clock.setTimeout(() => fired.push(`e@${clock.now()}`), 0);
    }, 15);
    clock.advanceTo(1000);
    expect(fired).toEqual(['a@10', 'd@15', 'e@15', 'b@20', 'c@20']);
    expect(clock.now()).toBe(1000);
  });

  it('reports its next deadline and skips cancelled timers', () => {
    const clock = new SimClock();
    const a = clock.setTimeout(() => undefined, 5);
    clock.setTimeout(() => undefined, 8);
    expect(clock.nextDeadline()).toBe(5);
    clock.clearTimeout(a);
    expect(clock.nextDeadline()).toBe(8);
    clock.advanceTo(8);
    expect(clock.nextDeadline()).toBeUndefined();
    expect(clock.fired).toBe(1);
  });

  it('refuses to go back in time', () => {
    const clock = new SimClock();
    clock.advanceTo(10);
    expect(() => clock.advanceTo(5)).toThrow(RangeError);
  });

  it('drives xstate delayed transitions through the clock option', () => {
    const clock = new SimClock();
    const machine = setup({}).createMachine({
      initial: 'a',
      states: { a: { after: { 3100: 'b' } }, b: { after: { 1000: 'c' } }, c: {} },
    });
    const actor = createActor(machine, { clock }).start();
    clock.advanceTo(3099);
    expect(actor.getSnapshot().value).toBe('a');
    clock.advanceTo(3100);
    expect(actor.getSnapshot().value).toBe('b');
    clock.advanceTo(10_000);
    expect(actor.getSnapshot().value).toBe('c');
  });
});

describe('advanceWithin', () => {
  it('in installments fires, fast-forwards and ends exactly as one advanceTo', () => {
    const run = (budget: number) => {
      const clock = new SimClock();
      const log: string[] = [];
      let fastForwards = 0;
      clock.fastForward = (horizon, limit) => {
        // Accounts for one idle timer at a time, as long as nothing busy is due before the limit.
        if (fastForwards >= 3 || horizon <= clock.now() + 100) return false;
        fastForwards++;
        log.push(`ff at ${clock.now()} horizon ${horizon} limit ${limit}`);
        return false;
      };
      for (let i = 0; i < 40; i++) clock.schedule(() => log.push(`t${i} at ${clock.now()}`), (i * 37) % 500);
      for (let i = 0; i < 10; i++) clock.scheduleIdleAt(() => log.push(`idle${i} at ${clock.now()}`), i * 60);
      let calls = 1;
      while (!clock.advanceWithin(1000, budget)) calls++;
      return { log, now: clock.now(), fired: clock.fired, calls };
    };
    const whole = run(Infinity);
    for (const budget of [1, 3, 7]) {
      const parts = run(budget);
      expect(parts.calls).toBeGreaterThan(1);
      expect({ ...parts, calls: 0 }).toEqual({ ...whole, calls: 0 });
    }
  });
});
