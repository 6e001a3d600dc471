// The conformance harness's own pure parts: RESP parsing, port mapping, the normalisation rules,
// the tolerance comparison and the comparability check.
import { describe, expect, it } from 'vitest';
import { fromBasePort, notComparableReason, toBasePort } from './cases.ts';
import { compareCase } from './compare.ts';
import { knownDifference } from './known-differences.ts';
import type { Entry } from './entry.ts';
import { runModel, splitTiming } from './model-run.ts';
import { normalise, reconcileTolerantFields } from './normalise.ts';
import { encodeCommand, parseReply } from './real/resp-client.ts';
import { utf8ToBytes } from '../../src/protocol/bytes.ts';

describe('RESP client parsing', () => {
  it('encodes a command as a multibulk of the arguments\' bytes', () => {
    expect(encodeCommand(['SET', 'k', utf8ToBytes('é')]).toString('utf8')).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$2\r\né\r\n');
    expect([...encodeCommand(['\xff\x00'])]).toEqual([...Buffer.from('*1\r\n$2\r\n'), 0xff, 0x00, 13, 10]);
  });

  it('parses every RESP2 type, nested, and waits for incomplete input', () => {
    const wire = Buffer.from('*4\r\n+OK\r\n:-3\r\n$5\r\na\r\nbc\r\n*2\r\n$-1\r\n-ERR x y\r\n');
    expect(parseReply(wire)).toEqual({
      reply: {
        type: 'array',
        items: [
          { type: 'status', text: 'OK' },
          { type: 'integer', value: -3 },
          { type: 'bulk', text: 'a\r\nbc' },
          { type: 'array', items: [{ type: 'nil' }, { type: 'error', text: 'ERR x y' }] },
        ],
      },
      end: wire.length,
    });
    for (let cut = 0; cut < wire.length; cut++) expect(parseReply(wire.subarray(0, cut))).toBeNull();
  });
});

describe('port mapping', () => {
  it('moves the canonical ports of the cluster, and only those, to a base port and back', () => {
    const script = '@kv1 CLUSTERX SETNODES "a 127.0.0.1 30001 master - 0-16383\nb 127.0.0.1 30003 slave a" 1\nconnect 127.0.0.1 30004\nSET k 300012';
    const moved = toBasePort(script, 31101, 3);
    expect(moved).toBe('@kv1 CLUSTERX SETNODES "a 127.0.0.1 31101 master - 0-16383\nb 127.0.0.1 31103 slave a" 1\nconnect 127.0.0.1 30004\nSET k 300012');
    expect(fromBasePort('127.0.0.1:31102@41102 31104 41101', 31101, 3)).toBe('127.0.0.1:30002@40002 31104 40001');
  });
});

