import { describe, expect, it } from 'vitest';
import { transcriptOf } from '../../../src/lab/script.ts';
import { parseSavedSession, serialise, STORAGE_KEY, validateSavedSession } from '../../../src/ui/state/persistence.ts';
import { Sandbox, type Storage } from '../../../src/ui/state/sandbox.svelte.ts';

class FakeStorage implements Storage {
  readonly items = new Map<string, string>();
  writes = 0;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.writes++;
    this.items.set(key, value);
  }
}

const ID1 = '7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3';
const ID2 = 'd9dd75896c51ce5d483244c3a9b7be0e9ce794f0';
const PAYLOAD = `"${ID1} 127.0.0.1 30001 master - 0-16383\n${ID2} 127.0.0.1 30002 slave ${ID1}" 1`;

/** kv1 master, kv2 its replica, a write, some time: a session with history worth replaying. */
function replicated(storage: Storage | null = null): Sandbox {
  const sandbox = new Sandbox(storage);
  sandbox.run(`@kv1 CLUSTERX SETNODEID ${ID1}`);
  sandbox.run(`@kv2 CLUSTERX SETNODEID ${ID2}`);
  sandbox.run(`@kv1 CLUSTERX SETNODES ${PAYLOAD}`);
  sandbox.run(`@kv2 CLUSTERX SETNODES ${PAYLOAD}`);
  sandbox.advance(1500);
  sandbox.run('@kv1 SET greeting hello');
  sandbox.run('.wait 1s');
  sandbox.run('@kv2 READONLY');
  sandbox.run('@kv2 GET greeting');
  sandbox.advance(700);
  sandbox.run('@kv1 INFO replication');
  return sandbox;
}

const text = (sandbox: Sandbox) => sandbox.transcript.map(transcriptOf).join('\n');

describe('Sandbox: running and time', () => {
  it('starts as a fresh default cluster at t=0', () => {
    const sandbox = new Sandbox();
    expect(sandbox.options).toEqual({ seed: 1, mode: 'buggy', nodes: 3 });
    expect(sandbox.now).toBe(0);
    expect(sandbox.transcript).toEqual([]);
    expect(sandbox.session.prompt()).toBe('127.0.0.1:30001> ');
  });

  it('keeps a transcript of every input and bumps the revision', () => {
    const sandbox = new Sandbox();
    const before = sandbox.revision;
    const result = sandbox.run('PING');
    expect(result.output).toBe('PONG');
    expect(sandbox.transcript).toEqual([result]);
    expect(sandbox.revision).toBeGreaterThan(before);
    expect(sandbox.run('.bogus').error).toMatch(/unknown dot-command/);
  });

  it('the replica gets the write: the replication really runs', () => {
    const sandbox = replicated();
    expect(sandbox.transcript.find((r) => r.input === '@kv2 GET greeting')?.output).toBe('"hello"');
    expect(sandbox.now).toBe(3200);
    expect(sandbox.horizon).toBe(3200);
  });

  it('stepToNextEvent stops at the next scheduled event', () => {
    const sandbox = replicated();
    const next = sandbox.session.world.sim.clock.nextDeadline()!;
    expect(sandbox.stepToNextEvent()).toBe(true);
    expect(sandbox.now).toBe(next);
  });

  it('.mode through run changes the mode in force', () => {
    const sandbox = new Sandbox();
    sandbox.run('.mode fixed');
    expect(sandbox.mode).toBe('fixed');
    expect(sandbox.options.mode).toBe('buggy');
  });
});

