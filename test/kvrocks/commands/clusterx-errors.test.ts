// kvrocks-semantics §1 (CLUSTER/CLUSTERX errors), §5 (SLAVEOF/REPLICAOF) and §7 S4 (version gate),
// through the command layer, rendered as redis-cli prints them.
// Upstream: K-2024 src/commands/cmd_cluster.cc, src/cluster/cluster.cc, src/server/redis_connection.cc,
// src/commands/cmd_server.cc CommandSlaveOf.
import { describe, expect, it } from 'vitest';
import { utf8ToBytes } from '../../../src/protocol/bytes.ts';
import type { BehaviourMode } from '../../../src/kvrocks/mode.ts';
import { bootstrapS1, id, shardLines, TestCluster } from '../../support/cluster.ts';
import { pingPong, snapshotNode } from '../../support/more.ts';

const CLUSTERX_USAGE = '(error) ERR CLUSTERX command, CLUSTERX VERSION|MYID|SETNODEID|SETNODES|SETSLOT|MIGRATE';
const CLUSTER_USAGE = '(error) ERR CLUSTER command, CLUSTER INFO|NODES|SLOTS|KEYSLOT|RESET|REPLICAS';
const S1 = shardLines('kv1', ['kv2', 'kv3']);
const V2 = shardLines('kv1', ['kv2']);

/** S1 bootstrapped, then v2 (kv3 dropped) pushed to kv1 and kv2 only: kv1 is at version 2. */
function atVersion2(mode: BehaviourMode = 'buggy'): TestCluster {
  const c = bootstrapS1(mode);
  c.push(V2, 2, ['kv1', 'kv2']);
  return c;
}

/** Runs argv on a node, checks the rendered reply, and that nothing about the node changed. */
function expectRejected(c: TestCluster, node: string, argv: string[], rendered: string): void {
  const before = snapshotNode(c.node(node));
  expect(c.run(node, ...argv)).toBe(rendered);
  expect(snapshotNode(c.node(node))).toEqual(before);
}

describe('arity and the generic usage errors (§1.1)', () => {
  it('bare CLUSTER and CLUSTERX fail the arity check', () => {
    const c = new TestCluster();
    expect(c.run('kv1', 'CLUSTER')).toBe('(error) ERR wrong number of arguments');
    expect(c.run('kv1', 'CLUSTERX')).toBe('(error) ERR wrong number of arguments');
  });

  it.each([
    [['CLUSTERX', 'SETNODEID', 'a'.repeat(39)]],
    [['CLUSTERX', 'SETNODEID', 'a'.repeat(41)]],
    [['CLUSTERX', 'SETNODEID', id('kv1'), 'extra']],
    [['CLUSTERX', 'SETNODES', '<payload>']],
    [['CLUSTERX', 'SETNODES']],
    [['CLUSTERX', 'VERSION', 'x']],
    [['CLUSTERX', 'MYID', 'x']],
    [['CLUSTERX', 'SETSLOT', '5', 'NODE', id('kv1')]],
    [['CLUSTERX', 'SETSLOT', '5', 'NODE', id('kv1'), '2', 'x']],
    [['CLUSTERX', 'NODES']],
    [['clusterx', 'bogus']],
  ])('%j gives the generic CLUSTERX parse error and changes nothing', (argv) => {
    const c = bootstrapS1();
    expectRejected(c, 'kv1', argv.map((a) => (a === '<payload>' ? S1 : a)), CLUSTERX_USAGE);
  });

  it.each([
    [['CLUSTER', 'SHARDS']],
    [['CLUSTER', 'shards', 'x']],
    [['CLUSTER', 'NODES', 'x']],
    [['CLUSTER', 'INFO', 'x']],
    [['CLUSTER', 'SLOTS', 'x']],
    [['CLUSTER', 'KEYSLOT']],
    [['CLUSTER', 'REPLICAS']],
    [['CLUSTER', 'RESET', 'HARD', 'x']],
    [['CLUSTER', 'SETNODES', '<payload>', '2']],
    [['CLUSTER', 'MEET', '127.0.0.1', '30002']],
  ])('%j gives the generic CLUSTER parse error (CLUSTER SHARDS does not exist in Kvrocks)', (argv) => {
    const c = bootstrapS1();
    expectRejected(c, 'kv1', argv.map((a) => (a === '<payload>' ? S1 : a)), CLUSTER_USAGE);
  });

  it('an unknown command answers in Kvrocks\' own format, keeping the case it was typed in', () => {
    const c = bootstrapS1();
    expectRejected(c, 'kv1', ['foo', 'a', 'b'], '(error) ERR unknown command `foo`, with args beginning with: `a`, `b`');
    expectRejected(c, 'kv1', ['FooBar'], '(error) ERR unknown command `FooBar`, with args beginning with: ');
    expectRejected(c, 'kv1', ['CLUSTERXX', 'VERSION'], '(error) ERR unknown command `CLUSTERXX`, with args beginning with: `VERSION`');
  });
});

