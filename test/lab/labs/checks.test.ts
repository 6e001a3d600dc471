// Checks (labs/README.md "Checks"): the syntax, evaluation against real replies, the exact
// field-level difference a failure prints, `within` polling in virtual time, per-mode tags, and
// that a check changes nothing but what its read does.
import { describe, expect, it } from 'vitest';
import { suggestedNodeId } from '../../../src/protocol/node-ids.ts';
import { evaluateCheck, expectation } from '../../../src/lab/labs/check-eval.ts';
import { parseCheck } from '../../../src/lab/labs/check-parse.ts';
import { LabRunner } from '../../../src/lab/labs/runner.ts';
import type { Check } from '../../../src/lab/labs/types.ts';
import { Session } from '../../../src/lab/session.ts';
import { checksLab, labError, labText } from './helpers.ts';

const CTX = { nodes: 3, modes: ['buggy', 'fixed', 'guarded'] as const };

function check(source: string): Check {
  const parsed = parseCheck(source, 7, { nodes: CTX.nodes, modes: [...CTX.modes] });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.check;
}

function checkError(source: string, modes: readonly ('buggy' | 'fixed' | 'guarded')[] = CTX.modes): string {
  const parsed = parseCheck(source, 7, { nodes: 3, modes });
  if (parsed.ok) throw new Error('the check parsed');
  return parsed.error;
}

/** A session after the S1 bootstrap by hand: kv1 master, kv2 and kv3 connected replicas, one write. */
function s1(mode: 'buggy' | 'fixed' = 'buggy'): Session {
  const runner = new LabRunner(checksLab(['kv1 PING = PONG'], '', ['id: t', 'title: T', 'summary: S', 'bootstrap: s1', `mode: ${mode}`]));
  const s = runner.session;
  s.run('@kv1 SET greeting hello');
  s.run('.wait 100ms');
  return s;
}

const messageOf = (s: Session, source: string) => evaluateCheck(s, check(source)).message;

