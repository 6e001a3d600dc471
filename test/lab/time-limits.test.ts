// The limits on virtual time (lab/duration.ts, docs/console.md): one `.wait` is at most 24h and a
// session reaches at most 7 days, the same in the console, scripts, `kvlab run`, embeds (attributes
// and iframe URLs), permalinks and imported sessions, each with an error that names the limit.
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { catalogueIds, program } from '../support/embed-program.ts';
import { MAX_SESSION_MS, MAX_WAIT_MS } from '../../src/lab/duration.ts';
import { runScript, ScriptError } from '../../src/lab/script.ts';
import { Session } from '../../src/lab/session.ts';
import { validateSavedSession } from '../../src/ui/state/persistence.ts';
import { Sandbox } from '../../src/ui/state/sandbox.svelte.ts';
import { readQuery } from '../../src/embed/query.ts';
import { parseSettings } from '../../src/embed/settings.ts';
import { loadProgram } from '../../src/embed/program.ts';

const OPTIONS = { nodes: 3, seed: 1, mode: 'fixed' } as const;
const WEEK = Array.from({ length: 7 }, () => '.wait 24h');

describe('one .wait and a session', () => {
  it('the limits are a day and a week', () => {
    expect(MAX_WAIT_MS).toBe(24 * 3600 * 1000);
    expect(MAX_SESSION_MS).toBe(7 * MAX_WAIT_MS);
  });

  it('a wait over 24h is refused and changes nothing', () => {
    const session = new Session(OPTIONS);
    const result = session.run('.wait 25h');
    expect(result.error).toBe("duration '25h' is longer than the 24h limit for one .wait");
    expect(session.now()).toBe(0);
  });

  it('seven 24h waits reach the week exactly; one more millisecond is refused with the limit', () => {
    const session = new Session(OPTIONS);
    for (const wait of WEEK) expect(session.run(wait).error).toBeNull();
    expect(session.now()).toBe(MAX_SESSION_MS);
    const result = session.run('.wait 1ms');
    expect(result.error).toBe(".wait 1ms would take the session to t=604800.001s, past the 7-day limit on a session's virtual time (t=604800s)");
    expect(session.now()).toBe(MAX_SESSION_MS);
    expect(session.run('@kv1 PING').output).toBe('PONG');
  });

  it('a script stops at the wait that passes the week, with its file:line', () => {
    const text = ['PING', ...WEEK, '.wait 1s', 'PING'].join('\n');
    let error: unknown = null;
    try {
      runScript(text, OPTIONS, 'week.kvlab');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScriptError);
    expect((error as ScriptError).message).toMatch(/^week\.kvlab:9: \.wait 1s would take the session to t=604801\.000s, past the 7-day limit/);
  });

  it('kvlab run reports it the same way and exits 2', async () => {
    let err = '';
    const io = { stdout: () => {}, stderr: (t: string) => void (err += t), readFile: async () => '', readStdin: async () => [...WEEK, '.wait 2s'].join('\n') };
    expect(await main(['run', '-'], io)).toBe(2);
    expect(err).toMatch(/^<stdin>:8: \.wait 2s would take the session to t=604802\.000s, past the 7-day limit on a session's virtual time/);
  });
});

describe('embeds', () => {
  it('an inline script whose waits pass the week is refused before it plays, at that line', () => {
    const loaded = program({ script: [...WEEK, '.wait 1h'].join('\n') });
    expect(loaded.ok).toBe(false);
    expect(!loaded.ok && loaded.errors.map((e) => `${e.attribute}: ${e.message}`)).toEqual([
      "script: line 8: its waits reach t=608400.000s, past the 7-day limit on a session's virtual time (t=604800s)",
    ]);
    expect(program({ script: WEEK.join('\n') }).ok).toBe(true);
  });

  it('an iframe URL is checked the same way', () => {
    const query = readQuery(`?nodes=500&script=${encodeURIComponent([...WEEK, '.wait 1s'].join('\n'))}`);
    const parsed = parseSettings(query.read, null, catalogueIds());
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    const loaded = loadProgram(parsed.settings);
    expect(!loaded.ok && loaded.errors[0]!.message).toMatch(/^line 8: its waits reach t=604801\.000s, past the 7-day limit/);
  });
});

describe('the sandbox, its links and its files', () => {
  const good = { seed: 1, mode: 'buggy', nodes: 3, time: 0, horizon: 0, log: [] };
  const error = (value: object) => {
    const result = validateSavedSession(JSON.stringify(value));
    return result.ok ? null : result.error;
  };

  it('an imported or linked session past the week is refused, naming the field and the limit', () => {
    expect(error({ ...good, time: MAX_SESSION_MS })).toBeNull();
    expect(error({ ...good, time: MAX_SESSION_MS + 1 })).toBe(`"time" is t=604800.001s, past the 7-day limit on a session's virtual time (t=604800s)`);
    expect(error({ ...good, horizon: 1e15 })).toMatch(/^"horizon" is t=1000000000000\.000s, past the 7-day limit/);
    expect(error({ ...good, log: [{ at: MAX_SESSION_MS + 5, input: 'PING' }] })).toMatch(/^the log reaches t=604800\.005s, past the 7-day limit/);
  });

  it('playing time stops at the week', () => {
    const sandbox = new Sandbox(null);
    for (const wait of WEEK.slice(0, 6)) sandbox.run(wait);
    sandbox.advance(MAX_WAIT_MS + 5000);
    expect(sandbox.now).toBe(MAX_SESSION_MS);
    sandbox.advance(1000);
    expect(sandbox.now).toBe(MAX_SESSION_MS);
  });
});