describe('CLUSTERDOWN before the first topology (§1.1)', () => {
  it('NODES and INFO print the error raw (redis-cli output_raw), SLOTS and REPLICAS as (error)', () => {
    const c = new TestCluster();
    expect(c.run('kv1', 'CLUSTER', 'NODES')).toBe('CLUSTERDOWN The cluster is not initialized');
    expect(c.run('kv1', 'CLUSTER', 'INFO')).toBe('CLUSTERDOWN The cluster is not initialized');
    expect(c.run('kv1', 'cluster', 'slots')).toBe('(error) CLUSTERDOWN The cluster is not initialized');
    expect(c.run('kv1', 'CLUSTER', 'REPLICAS', id('kv1'))).toBe('(error) CLUSTERDOWN The cluster is not initialized');
  });

  it('SETNODEID alone does not initialise the cluster; VERSION and MYID still answer', () => {
    const c = new TestCluster();
    expect(c.run('kv1', 'CLUSTERX', 'VERSION')).toBe('"-1"');
    expect(c.run('kv1', 'CLUSTERX', 'MYID')).toBe('""');
    expect(c.run('kv1', 'CLUSTERX', 'SETNODEID', id('kv1'))).toBe('OK');
    expect(c.run('kv1', 'CLUSTERX', 'MYID')).toBe(`"${id('kv1')}"`);
    expect(c.run('kv1', 'CLUSTER', 'NODES')).toBe('CLUSTERDOWN The cluster is not initialized');
    expect(c.run('kv1', 'CLUSTER', 'KEYSLOT', 'foo')).toBe('(integer) 12182');
  });
});