describe('Sandbox: seek, replay and branches', () => {
  it('seeking back shows the transcript as it was; seeking to the end gives it back byte for byte', () => {
    const sandbox = replicated();
    const full = text(sandbox);
    sandbox.seek(1000);
    expect(sandbox.now).toBe(1000);
    expect(sandbox.transcript).toHaveLength(4);
    expect(sandbox.futureInputs).toBe(5);
    sandbox.seek(sandbox.horizon);
    expect(text(sandbox)).toBe(full);
  });

  it('playing forward after a seek back re-applies the recorded inputs at their times', () => {
    const sandbox = replicated();
    const full = text(sandbox);
    sandbox.seek(0);
    expect(sandbox.transcript).toHaveLength(4); // the inputs typed at t=0 are applied at t=0
    while (sandbox.now < 3200) sandbox.advance(Math.min(80, 3200 - sandbox.now));
    expect(sandbox.now).toBe(3200);
    expect(text(sandbox)).toBe(full);
    expect(sandbox.futureInputs).toBe(0);
  });

  it('stepping after a seek back stops at recorded inputs and at the end of a recorded wait', () => {
    const sandbox = replicated();
    const full = text(sandbox);
    sandbox.seek(1499);
    while (sandbox.transcript.length === 4) {
      expect(sandbox.now).toBeLessThan(1500);
      sandbox.stepToNextEvent();
    }
    // At t=1500 the SET runs and `.wait 1s` starts: it prints when it ends, at 2500.
    expect(sandbox.now).toBe(1500);
    expect(sandbox.transcript.slice(4).map((r) => r.input)).toEqual(['@kv1 SET greeting hello']);
    while (sandbox.transcript.length === 5) sandbox.stepToNextEvent();
    expect(sandbox.now).toBe(2500);
    expect(sandbox.transcript.slice(5).map((r) => r.input)).toEqual(['.wait 1s', '@kv2 READONLY', '@kv2 GET greeting']);
    while (sandbox.futureInputs > 0) sandbox.stepToNextEvent();
    expect(text(sandbox)).toBe(full);
  });

  it('typing after a seek back drops the recorded future and starts a branch', () => {
    const sandbox = replicated();
    sandbox.seek(1499);
    const branched = sandbox.run('@kv1 SET greeting bonjour');
    expect(branched.at).toBe(1499);
    expect(sandbox.horizon).toBe(1499);
    expect(sandbox.futureInputs).toBe(0);
    expect(sandbox.log.map((r) => r.input)).toEqual([...replicated().log.slice(0, 4).map((r) => r.input), '@kv1 SET greeting bonjour']);
    sandbox.run('.wait 1s');
    sandbox.run('@kv2 READONLY');
    expect(sandbox.run('@kv2 GET greeting').output).toBe('"bonjour"');
  });

  it('seeking into the middle of a .wait shows the world mid-wait; the wait prints when it ends', () => {
    const sandbox = replicated();
    const full = text(sandbox);
    sandbox.seek(2000); // `.wait 1s` runs from 1500 to 2500
    expect(sandbox.now).toBe(2000);
    expect(sandbox.transcript.at(-1)?.input).toBe('@kv1 SET greeting hello');
    expect(sandbox.futureInputs).toBe(4);
    sandbox.advance(499);
    expect(sandbox.transcript.at(-1)?.input).toBe('@kv1 SET greeting hello');
    sandbox.advance(1);
    expect(sandbox.transcript.at(-1)?.input).toBe('@kv2 GET greeting');
    expect(sandbox.transcript.find((r) => r.input === '.wait 1s')?.output).toBe('# waited 1s, now t=2.500s');
    sandbox.advance(700);
    expect(text(sandbox)).toBe(full);
  });

  it('a chain of waits scrubs to any moment (scripts move time only with .wait)', () => {
    const sandbox = new Sandbox();
    for (const input of ['PING', '.wait 1s', 'PING', '.wait 2s', '.time']) sandbox.run(input);
    const full = text(sandbox);
    sandbox.seek(0);
    expect(sandbox.now).toBe(0);
    expect(sandbox.transcript.map((r) => r.input)).toEqual(['PING']);
    sandbox.seek(1800);
    expect(sandbox.now).toBe(1800);
    expect(sandbox.transcript.map((r) => r.input)).toEqual(['PING', '.wait 1s', 'PING']);
    sandbox.run('.time');
    expect(sandbox.futureInputs).toBe(0);
    expect(sandbox.transcript.at(-1)?.output).toBe('# t=1.800s');
    expect(full).toContain('# t=3.000s');
  });

  it('typing while a recorded wait is under way drops the wait with the rest of the future', () => {
    const sandbox = new Sandbox();
    for (const input of ['.wait 2s', 'PING']) sandbox.run(input);
    sandbox.seek(500);
    expect(sandbox.transcript).toEqual([]);
    sandbox.run('ROLE');
    expect(sandbox.log).toEqual([{ at: 500, input: 'ROLE' }]);
    sandbox.advance(5000);
    expect(sandbox.transcript.map((r) => r.input)).toEqual(['ROLE']);
  });

  it('seek clamps to the timeline', () => {
    const sandbox = replicated();
    sandbox.seek(-5);
    expect(sandbox.now).toBe(0);
    sandbox.seek(1e9);
    expect(sandbox.now).toBe(3200);
  });
});

