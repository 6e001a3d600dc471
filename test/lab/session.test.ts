// The console language (design §3.2) and redis-cli's prompt and connection messages
// (redis-cli.c repl: `connect`, `not connected> `, cliConnect's "Could not connect to Redis at ...").
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/lab/session.ts';
import { id, shardLines } from '../support/cluster.ts';

const fresh = (mode: 'buggy' | 'fixed' | 'guarded' = 'buggy') => new Session({ nodes: 3, seed: 1, mode });

/** Runs a line and returns what the console shows for it: output, or the console error. */
function show(s: Session, line: string): string {
  const r = s.run(line);
  return r.error ?? r.output;
}

/** What must not move when an input is refused by the console. */
function observable(s: Session) {
  return { now: s.now(), prompt: s.prompt(), current: s.current?.name, mode: s.world.mode, nodes: s.run('.nodes').output };
}

describe('running commands', () => {
  it('CMD runs on the current node; the prompt is host:port like redis-cli', () => {
    const s = fresh();
    expect(s.prompt()).toBe('127.0.0.1:30001> ');
    const r = s.run('CLUSTERX SETNODEID ' + id('kv1'));
    expect(r).toMatchObject({ prompt: '127.0.0.1:30001> ', output: 'OK', error: null, argv: ['CLUSTERX', 'SETNODEID', id('kv1')] });
    expect(s.world.find('kv1')!.cluster.myId).toBe(id('kv1'));
  });

  it('@kv2 CMD runs one command on kv2 and leaves the current node alone', () => {
    const s = fresh();
    expect(show(s, `@kv2 CLUSTERX SETNODEID ${id('kv2')}`)).toBe('OK');
    expect(s.world.find('kv2')!.cluster.myId).toBe(id('kv2'));
    expect(s.world.find('kv1')!.cluster.myId).toBe('');
    expect(s.prompt()).toBe('127.0.0.1:30001> ');
  });

  it('@host:port and upper-case names address a node too', () => {
    const s = fresh();
    expect(show(s, '@127.0.0.1:30003 ECHO three')).toBe('"three"');
    expect(show(s, '@KV2 ECHO two')).toBe('"two"');
  });

  it('@ with an unknown node, or with nothing to run, is a console error and reaches no node', () => {
    const s = fresh();
    const traced = s.world.sim.trace.entries.length;
    expect(s.run('@kv9 PING')).toMatchObject({
      output: '',
      error: "unknown node 'kv9': use a name such as kv2 or an address such as 127.0.0.1:30002",
    });
    expect(s.run('@kv2').error).toBe("nothing to run on kv2: write '@kv2 <command>'");
    expect(s.world.sim.trace.entries).toHaveLength(traced);
  });

  it('a double-quoted payload may span lines; \\n escapes work too', () => {
    const s = fresh();
    const payload = shardLines('kv1', ['kv2', 'kv3']);
    expect(show(s, `CLUSTERX SETNODES "${payload}" 1`)).toBe('OK');
    expect(show(s, `@kv2 CLUSTERX SETNODES "${payload.replaceAll('\n', '\\n')}" 1`)).toBe('OK');
    expect(s.world.find('kv2')!.cluster.topology!.nodes.size).toBe(3);
  });

  it('redis-cli splitting errors are console errors: Invalid argument(s)', () => {
    const s = fresh();
    expect(s.run('SET "a"b c')).toMatchObject({ output: '', error: 'Invalid argument(s)' });
    expect(s.run('ECHO "open')).toMatchObject({ output: '', error: 'Invalid argument(s)' });
  });

  it('# comments and blank lines do nothing and reach no node', () => {
    const s = fresh();
    const traced = s.world.sim.trace.entries.length;
    expect(s.run('# CLUSTER RESET')).toMatchObject({ output: '', error: null, argv: null });
    expect(s.run('   ')).toMatchObject({ output: '', error: null, argv: null });
    expect(s.world.sim.trace.entries).toHaveLength(traced);
  });
});

describe('changing the current node', () => {
  it('connect 127.0.0.1 30002 switches node and prompt, silently', () => {
    const s = fresh();
    expect(s.run('connect 127.0.0.1 30002')).toMatchObject({ prompt: '127.0.0.1:30001> ', output: '', error: null });
    expect(s.prompt()).toBe('127.0.0.1:30002> ');
    expect(show(s, 'CONFIG GET port')).toBe('1) "port"\n2) "30002"');
  });

  it('.use kv3 switches node and prompt', () => {
    const s = fresh();
    expect(s.run('.use kv3')).toMatchObject({ output: '', error: null });
    expect(s.prompt()).toBe('127.0.0.1:30003> ');
    expect(s.current?.name).toBe('kv3');
  });

  it('.use with an unknown node or no node is an error and changes nothing', () => {
    const s = fresh();
    const before = observable(s);
    expect(s.run('.use kv9').error).toBe("unknown node 'kv9': nodes are kv1..kv3");
    expect(s.run('.use').error).toBe('usage: .use <node>');
    expect(observable(s)).toEqual(before);
  });

  it('connect to an address nobody listens on: refused, not connected, and the next command goes there too (redis-cli keeps the new host/port)', () => {
    const s = fresh();
    expect(s.run('connect 127.0.0.1 39999').output).toBe('Could not connect to Redis at 127.0.0.1:39999: Connection refused');
    expect(s.prompt()).toBe('not connected> ');
    expect(show(s, 'PING')).toBe('Could not connect to Redis at 127.0.0.1:39999: Connection refused');
    expect(s.prompt()).toBe('not connected> ');
  });

  it('connect localhost 30002: redis-cli prompts with the host as typed', () => {
    const s = fresh();
    s.run('connect localhost 30002');
    expect(s.prompt()).toBe('localhost:30002> ');
  });
});