describe('CLUSTERX SETNODES argument and payload errors (§1.2)', () => {
  it.each([
    [['abc'], '(error) ERR Invalid version'],
    [['1.5'], '(error) ERR Invalid version'],
    [[''], '(error) ERR Invalid version'],
    [['9223372036854775808'], '(error) ERR Invalid version'],
    [['2', '1'], '(error) ERR Invalid setnodes options'],
    [['2', 'forced'], '(error) ERR Invalid setnodes options'],
    [['2', 'force', 'x'], '(error) ERR Invalid setnodes options'],
    [['x', 'force'], '(error) ERR Invalid version'],
  ])('SETNODES <payload> %j -> %s', (rest, rendered) => {
    const c = bootstrapS1();
    expectRejected(c, 'kv1', ['CLUSTERX', 'SETNODES', V2, ...rest], rendered);
  });

  const m = id('kv1');
  const r = id('kv2');
  it.each([
    ['empty', '', 'Invalid cluster nodes info'],
    ['only blank lines', '\n \n', 'Invalid cluster nodes info'],
    ['4 fields', `${m} 127.0.0.1 30001 master`, 'Invalid cluster nodes info'],
    ['39-char id', `${m.slice(1)} 127.0.0.1 30001 master - 0-16383`, 'Invalid cluster node id'],
    ['port 70000', `${m} 127.0.0.1 70000 master - 0-16383`, 'Invalid cluster node port'],
    ['port not a number', `${m} 127.0.0.1 port master - 0-16383`, 'Invalid cluster node port'],
    ['role leader', `${m} 127.0.0.1 30001 leader - 0-16383`, 'Invalid cluster node role'],
    ['master with a master id', `${m} 127.0.0.1 30001 master ${r} 0-16383`, 'Invalid cluster node id'],
    ['slave with master id -', `${m} 127.0.0.1 30001 master - 0-16383\n${r} 127.0.0.1 30002 slave -`, 'Invalid cluster node id'],
    ['slave with a slot', `${m} 127.0.0.1 30001 master - 0-16383\n${r} 127.0.0.1 30002 slave ${m} 5`, 'Invalid cluster nodes info'],
    ['slot 16384', `${m} 127.0.0.1 30001 master - 0-16384`, 'Slot is out of range'],
    ['range 5-5', `${m} 127.0.0.1 30001 master - 5-5`, 'Slot is out of range'],
    ['range 9-3', `${m} 127.0.0.1 30001 master - 9-3`, 'Slot is out of range'],
    ['1-2-3', `${m} 127.0.0.1 30001 master - 1-2-3`, 'Slot is out of range'],
    ['two lines on one', `${m} 127.0.0.1 30001 master - 0-16383 ${r} 127.0.0.1 30002 slave ${m}`, 'Invalid nodes definition: Missing newline between node entries.'],
    ['overlapping slots', `${m} 127.0.0.1 30001 master - 0-100\n${r} 127.0.0.1 30002 master - 100-200`, 'Slot distribution is overlapped'],
    // A '\r' is not stripped: it stays in the last token of the line.
    ['CRLF after a master line', `${m} 127.0.0.1 30001 master - 0-16383\r\n${r} 127.0.0.1 30002 slave ${m}`, 'Slot is out of range'],
    ['CR after a slave line', `${m} 127.0.0.1 30001 master - 0-16383\n${r} 127.0.0.1 30002 slave ${m}\r`, 'Invalid cluster node id'],
  ])('payload (%s) at a higher version, forced or not -> ERR %s, state unchanged', (_label, payload, message) => {
    const c = bootstrapS1();
    expectRejected(c, 'kv1', ['CLUSTERX', 'SETNODES', payload, '2'], `(error) ERR ${message}`);
    expectRejected(c, 'kv1', ['CLUSTERX', 'SETNODES', payload, '1', 'force'], `(error) ERR ${message}`);
  });

  it('version is a signed 64-bit integer: a version above 2^53 is kept exactly (K-2024 ParseInt<int64_t>, version_ is int64_t)', () => {
    const c = new TestCluster();
    expect(c.run('kv1', 'CLUSTERX', 'SETNODES', S1, '9007199254740993')).toBe('OK');
    expect(c.run('kv1', 'CLUSTERX', 'VERSION')).toBe('"9007199254740993"');
    // 9007199254740992 is lower than the current version, so it is refused.
    expect(c.run('kv1', 'CLUSTERX', 'SETNODES', S1, '9007199254740992')).toBe('(error) ERR Invalid cluster version');
  });
});