describe('normalisation', () => {
  it('erases run-dependent INFO values and compares slave lines as a set', () => {
    const info = '# Server\nprocess_id:4242\ntcp_port:30001\n# Replication\nrole:master\nconnected_slaves:2\nslave0:ip=127.0.0.1,port=30003,offset=1,lag=0\nslave1:ip=127.0.0.1,port=30002,offset=1,lag=0\nmaster_repl_offset:1';
    expect(normalise(['INFO'], info)).toBe(
      '# Server\nprocess_id:<erased>\ntcp_port:30001\n# Replication\nrole:master\nconnected_slaves:2\nslave<i>:ip=127.0.0.1,port=30002,offset=1,lag=0\nslave<i>:ip=127.0.0.1,port=30003,offset=1,lag=0\nmaster_repl_offset:1',
    );
  });

  it('erases CLUSTER NODES and CLUSTER REPLICAS stamps, keeping the line order (the model reproduces upstream hash-map order)', () => {
    const nodes = 'bbb 127.0.0.1:30002@40002 slave aaa 1730419201999 1730419202000 1 connected\naaa 127.0.0.1:30001@40001 myself,master - 1730419201999 1730419202000 1 connected 0-16383';
    expect(normalise(['cluster', 'nodes'], nodes)).toBe(
      'bbb 127.0.0.1:30002@40002 slave aaa <ping> <pong> 1 connected\naaa 127.0.0.1:30001@40001 myself,master - <ping> <pong> 1 connected 0-16383',
    );
    const replicas = '"bbb 127.0.0.1:30002@40002 slave aaa 1730419201999 1730419202000 1 connected\\nccc 127.0.0.1:30003@40003 slave aaa 1730419201999 1730419202000 1 connected\\n"';
    expect(normalise(['CLUSTER', 'REPLICAS', 'aaa'], replicas)).toBe(
      '"bbb 127.0.0.1:30002@40002 slave aaa <ping> <pong> 1 connected\\nccc 127.0.0.1:30003@40003 slave aaa <ping> <pong> 1 connected\\n"',
    );
    expect(normalise(['GET', 'nodes'], nodes)).toBe(nodes);
  });

  it("compares a master's ROLE replicas as a set, redrawn as redis-cli draws them", () => {
    const a = '1) "master"\n2) "1"\n3) 1) 1) "127.0.0.1"\n      2) "30003"\n      3) "1"\n   2) 1) "127.0.0.1"\n      2) "30002"\n      3) "1"';
    const b = '1) "master"\n2) "1"\n3) 1) 1) "127.0.0.1"\n      2) "30002"\n      3) "1"\n   2) 1) "127.0.0.1"\n      2) "30003"\n      3) "1"';
    expect(normalise(['ROLE'], a)).toBe(b);
    expect(normalise(['ROLE'], b)).toBe(b);
  });

  it('lets the real master_last_io_seconds_ago be one second below the model or two above, no further', () => {
    expect(reconcileTolerantFields('master_last_io_seconds_ago:2', 'x\nmaster_last_io_seconds_ago:1')).toBe('x\nmaster_last_io_seconds_ago:2');
    expect(reconcileTolerantFields('master_last_io_seconds_ago:3', 'master_last_io_seconds_ago:1')).toBe('master_last_io_seconds_ago:3');
    expect(reconcileTolerantFields('master_last_io_seconds_ago:4', 'master_last_io_seconds_ago:1')).toBe('master_last_io_seconds_ago:1');
    expect(reconcileTolerantFields('master_last_io_seconds_ago:0', 'master_last_io_seconds_ago:1')).toBe('master_last_io_seconds_ago:0');
    expect(reconcileTolerantFields('master_last_io_seconds_ago:0', 'master_last_io_seconds_ago:2')).toBe('master_last_io_seconds_ago:2');
  });

  it("erases CONFIG GET's path values only", () => {
    expect(normalise(['CONFIG', 'GET', '*'], '1) "dir"\n2) "/tmp/x/node1/db"\n3) "port"\n4) "30001"')).toBe('1) "dir"\n2) "<path>"\n3) "port"\n4) "30001"');
  });
});

describe('comparability', () => {
  it('refuses scripts a real server cannot run', () => {
    expect(notComparableReason('PING\n.partition kv1 kv2')).toMatch(/^line 2: network partitions/);
    expect(notComparableReason('.controller start')).toMatch(/controller/);
    expect(notComparableReason('.mode fixed')).toMatch(/mid-script \.mode/);
    expect(notComparableReason('.mode\n.wait 1s\n.crash kv1\n.restart kv1\n.nodes')).toBeNull();
  });
});