describe('Sandbox: persistence', () => {
  it('a reload restores the transcript, the mode and the time', () => {
    const storage = new FakeStorage();
    const sandbox = replicated(storage);
    sandbox.run('.mode fixed');
    const reloaded = new Sandbox(storage);
    expect(text(reloaded)).toBe(text(sandbox));
    expect(reloaded.mode).toBe('fixed');
    expect(reloaded.now).toBe(sandbox.now);
    expect(reloaded.horizon).toBe(sandbox.horizon);
  });

  it('a reload after a seek back keeps the recorded future on the timeline', () => {
    const storage = new FakeStorage();
    const sandbox = replicated(storage);
    sandbox.seek(1000);
    const reloaded = new Sandbox(storage);
    expect(reloaded.now).toBe(1000);
    expect(reloaded.horizon).toBe(3200);
    expect(reloaded.futureInputs).toBe(5);
  });

  it('the play loop saves through flush, not on every frame', () => {
    const storage = new FakeStorage();
    const sandbox = new Sandbox(storage);
    const writes = storage.writes;
    sandbox.advance(16);
    sandbox.advance(16);
    expect(storage.writes).toBe(writes);
    sandbox.flush();
    expect(storage.writes).toBe(writes + 1);
    sandbox.flush();
    expect(storage.writes).toBe(writes + 1);
    expect(new Sandbox(storage).now).toBe(32);
  });

  it('an unreadable save starts a fresh session and is kept aside, not destroyed', () => {
    const storage = new FakeStorage();
    storage.setItem(STORAGE_KEY, '{"seed": 1, "mode": "chaotic"');
    const sandbox = new Sandbox(storage);
    expect(sandbox.transcript).toEqual([]);
    expect(storage.getItem(`${STORAGE_KEY}.unreadable`)).toBe('{"seed": 1, "mode": "chaotic"');
  });

  it('export then import gives back the same session', () => {
    const sandbox = replicated();
    sandbox.run('.mode guarded');
    sandbox.seek(2600);
    const file = serialise(sandbox.snapshot());
    const imported = new Sandbox();
    const parsed = validateSavedSession(file);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) imported.restore(parsed.session);
    expect(imported.snapshot()).toEqual(sandbox.snapshot());
    expect(text(imported)).toBe(text(sandbox));
    expect(imported.mode).toBe('buggy'); // `.mode guarded` comes later on the timeline
    imported.seek(imported.horizon);
    expect(imported.mode).toBe('guarded');
  });

  it('a setting with switches round-trips: toggled in the session, and as the starting mode', () => {
    const storage = new FakeStorage();
    const sandbox = replicated(storage);
    sandbox.run('.mode fixed');
    sandbox.run('.switch drop-orphans-2850 on');
    expect(sandbox.mode).toBe('fixed+drop-orphans-2850');
    const reloaded = new Sandbox(storage);
    expect(reloaded.mode).toBe('fixed+drop-orphans-2850');
    expect(text(reloaded)).toBe(text(sandbox));

    sandbox.reset({ seed: 1, nodes: 3, mode: 'guarded-remove-master-2643' });
    const file = serialise(sandbox.snapshot());
    expect(JSON.parse(file).mode).toBe('guarded-remove-master-2643');
    const parsed = validateSavedSession(file);
    expect(parsed.ok && parsed.session.mode).toBe('guarded-remove-master-2643');
    expect(new Sandbox(storage).mode).toBe('guarded-remove-master-2643');
  });

  it('reset starts again with the chosen seed, node count and mode', () => {
    const storage = new FakeStorage();
    const sandbox = replicated(storage);
    sandbox.reset({ seed: 'abc', nodes: 7, mode: 'guarded' });
    expect(sandbox.session.world.nodes).toHaveLength(7);
    expect(sandbox.mode).toBe('guarded');
    expect(sandbox.horizon).toBe(0);
    expect(parseSavedSession(storage.getItem(STORAGE_KEY))).toMatchObject({ seed: 'abc', nodes: 7, mode: 'guarded', log: [] });
  });
});

describe('validateSavedSession: a bad file says what is wrong', () => {
  const good = { seed: 1, mode: 'buggy', nodes: 3, time: 0, horizon: 0, log: [] };
  const error = (value: unknown) => {
    const result = validateSavedSession(typeof value === 'string' ? value : JSON.stringify(value));
    return result.ok ? null : result.error;
  };

  it('accepts a good session and fills the horizon from the log', () => {
    expect(error(good)).toBeNull();
    const parsed = validateSavedSession(JSON.stringify({ ...good, log: [{ at: 900, input: 'PING' }] }));
    expect(parsed.ok && parsed.session.horizon).toBe(900);
  });

  it('rejects each kind of mistake with a reason', () => {
    expect(error('not json')).toMatch(/^not JSON/);
    expect(error([1, 2])).toMatch(/expected a JSON object/);
    expect(error({ ...good, format: 'something-else' })).toMatch(/format/);
    expect(error({ ...good, seed: '' })).toMatch(/"seed"/);
    expect(error({ ...good, mode: 'chaotic' })).toMatch(/"mode" must be one of buggy, fixed, guarded, optionally with \+switch or -switch changes/);
    expect(error({ ...good, mode: 'fixed+no-such-switch' })).toMatch(/"mode"/);
    // Stored settings are canonical: a redundant change is not one.
    expect(error({ ...good, mode: 'fixed+remove-master-2643' })).toMatch(/"mode"/);
    expect(error({ ...good, nodes: 0 })).toMatch(/"nodes"/);
    expect(error({ ...good, nodes: 2.5 })).toMatch(/"nodes"/);
    expect(error({ ...good, time: -1 })).toMatch(/"time"/);
    expect(error({ ...good, horizon: 'x' })).toMatch(/"horizon"/);
    expect(error({ ...good, log: {} })).toMatch(/"log"/);
    expect(error({ ...good, log: [null] })).toMatch(/log entry 1/);
    expect(error({ ...good, log: [{ at: 5, input: 3 }] })).toMatch(/log entry 1: "input"/);
    expect(error({ ...good, log: [{ at: 5, input: 'a' }, { at: 4, input: 'b' }] })).toMatch(/log entry 2 is earlier/);
    expect(error('x'.repeat(5_000_001))).toMatch(/larger than 5 MB/);
  });
});