describe('the version gate (§1.2, §7 S4)', () => {
  it('a lower version is refused and changes nothing', () => {
    const c = atVersion2();
    expectRejected(c, 'kv1', ['CLUSTERX', 'SETNODES', S1, '1'], '(error) ERR Invalid cluster version');
    expect(c.run('kv1', 'CLUSTERX', 'VERSION')).toBe('"2"');
  });

  it('an equal version answers OK and changes nothing, even for a payload that does not parse', () => {
    const c = atVersion2();
    const before = snapshotNode(c.node('kv1'));
    expect(c.run('kv1', 'CLUSTERX', 'SETNODES', 'this is not a topology', '2')).toBe('OK');
    expect(snapshotNode(c.node('kv1'))).toEqual(before);
    // A different, valid payload at the same version is not applied either: kv3 stays out.
    expect(c.run('kv1', 'CLUSTERX', 'SETNODES', S1, '2')).toBe('OK');
    expect(snapshotNode(c.node('kv1'))).toEqual(before);
  });

  it('an equal version does not touch replication: a replica told it is master at the same version keeps replicating', () => {
    const c = atVersion2();
    expect(c.run('kv2', 'CLUSTERX', 'SETNODES', shardLines('kv2', ['kv1']), '2')).toBe('OK');
    expect(c.info('kv2')).toMatchObject({ role: 'slave', master_port: '30001', master_link_status: 'up' });
  });

  it('negative versions are refused even with force', () => {
    const c = atVersion2();
    expectRejected(c, 'kv1', ['CLUSTERX', 'SETNODES', S1, '-1', 'force'], '(error) ERR Invalid cluster version');
    expectRejected(c, 'kv1', ['CLUSTERX', 'SETNODES', S1, '-1'], '(error) ERR Invalid cluster version');
    expectRejected(c, 'kv1', ['CLUSTERX', 'SETNODES', S1, '-5', 'FORCE'], '(error) ERR Invalid cluster version');
  });

  it('force applies a lower version and re-derives myid from host and port', () => {
    const c = atVersion2();
    const other = 'f'.repeat(40);
    // kv1's address now carries another id; without force, myid (set by SETNODEID) is kept.
    const renamed = S1.replace(id('kv1'), other).replaceAll(`slave ${id('kv1')}`, `slave ${other}`);
    expect(c.run('kv1', 'CLUSTERX', 'SETNODES', renamed, '1', 'force')).toBe('OK');
    expect(c.run('kv1', 'CLUSTERX', 'VERSION')).toBe('"1"');
    expect(c.run('kv1', 'CLUSTERX', 'MYID')).toBe(`"${other}"`);
    // Lines in upstream's std::unordered_map order.
    expect(c.run('kv1', 'CLUSTER', 'NODES')).toBe(
      [
        `${id('kv3')} 127.0.0.1:30003@40003 slave ${other} ${pingPong(c)} 1 connected`,
        `${id('kv2')} 127.0.0.1:30002@40002 slave ${other} ${pingPong(c)} 1 connected`,
        `${other} 127.0.0.1:30001@40001 myself,master - ${pingPong(c)} 1 connected 0-16383`,
      ].join('\n'),
    );
    expect(c.node('kv1').disk.nodesConf).toBe(
      [
        'version 1',
        `id ${other}`,
        `node ${id('kv3')} 127.0.0.1 30003 slave ${other} `,
        `node ${id('kv2')} 127.0.0.1 30002 slave ${other} `,
        `node ${other} 127.0.0.1 30001 master -  0-16383`,
        '',
      ].join('\n'),
    );
  });

  it('without force a higher version keeps myid, so a renamed address leaves the node without myself', () => {
    const c = atVersion2();
    const renamed = S1.replace(id('kv1'), 'f'.repeat(40));
    expect(c.run('kv1', 'CLUSTERX', 'SETNODES', renamed, '3')).toBe('OK');
    expect(c.run('kv1', 'CLUSTERX', 'MYID')).toBe(`"${id('kv1')}"`);
    expect(c.run('kv1', 'CLUSTER', 'NODES')).not.toContain('myself');
  });

  it('force with an equal version re-applies the payload', () => {
    const c = atVersion2();
    expect(c.run('kv1', 'CLUSTERX', 'SETNODES', S1, '2', 'force')).toBe('OK');
    expect(c.run('kv1', 'CLUSTER', 'NODES').split('\n')).toHaveLength(3);
    expect(c.run('kv1', 'CLUSTERX', 'VERSION')).toBe('"2"');
  });
});

