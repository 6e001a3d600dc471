import { describe, expect, it } from 'vitest';
import { Trace, type TraceEntry } from '../../src/engine/trace.ts';

const event = (t: number): TraceEntry => ({ t, kind: 'event', node: 'kv1', text: `e${t}` });

describe('Trace', () => {
  it('keeps everything by default', () => {
    const trace = new Trace();
    for (let i = 0; i < 1000; i++) trace.record(event(i));
    expect(trace.entries).toHaveLength(1000);
    expect(trace.end).toBe(1000);
  });

  it('with a limit, drops the oldest in chunks while absolute indices keep growing', () => {
    const trace = new Trace();
    trace.limit = 100;
    for (let i = 0; i < 1000; i++) trace.record(event(i));
    expect(trace.entries.length).toBeGreaterThanOrEqual(100);
    expect(trace.entries.length).toBeLessThanOrEqual(150);
    expect(trace.end).toBe(1000);
    expect(trace.since(995).map((e) => e.t)).toEqual([995, 996, 997, 998, 999]);
    // Asking for entries already dropped returns what is kept.
    expect(trace.since(0)[0]!.t).toBe(trace.dropped);
    expect(trace.since(1000)).toEqual([]);
  });
});