describe('.wait and durations', () => {
  it('.wait 500ms, 5s and 2m move virtual time by exactly that much', () => {
    const s = fresh();
    expect(show(s, '.wait 500ms')).toBe('# waited 500ms, now t=0.500s');
    expect(s.now()).toBe(500);
    expect(show(s, '.wait 5s')).toBe('# waited 5s, now t=5.500s');
    expect(s.now()).toBe(5500);
    expect(show(s, '.wait 2m')).toBe('# waited 120s, now t=125.500s');
    expect(s.now()).toBe(125_500);
  });

  it.each([
    ['.wait 5', "invalid duration '5': use a number and a unit, e.g. 500ms, 5s, 2m, 1h"],
    ['.wait -1s', "invalid duration '-1s': use a number and a unit, e.g. 500ms, 5s, 2m, 1h"],
    ['.wait 3 s', 'usage: .wait <duration>, e.g. .wait 5s'],
    ['.wait 1d', "invalid duration '1d': use a number and a unit, e.g. 500ms, 5s, 2m, 1h"],
    ['.wait 25h', "duration '25h' is longer than the 24h limit for one .wait"],
    ['.wait', 'usage: .wait <duration>, e.g. .wait 5s'],
  ])('%s is refused: %s', (line, message) => {
    const s = fresh();
    s.run('.wait 1s');
    const before = observable(s);
    expect(s.run(line)).toMatchObject({ output: '', error: message });
    expect(observable(s)).toEqual(before);
  });
});