describe('check syntax', () => {
  it('node, command, selector, operator, value, within', () => {
    expect(check('kv3 INFO replication: role = master within 5s')).toMatchObject({
      line: 7,
      source: 'kv3 INFO replication: role = master within 5s',
      node: 'kv3',
      command: 'INFO replication',
      argv: ['INFO', 'replication'],
      path: [],
      selector: { kind: 'field', name: 'role' },
      op: '=',
      expected: 'master',
      withinMs: 5000,
      onlyIn: null,
      failsIn: [],
    });
  });

  it('array paths, whole replies, quoted values, addresses and {kvN} ids', () => {
    expect(check('kv2 ROLE[3][1][2] = "30002"')).toMatchObject({ command: 'ROLE', path: [3, 1, 2], selector: { kind: 'reply' }, expected: '30002' });
    expect(check('127.0.0.1:30003 CLUSTERX VERSION = "2"')).toMatchObject({ node: 'kv3', argv: ['CLUSTERX', 'VERSION'], expected: '2' });
    expect(check('kv1 CLUSTER NODES: line of 127.0.0.1:30002 contains slave {kv1}')).toMatchObject({
      selector: { kind: 'line-of', node: 'kv2', address: '127.0.0.1:30002' },
      op: 'contains',
      expected: `slave ${suggestedNodeId('kv1')}`,
    });
    expect(check('kv1 CLUSTER REPLICAS {kv1}: lines = 2').argv).toEqual(['CLUSTER', 'REPLICAS', suggestedNodeId('kv1')]);
    expect(check('kv1 GET "a key" = "two words"')).toMatchObject({ argv: ['GET', 'a key'], expected: 'two words' });
    expect(check("kv1 GET k = can't stop")).toMatchObject({ expected: "can't stop" });
    expect(check('kv1 CLUSTER NODES: not contains myself')).toMatchObject({ selector: { kind: 'reply' }, op: 'not contains', expected: 'myself' });
  });

  it('selectors and unary operators', () => {
    expect(check('kv1 CLUSTER NODES: line 2 contains slave').selector).toEqual({ kind: 'line', n: 2 });
    expect(check('kv1 CLUSTER NODES: lines >= 2').selector).toEqual({ kind: 'lines' });
    expect(check('kv1 ROLE[3]: length = 2')).toMatchObject({ path: [3], selector: { kind: 'length' } });
    expect(check('kv1 INFO replication: slave1 absent within 500ms')).toMatchObject({ op: 'absent', expected: null, withinMs: 500 });
  });

  it('mode tags: only in some modes, or expected to fail in some', () => {
    const c = check('[fixed, guarded] [fails in fixed] kv3 INFO replication: role = master');
    expect([c.onlyIn, c.failsIn]).toEqual([['fixed', 'guarded'], ['fixed']]);
    expect([expectation(c, 'buggy'), expectation(c, 'fixed'), expectation(c, 'guarded')]).toEqual([null, 'fail', 'pass']);
    expect(expectation(check('[fails in buggy] kv1 PING = PONG'), 'buggy')).toBe('fail');
  });

  const bad: [string, string][] = [
    ['kv9 PING = PONG', "bad check: unknown node 'kv9': this lab has kv1..kv3"],
    ['kv1 INFO replication: role', 'bad check: no comparison: use =, !=, >, >=, <, <=, contains, not contains, absent or present'],
    ['kv1 = x', "bad check: no command to read after kv1, e.g. 'kv1 INFO replication: role = master'"],
    ['kv1 CLUSTERX SETNODES x 1 = OK', "bad check: a check only reads (INFO, ROLE, CLUSTER NODES|INFO|SLOTS|KEYSLOT|REPLICAS, CLUSTERX VERSION|MYID, GET, EXISTS, DBSIZE, CONFIG GET, PING, ECHO); run 'CLUSTERX SETNODES x 1' in a kvlab block"],
    ['kv1 DBSIZE SCAN = 0', "bad check: a check only reads (INFO, ROLE, CLUSTER NODES|INFO|SLOTS|KEYSLOT|REPLICAS, CLUSTERX VERSION|MYID, GET, EXISTS, DBSIZE, CONFIG GET, PING, ECHO); run 'DBSIZE SCAN' in a kvlab block"],
    ['kv1 INFO replication: role = master within 5 seconds', "bad check: 'within' takes one duration at the end of the line, e.g. within 5s; quote a value that contains the word"],
    ['kv1 INFO replication: role = master within soon', "bad check: invalid duration 'soon': use a number and a unit, e.g. 500ms, 5s, 2m, 1h"],
    ['kv1 INFO replication: role = master within', "bad check: 'within' needs a duration, e.g. within 5s"],
    ['kv1 INFO replication: role = master within 3m', "bad check: 'within 3m' is longer than 120s"],
    ['kv1 INFO replication: role =', "bad check: nothing to compare with after '='"],
    ['kv1 INFO replication: slave1 absent now', "bad check: 'absent' takes no value, got 'now'"],
    ['kv1 INFO replication: connected_slaves > two', "bad check: '>' compares numbers, got 'two'"],
    ['kv1 CLUSTER NODES: line 0 contains x', 'bad check: lines are numbered from 1'],
    ['kv1 CLUSTER NODES: line of kv7 contains x', "bad check: unknown node 'kv7': this lab has kv1..kv3"],
    ['kv1 CLUSTER NODES: first line contains x', "bad check: unknown selector 'first line': use a field name (connected_slaves), line N, line of <node>, lines or length"],
    ['kv1 CLUSTER NODES: lines contains 2', "bad check: 'contains' does not apply to a count; use = or a comparison"],
    ['kv1 ROLE[0] = master', 'bad check: array elements are numbered from 1, as redis-cli shows them'],
    ['kv1 GET "open = x', 'bad check: unterminated double-quoted string'],
    ['kv1 GET k = "a" "b"', 'bad check: bad quoted value "a" "b": one "..." string, with \\" for a quote inside'],
    ['kv1 GET k = {kv8}', "bad check: unknown node 'kv8': this lab has kv1..kv3 in {kv8}"],
    ['[slow] kv1 PING = PONG', "bad check: unknown mode 'slow' in [slow]: modes are buggy, fixed, guarded, optionally with +switch or -switch"],
    ['[] kv1 PING = PONG', 'bad check: empty tag []: write [buggy], [fixed guarded] or [fails in buggy]'],
    ['[buggy kv1 PING = PONG', "bad check: a '[' tag is not closed with ']'"],
    ['[fixed] [fails in buggy] kv1 PING = PONG', 'bad check: [fails in buggy] names a mode the check does not run in (fixed)'],
  ];
  it.each(bad)('%s', (source, message) => {
    expect(checkError(source)).toBe(message);
  });

  it('a tag naming a mode the lab does not declare is an error (the check could never run)', () => {
    expect(checkError('[guarded] kv1 PING = PONG', ['buggy', 'fixed'])).toBe('bad check: [guarded] names mode guarded, but the lab declares modes buggy, fixed');
  });

  it('in a lab file, a bad check is reported at its own line', () => {
    expect(labError(labText('## One\n\n```check\nkv1 PING = PONG\nkv1 PING PONG\n```'))).toBe(
      't.md:10: bad check: no comparison: use =, !=, >, >=, <, <=, contains, not contains, absent or present',
    );
  });
});