describe('comparing transcripts', () => {
  const options = { nodes: 3, seed: 1, mode: 'buggy' as const };
  const asReal = (entries: Entry[], patch: (e: Entry, i: number) => Partial<Entry>) => entries.map((e, i) => ({ ...e, ...patch(e, i) }));

  it('splits redis-cli timing lines off outputs', () => {
    expect(splitTiming('OK\n(1.02s)')).toEqual({ output: 'OK', tookMs: 1020 });
    expect(splitTiming('OK')).toEqual({ output: 'OK', tookMs: 0 });
  });

  it('finds a timing difference within the tolerance and reports the shift', () => {
    // kv2 starts replicating at once; its link is up a few ms later.
    const script = `@kv1 CLUSTERX SETNODEID ${'a'.repeat(40)}\n@kv2 CLUSTERX SETNODEID ${'b'.repeat(40)}\n` +
      `@kv2 CLUSTERX SETNODES "${'a'.repeat(40)} 127.0.0.1 30001 master - 0-16383\n${'b'.repeat(40)} 127.0.0.1 30002 slave ${'a'.repeat(40)}" 1\n` +
      '.wait 50ms\n@kv2 ROLE';
    const model = runModel(script, options);
    expect(model[4]!.output).toContain('"connected"');
    // Pretend the real link came up a little later: at 50 ms it still said "connecting".
    const real = asReal(model, (e, i) => (i === 4 ? { output: e.output.replace('"connected"', '"connecting"') } : {}));
    const result = compareCase(script, options, real, 300, 't');
    expect(result.status).toBe('within-tolerance');
    expect(result.entries[4]!.verdict).toMatchObject({ kind: 'shifted' });
    expect((result.entries[4]!.verdict as { byMs: number }).byMs).toBeLessThan(0);
    // Nothing in the model says "connecting" 0..300 ms later, and "slave" never becomes "replica".
    const wrong = asReal(model, (e, i) => (i === 4 ? { output: e.output.replace('"slave"', '"replica"') } : {}));
    expect(compareCase(script, options, wrong, 300, 't').status).toBe('different');
  });

  it("reports where a real .wait ended as the harness's timeline, never as a differing reply", () => {
    const script = '.wait 100ms\nPING';
    const model = runModel(script, options);
    const late = asReal(model, (e, i) => (i === 0 ? { output: e.output.replace('t=0.100s', 't=0.950s') } : {}));
    const result = compareCase(script, options, late, 300, 't');
    expect(result.entries[0]!.verdict).toEqual({ kind: 'timeline', byMs: 850 });
    expect(result.status).toBe('identical');
  });

  it('compares how long a command took within the tolerance', () => {
    const model = runModel('PING', options);
    expect(compareCase('PING', options, asReal(model, () => ({ tookMs: 250 })), 300, 't').status).toBe('identical');
    expect(compareCase('PING', options, asReal(model, () => ({ tookMs: 900 })), 300, 't').status).toBe('different');
  });
});

describe('known differences', () => {
  const crash = 'Error: Server closed the connection';
  it('accept a syntax error or a crash for CLIENT KILL with a dangling filter keyword, and nothing else', () => {
    const d = (argv: string[], real: string, model: string) => knownDifference({ caseId: 'c', argv, real, model })?.id ?? null;
    expect(d(['CLIENT', 'KILL', 'ID', '5', 'TYPE'], '(error) ERR syntax error', crash)).toBe('client-kill-dangling-filter');
    expect(d(['client', 'kill', 'TYPE', 'normal', 'SKIPME'], '(error) ERR syntax error', 'Could not connect to Redis at 127.0.0.1:30003: Connection refused')).toBe('client-kill-dangling-filter');
    // A complete filter, the old address form, or another real reply is no excuse.
    expect(d(['CLIENT', 'KILL', 'ID', '5'], '(error) ERR syntax error', crash)).toBeNull();
    expect(d(['CLIENT', 'KILL', '1.2.3.4:5'], '(error) ERR syntax error', crash)).toBeNull();
    expect(d(['CLIENT', 'KILL', 'ID', '5', 'TYPE'], '(integer) 0', crash)).toBeNull();
    expect(d(['CLIENT', 'KILL', 'ID', '5', 'TYPE'], '(error) ERR syntax error', '(integer) 0')).toBeNull();
  });
});