describe('CLUSTERX SETSLOT errors (§1.5)', () => {
  const m = id('kv1');
  it.each([
    [['5', 'NODE', m, '1'], '(error) ERR Invalid cluster version'],
    [['5', 'NODE', m, '2'], '(error) ERR Invalid cluster version'],
    [['5', 'NODE', m, '4'], '(error) ERR Invalid cluster version'],
    [['5', 'NODE', 'f'.repeat(40), '3'], '(error) ERR No this node in the cluster'],
    [['5', 'NODE', id('kv2'), '3'], "(error) ERR The node isn't a master"],
    [['5', 'NODE', 'abc', '3'], '(error) ERR Invalid node id'],
    [['5', 'NODE', m.slice(1), '3'], '(error) ERR Invalid node id'],
    [['5', 'NODE', m, 'x'], '(error) ERR value is not an integer or out of range'],
    [['5', 'NODE', m, '3.0'], '(error) ERR value is not an integer or out of range'],
    [['5', 'NODE', m, '-1'], '(error) ERR Invalid version'],
    [['5', 'NOD', m, '3'], '(error) ERR Invalid setslot options'],
    [['16384', 'NODE', m, '3'], '(error) ERR Invalid slot id: out of numeric range'],
    [['x', 'NODE', m, '3'], '(error) ERR Invalid slot id: not started as an integer'],
    [['9-3', 'NODE', m, '3'], '(error) ERR Invalid slot range: `9-3`. The slot range `int1-int2` needs to satisfy the condition (int1 <= int2).'],
    [['-3', 'NODE', m, '3'], "(error) ERR Invalid slot range: `-3`. The character '-' can't appear in the first or last position."],
    [['1-2-3', 'NODE', m, '3'], '(error) ERR Invalid slot range: `1-2-3`. The slot range should be of the form `int1-int2`.'],
    [['', 'NODE', m, '3'], '(error) ERR No slots to parse.'],
  ])('at version 2: SETSLOT %j -> %s, version, myid and CLUSTER NODES unchanged', (rest, rendered) => {
    const c = atVersion2();
    expectRejected(c, 'kv1', ['CLUSTERX', 'SETSLOT', ...rest], rendered);
  });

  it('exactly current+1 is accepted (slot ranges may have a == b), and no role is re-evaluated', () => {
    const c = atVersion2();
    expect(c.run('kv1', 'CLUSTERX', 'SETSLOT', '5-5', 'NODE', id('kv1'), '3')).toBe('OK');
    expect(c.run('kv1', 'CLUSTERX', 'VERSION')).toBe('"3"');
    expect(c.node('kv1').disk.nodesConf).toContain('version 3\n');
  });

  it('SETSLOT before any topology: version 0 is never current+1 of -1 (new_version must be >= 1)', () => {
    const c = new TestCluster();
    expectRejected(c, 'kv1', ['CLUSTERX', 'SETSLOT', '5', 'NODE', id('kv1'), '0'], '(error) ERR Invalid cluster version');
  });

  it('the 40-character id checks count bytes, not UTF-16 units (args_[4].size(), args_[2].size())', () => {
    const c = atVersion2();
    const twentyAccents = utf8ToBytes('é'.repeat(20)); // 40 bytes in UTF-8
    expect(c.run('kv1', 'CLUSTERX', 'SETSLOT', '5', 'NODE', twentyAccents, '3')).toBe('(error) ERR No this node in the cluster');
    expect(c.run('kv1', 'CLUSTERX', 'SETNODEID', utf8ToBytes('é'.repeat(40)))).toBe(CLUSTERX_USAGE); // 80 bytes
    expect(c.run('kv1', 'CLUSTERX', 'MYID')).toBe(`"${id('kv1')}"`);
  });
});

describe('CLUSTERX MIGRATE argument errors (§1.6)', () => {
  const dst = id('kv2');
  it.each([
    [['CLUSTERX', 'MIGRATE', '5'], '(error) ERR wrong number of arguments'],
    [['CLUSTERX', 'MIGRATE', '5', dst, 'sync', '1', 'x'], '(error) ERR wrong number of arguments'],
    [['CLUSTERX', 'MIGRATE', '5', dst, 'async', '5'], '(error) ERR Async migration does not support timeout'],
    [['CLUSTERX', 'MIGRATE', '5', dst, 'sync', 'x'], '(error) ERR timeout is not an integer or out of range'],
    [['CLUSTERX', 'MIGRATE', '5', dst, 'sync', '-1'], '(error) ERR timeout is negative'],
    [['CLUSTERX', 'MIGRATE', '5', dst, 'later'], '(error) ERR Invalid sync flag'],
  ])('%j -> %s', (argv, rendered) => {
    const c = bootstrapS1();
    expectRejected(c, 'kv1', argv, rendered);
  });
});