describe('check evaluation: passes show what was seen, failures the field-level difference', () => {
  it('INFO fields', () => {
    const s = s1();
    expect(messageOf(s, 'kv1 INFO replication: connected_slaves = 2')).toBe('kv1 INFO replication: connected_slaves:2');
    expect(messageOf(s, 'kv1 INFO replication: connected_slaves = 1')).toBe('kv1 INFO replication: expected connected_slaves:1, got connected_slaves:2');
    expect(messageOf(s, 'kv1 INFO replication: connected_slaves != 2')).toBe('kv1 INFO replication: expected anything but connected_slaves:2, got connected_slaves:2');
    expect(messageOf(s, 'kv1 INFO replication: connected_slaves >= 3')).toBe('kv1 INFO replication: expected connected_slaves >= 3, got connected_slaves:2');
    expect(messageOf(s, 'kv1 INFO replication: role > 1')).toBe('kv1 INFO replication: expected role > 1, got role:master (not a number)');
    expect(messageOf(s, 'kv1 INFO replication: slave0 contains lag=1')).toBe('kv1 INFO replication: expected slave0 to contain "lag=1", got slave0:ip=127.0.0.1,port=30003,offset=1,lag=0');
    expect(messageOf(s, 'kv1 INFO replication: slave1 absent')).toBe('kv1 INFO replication: expected slave1 to be absent, got slave1:ip=127.0.0.1,port=30002,offset=1,lag=0');
    expect(messageOf(s, 'kv1 INFO replication: slave2 absent')).toBe('kv1 INFO replication: no slave2 field');
    expect(messageOf(s, 'kv1 INFO replication: master_host present')).toBe('kv1 INFO replication: expected master_host to be present, got no master_host field');
    expect(messageOf(s, 'kv1 INFO replication: master_host = x')).toBe('kv1 INFO replication: expected master_host:x, got no master_host field');
    expect(messageOf(s, 'kv2 INFO stats: sync_full = 0')).toBe('kv2 INFO stats: sync_full:0');
  });

  it('CLUSTER NODES lines', () => {
    const s = s1();
    // Upstream's node map walks the S1 ids as kv3, kv2, kv1.
    const kv3Line = s.run('@kv1 CLUSTER NODES').output.split('\n')[0]!;
    expect(messageOf(s, 'kv1 CLUSTER NODES: lines = 2')).toBe('kv1 CLUSTER NODES: expected 2 lines, got 3 lines');
    expect(messageOf(s, 'kv1 CLUSTER NODES: line of kv3 contains master')).toBe(`kv1 CLUSTER NODES: expected kv3's line to contain "master", got kv3's line: ${kv3Line}`);
    expect(messageOf(s, 'kv1 CLUSTER NODES: line 1 contains slave')).toBe(`kv1 CLUSTER NODES: line 1: ${kv3Line}`);
    expect(messageOf(s, 'kv1 CLUSTER NODES: line 4 contains slave')).toBe('kv1 CLUSTER NODES: expected line 4 to contain "slave", got no line 4 (3 lines)');
    expect(messageOf(s, 'kv1 CLUSTER NODES: line of kv3 absent')).toBe(`kv1 CLUSTER NODES: expected kv3's line to be absent, got kv3's line: ${kv3Line}`);
  });

  it('arrays: ROLE[n], length, and a whole array', () => {
    const s = s1();
    expect(messageOf(s, 'kv2 ROLE[4] = connected')).toBe('kv2 ROLE[4]: "connected"');
    expect(messageOf(s, 'kv2 ROLE[4] = connecting')).toBe('kv2 ROLE[4]: expected "connecting", got "connected"');
    expect(messageOf(s, 'kv2 ROLE[6] = x')).toBe('kv2 ROLE[6]: expected x, got no ROLE[6] (ROLE has 5 elements)');
    expect(messageOf(s, 'kv1 ROLE[3]: length = 1')).toBe('kv1 ROLE[3]: expected length 1, got length 2');
    expect(messageOf(s, 'kv1 ROLE[3][2][2] = "30002"')).toBe('kv1 ROLE[3][2][2]: "30002"');
    expect(messageOf(s, 'kv1 ROLE[2][1] = x')).toBe('kv1 ROLE[2][1]: expected x, got ROLE[2] is not an array: "1"');
    expect(messageOf(s, 'kv1 ROLE = master')).toBe('kv1 ROLE: expected master, got an array of 3 elements: pick one element with ROLE[n]');
  });

  it('scalar replies shown as redis-cli shows them: bulk, integer, nil, error', () => {
    const s = s1();
    expect(messageOf(s, 'kv3 CLUSTERX VERSION = "2"')).toBe('kv3 CLUSTERX VERSION: expected "2", got "1"');
    expect(messageOf(s, 'kv1 CLUSTER KEYSLOT greeting = 1')).toBe('kv1 CLUSTER KEYSLOT greeting: expected (integer) 1, got (integer) 12714');
    expect(messageOf(s, 'kv1 GET missing = x')).toBe('kv1 GET missing: expected "x", got (nil)');
    expect(messageOf(s, 'kv1 GET missing = (nil)')).toBe('kv1 GET missing: (nil)');
    expect(messageOf(s, 'kv2 GET greeting = hello')).toBe('kv2 GET greeting: expected "hello", got (error) MOVED 12714 127.0.0.1:30001');
    expect(messageOf(s, 'kv2 GET greeting = "MOVED 1 127.0.0.1:30001"')).toBe('kv2 GET greeting: expected (error) MOVED 1 127.0.0.1:30001, got (error) MOVED 12714 127.0.0.1:30001');
    expect(messageOf(s, 'kv1 PING = PONG')).toBe('kv1 PING: PONG');
  });

  it('a field of an error reply, and a node that is down, fail with what came back', () => {
    const fresh = new Session({ nodes: 3, seed: 1, mode: 'buggy' });
    expect(messageOf(fresh, 'kv1 CLUSTER NODES: lines = 0')).toBe('kv1 CLUSTER NODES: expected 0 lines, got (error) CLUSTERDOWN The cluster is not initialized');
    expect(messageOf(fresh, 'kv1 CLUSTER NODES: line of kv2 absent')).toBe('kv1 CLUSTER NODES: expected kv2\'s line to be absent, got (error) CLUSTERDOWN The cluster is not initialized');
    fresh.run('.crash kv2');
    expect(messageOf(fresh, 'kv2 INFO replication: slave0 absent')).toBe(
      'kv2 INFO replication: expected slave0 to be absent, got no reply: Could not connect to Redis at 127.0.0.1:30002: Connection refused',
    );
  });
});