describe('dot-commands', () => {
  it('an unknown dot-command is a clear error and changes nothing', () => {
    const s = fresh();
    s.run(`@kv1 CLUSTERX SETNODEID ${id('kv1')}`);
    const before = observable(s);
    const traced = s.world.sim.trace.entries.length;
    expect(s.run('.bogus kv1')).toMatchObject({ output: '', error: "unknown dot-command '.bogus': type .help for the list" });
    expect(s.run('.CRASHH kv1').error).toBe("unknown dot-command '.CRASHH': type .help for the list");
    expect(observable(s)).toEqual(before);
    expect(s.world.sim.trace.entries).toHaveLength(traced);
  });

  it('.mode shows the setting and every switch, and switches the behaviour; a bad mode changes nothing', () => {
    const s = fresh();
    const shown = show(s, '.mode').split('\n');
    expect(shown[0]).toBe('# mode buggy: Kvrocks before PR #2643 (K-2024): a node removed from the topology keeps replicating');
    expect(shown[1]).toBe('# switches (.switch <name> on|off):');
    expect(shown.find((l) => l.includes('remove-master-2643'))).toMatch(/^# {3}off {2}remove-master-2643 .*\(node, merged 2024-11-03, apache\/kvrocks#2618, apache\/kvrocks PR #2643\)$/);
    expect(show(s, '.mode fixed')).toBe('# mode fixed: Kvrocks with PR #2643: a node removed from the topology stops replicating (RemoveMaster)');
    expect(s.world.mode).toBe('fixed');
    expect(s.run('.mode nightly').error).toBe("unknown mode 'nightly': use buggy, fixed, guarded, optionally with +switch or -switch (.mode lists the switches)");
    expect(s.run('.mode fixed+nope').error).toMatch(/^unknown switch 'nope' in 'fixed\+nope': switches are remove-master-2643, drop-orphans-2850/);
    expect(s.world.mode).toBe('fixed');
  });

  it('.switch turns one named behaviour on or off; the setting is a preset with changes', () => {
    const s = fresh();
    expect(show(s, '.switch remove-master-2643 on')).toBe('# mode buggy+remove-master-2643: Kvrocks before PR #2643 (K-2024): a node removed from the topology keeps replicating; with remove-master-2643');
    expect(s.world.has('remove-master-2643')).toBe(true);
    expect(show(s, '.switch remove-master-2643 off')).toMatch(/^# mode buggy: /);
    expect(show(s, '.mode guarded-drop-orphans-2850')).toMatch(/^# mode guarded-drop-orphans-2850: /);
    expect(s.world.has('drop-orphans-2850')).toBe(false);
    expect(s.run('.switch remove-master-2643').error).toBe('usage: .switch <name> on|off (.mode lists the names)');
    expect(s.run('.switch nope on').error).toMatch(/^unknown switch 'nope'/);
  });

  it('.partition checks its arguments; .heal answers', () => {
    const s = fresh();
    expect(s.run('.partition kv1').error).toBe('usage: .partition <a> <b>');
    expect(s.run('.partition kv1 kv1').error).toBe('a node cannot be partitioned from itself');
    expect(s.run('.partition kv1 kv7').error).toBe("unknown node 'kv7': nodes are kv1..kv3");
    expect(show(s, '.partition kv1 kv2')).toBe('# partitioned kv1 <-/-> kv2');
    expect(s.world.sim.net.isPartitioned('kv1', 'kv2')).toBe(true);
    expect(show(s, '.heal')).toBe('# network healed');
    expect(s.world.sim.net.isPartitioned('kv1', 'kv2')).toBe(false);
  });

  it('.nodes shows what each node was told next to what it runs', () => {
    const s = fresh();
    expect(show(s, '.nodes')).toBe(
      [
        'node  address          process  version  told    running  master link  replicas',
        'kv1   127.0.0.1:30001  running  -1       (none)  master   -            0',
        'kv2   127.0.0.1:30002  running  -1       (none)  master   -            0',
        'kv3   127.0.0.1:30003  running  -1       (none)  master   -            0',
      ].join('\n'),
    );
  });

  it('.help lists the dot-commands and the modelled commands', () => {
    const help = show(fresh(), '.help');
    for (const item of ['.wait <duration>', '.crash <node>', '.restart <node>', '.partition <a> <b>', 'CLUSTERX VERSION|MYID', 'SLAVEOF host port']) {
      expect(help).toContain(item);
    }
  });
});

describe('.crash and .restart', () => {
  it('after .crash the current node refuses connections and the prompt reads not connected>', () => {
    const s = fresh();
    expect(show(s, '.crash kv1')).toBe('# kv1 crashed');
    s.run('PING'); // the first command after the crash finds the old connection closed
    expect(s.prompt()).toBe('not connected> ');
    expect(s.run('PING')).toMatchObject({
      prompt: 'not connected> ',
      output: 'Could not connect to Redis at 127.0.0.1:30001: Connection refused',
      error: null,
    });
    expect(s.prompt()).toBe('not connected> ');
  });

  it('the first command after the server died finds its connection closed (hiredis EOF: "Server closed the connection")', () => {
    const s = fresh();
    expect(show(s, 'PING')).toBe('PONG');
    s.run('.crash kv1');
    expect(s.prompt()).toBe('127.0.0.1:30001> ');
    expect(show(s, 'PING')).toBe('Error: Server closed the connection');
    expect(s.prompt()).toBe('not connected> ');
  });

  it('@ on a crashed node is refused without changing the prompt of the current node', () => {
    const s = fresh();
    s.run('.crash kv2');
    expect(show(s, '@kv2 PING')).toBe('Could not connect to Redis at 127.0.0.1:30002: Connection refused');
    expect(s.prompt()).toBe('127.0.0.1:30001> ');
    expect(s.run('.crash kv2').error).toBe('kv2 is not running (crashed)');
  });

  it('.use of a crashed node shows not connected> at once', () => {
    const s = fresh();
    s.run('.crash kv3');
    s.run('.use kv3');
    expect(s.prompt()).toBe('not connected> ');
  });

  it('.restart brings it back after 30 ms (as the real builds take), with its data and nodes.conf', () => {
    const s = fresh();
    s.run(`CLUSTERX SETNODEID ${id('kv1')}`);
    s.run(`CLUSTERX SETNODES "${shardLines('kv1', [])}" 1`);
    s.run('SET k v');
    s.run('.crash kv1');
    expect(show(s, '.restart kv1')).toBe('# kv1 restarting (listening again in 30ms)');
    expect(s.run('.restart kv1').error).toBe('kv1 is already restarting');
    s.run('.wait 29ms');
    s.run('PING');
    expect(show(s, 'PING')).toBe('Could not connect to Redis at 127.0.0.1:30001: Connection refused');
    s.run('.wait 1ms');
    expect(s.run('GET k')).toMatchObject({ prompt: 'not connected> ', output: '"v"' });
    expect(s.prompt()).toBe('127.0.0.1:30001> ');
    expect(show(s, 'CLUSTERX VERSION')).toBe('"1"');
  });

  it('.crash and .restart need a known node', () => {
    const s = fresh();
    expect(s.run('.crash').error).toBe('usage: .crash <node>');
    expect(s.run('.restart kv4').error).toBe("unknown node 'kv4': nodes are kv1..kv3");
  });
});