describe('CLUSTER REPLICAS, IMPORT and RESET (§1.10)', () => {
  it('REPLICAS: unknown id and slave id are refused; a master lists its replicas without myself or slots', () => {
    const c = bootstrapS1();
    expectRejected(c, 'kv1', ['CLUSTER', 'REPLICAS', 'f'.repeat(40)], '(error) ERR Invalid cluster node id');
    expectRejected(c, 'kv1', ['CLUSTER', 'REPLICAS', id('kv2')], "(error) ERR The node isn't a master");
    const text = [
      `${id('kv3')} 127.0.0.1:30003@40003 slave ${id('kv1')} ${pingPong(c)} 1 connected`,
      `${id('kv2')} 127.0.0.1:30002@40002 slave ${id('kv1')} ${pingPong(c)} 1 connected`,
      '',
    ].join('\n');
    // Not a raw-output command for redis-cli: the verbatim string is printed quoted.
    expect(c.run('kv2', 'CLUSTER', 'REPLICAS', id('kv1'))).toBe(JSON.stringify(text));
  });

  it('IMPORT checks its state argument while parsing (ParseInt<unsigned> in {kImportStart..kImportNone})', () => {
    const c = bootstrapS1();
    expectRejected(c, 'kv1', ['CLUSTER', 'IMPORT', '5'], '(error) ERR wrong number of arguments');
    expectRejected(c, 'kv1', ['CLUSTER', 'IMPORT', '5', '9'], '(error) ERR Invalid import state');
    expectRejected(c, 'kv1', ['CLUSTER', 'IMPORT', '5', 'x'], '(error) ERR Invalid import state');
  });

  it('RESET is refused while the database is not empty, on a master and on a replica', () => {
    const c = bootstrapS1();
    c.run('kv1', 'SET', 'k', 'v');
    c.wait(100);
    expectRejected(c, 'kv1', ['CLUSTER', 'RESET'], "(error) ERR Can't reset cluster while database is not empty");
    expectRejected(c, 'kv2', ['CLUSTER', 'RESET', 'HARD'], "(error) ERR Can't reset cluster while database is not empty");
    expectRejected(c, 'kv2', ['CLUSTER', 'RESET', 'MEDIUM'], '(error) ERR syntax error');
  });

  it('RESET on an empty replica drops its master, forgets the topology and deletes nodes.conf', () => {
    const c = bootstrapS1();
    expect(c.node('kv3').disk.nodesConf).not.toBeNull();
    expect(c.run('kv3', 'CLUSTER', 'RESET', 'soft')).toBe('OK');
    expect(c.run('kv3', 'CLUSTERX', 'VERSION')).toBe('"-1"');
    expect(c.run('kv3', 'CLUSTERX', 'MYID')).toBe('""');
    expect(c.run('kv3', 'CLUSTER', 'NODES')).toBe('CLUSTERDOWN The cluster is not initialized');
    expect(c.node('kv3').disk.nodesConf).toBeNull();
    expect(c.run('kv3', 'INFO', 'replication')).toBe(['# Replication', 'role:master', 'connected_slaves:0', 'master_repl_offset:0'].join('\n'));
    // A fresh node again: version 1 can be pushed as at bootstrap.
    c.push(S1, 1, ['kv3']);
    c.wait(100);
    expect(c.info('kv3')).toMatchObject({ role: 'slave', master_link_status: 'up' });
  });
});

describe('SLAVEOF and REPLICAOF in cluster mode (§5)', () => {
  it.each([
    [['SLAVEOF', '127.0.0.1', '30002'], "(error) ERR can't change to slave in cluster mode"],
    [['SLAVEOF', 'NO', 'ONE'], "(error) ERR can't change to slave in cluster mode"],
    [['slaveof', 'no', 'one'], "(error) ERR can't change to slave in cluster mode"],
    [['SLAVEOF', '127.0.0.1', 'port'], '(error) ERR port should be number'],
    [['SLAVEOF', '127.0.0.1'], '(error) ERR wrong number of arguments'],
    [['SLAVEOF', 'NO', 'ONE', 'NOW'], '(error) ERR wrong number of arguments'],
  ])('%j on a replica -> %s, and it keeps replicating', (argv, rendered) => {
    const c = bootstrapS1();
    expectRejected(c, 'kv2', argv, rendered);
    expect(c.info('kv2')).toMatchObject({ role: 'slave', master_link_status: 'up' });
  });

  it('the port is parsed as uint32: -1 and 2^32 are not numbers (ParseInt<uint32_t>)', () => {
    const c = bootstrapS1();
    expectRejected(c, 'kv2', ['SLAVEOF', '127.0.0.1', '-1'], '(error) ERR port should be number');
    expectRejected(c, 'kv2', ['SLAVEOF', '127.0.0.1', '4294967296'], '(error) ERR port should be number');
  });

  // §9: 5fccd57c has no REPLICAOF, with or without #2643 (#2678 came later).
  it.each(['buggy', 'fixed', 'guarded'] as const)('%s: REPLICAOF does not exist (unknown command)', (mode) => {
    const c = bootstrapS1(mode);
    expectRejected(c, 'kv2', ['REPLICAOF', 'NO', 'ONE'], '(error) ERR unknown command `REPLICAOF`, with args beginning with: `NO`, `ONE`');
    expectRejected(c, 'kv2', ['replicaof', '127.0.0.1', '30003'], '(error) ERR unknown command `replicaof`, with args beginning with: `127.0.0.1`, `30003`');
  });
});