describe('within: polling in virtual time', () => {
  it('passes at the first poll that sees the value, and says how long it waited', () => {
    const s = new Session({ nodes: 3, seed: 1, mode: 'buggy' });
    const lab = checksLab(['kv1 INFO replication: connected_slaves = 2 within 3s']);
    const runner = new LabRunner(lab);
    const t0 = runner.session.now();
    const report = runner.check();
    expect(t0).toBe(1000);
    expect(report.results[0]).toMatchObject({ status: 'pass', waitedMs: 0, at: 1000 });
    s.run('@kv1 CLUSTERX SETNODEID ' + suggestedNodeId('kv1'));
    const payload = `${suggestedNodeId('kv1')} 127.0.0.1 30001 master - 0-16383\n${suggestedNodeId('kv2')} 127.0.0.1 30002 slave ${suggestedNodeId('kv1')}`;
    s.run(`@kv1 CLUSTERX SETNODES "${payload}" 1`);
    s.run(`@kv2 CLUSTERX SETNODES "${payload}" 1`);
    const result = evaluateCheck(s, check('kv1 INFO replication: connected_slaves = 1 within 3s'));
    expect(result).toMatchObject({ status: 'pass', waitedMs: 100, at: 100 });
    expect(result.message).toBe('kv1 INFO replication: connected_slaves:1 (after 100ms)');
  });

  it('fails after the whole duration, with the last difference', () => {
    const s = s1();
    const start = s.now();
    const result = evaluateCheck(s, check('kv1 INFO replication: connected_slaves = 5 within 1500ms'));
    expect(result).toMatchObject({ status: 'fail', expected: 'pass', ok: false, waitedMs: 1500, at: start + 1500 });
    expect(result.message).toBe('kv1 INFO replication: expected connected_slaves:5, got connected_slaves:2 (after 1500ms)');
  });

  it('without within, time does not move', () => {
    const s = s1();
    const start = s.now();
    evaluateCheck(s, check('kv1 INFO replication: connected_slaves = 5'));
    expect(s.now()).toBe(start);
  });
});

describe('a check changes nothing but what its read does', () => {
  it('the reads are logged like console inputs; the prompt, the current node and the topology stay', () => {
    const s = s1();
    s.run('.use kv2');
    const before = { prompt: s.prompt(), nodes: s.run('.nodes').output, log: s.log.length };
    const c = check('kv3 CLUSTER NODES: line of kv3 contains myself');
    evaluateCheck(s, c);
    expect(s.log.slice(before.log).map((r) => r.input)).toEqual(['@kv3 CLUSTER NODES']);
    expect(s.prompt()).toBe(before.prompt);
    expect(s.run('.nodes').output).toBe(before.nodes);
  });

  it('a read on the current node that is down leaves the prompt alone, as `@kv1 PING` would', () => {
    const s = s1();
    s.run('.crash kv1');
    evaluateCheck(s, check('kv1 PING = PONG'));
    const typed = s1();
    typed.run('.crash kv1');
    typed.run('@kv1 PING');
    expect(s.prompt()).toBe(typed.prompt());
    expect(s.prompt()).toBe('127.0.0.1:30001> ');
  });
});
