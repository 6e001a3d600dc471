// kvrocks-semantics §7 S1: SETNODEID then SETNODES v1 on three fresh nodes; every observable exactly.
// Output formats: §1.7 CLUSTER NODES, §1.8 CLUSTER INFO, §1.9 CLUSTER SLOTS, §4.1 INFO replication, §4.2 ROLE.
import { describe, expect, it } from 'vitest';
import { bootstrapS1, id, shardLines, TestCluster } from '../../support/cluster.ts';
import { listedPorts, pingPong } from '../../support/more.ts';

const M = id('kv1');
const R1 = id('kv2');
const R2 = id('kv3');

/**
 * CLUSTER NODES as `node` prints it at the cluster's current time (myself flagged), in the order
 * upstream's std::unordered_map walks these three ids: kv3, kv2, kv1.
 */
function expectedNodes(c: TestCluster, myself: string): string {
  const t = pingPong(c);
  const flag = (nodeId: string) => (nodeId === myself ? 'myself,' : '');
  return [
    `${R2} 127.0.0.1:30003@40003 ${flag(R2)}slave ${M} ${t} 1 connected`,
    `${R1} 127.0.0.1:30002@40002 ${flag(R1)}slave ${M} ${t} 1 connected`,
    `${M} 127.0.0.1:30001@40001 ${flag(M)}master - ${t} 1 connected 0-16383`,
  ].join('\n');
}

describe('S1: bootstrap with SETNODEID + SETNODES v1', () => {
  it('every step answers OK and every node reports version 1 and its own id', () => {
    const c = new TestCluster();
    const payload = shardLines('kv1', ['kv2', 'kv3']);
    for (const name of ['kv1', 'kv2', 'kv3']) {
      expect(c.run(name, 'CLUSTERX', 'SETNODEID', id(name))).toBe('OK');
      expect(c.run(name, 'CLUSTERX', 'SETNODES', payload, '1')).toBe('OK');
    }
    for (const name of ['kv1', 'kv2', 'kv3']) {
      expect(c.run(name, 'CLUSTERX', 'VERSION')).toBe('"1"');
      expect(c.run(name, 'CLUSTERX', 'MYID')).toBe(`"${id(name)}"`);
    }
  });

  it('the master lists both replicas with lag=0 (offsets are sequence numbers: 0 on empty nodes)', () => {
    const c = bootstrapS1();
    const text = c.run('kv1', 'INFO', 'replication');
    const ports = listedPorts(c, 'kv1');
    expect([...ports].sort()).toEqual(['30002', '30003']);
    expect(text).toBe(
      [
        '# Replication',
        'role:master',
        'connected_slaves:2',
        `slave0:ip=127.0.0.1,port=${ports[0]},offset=0,lag=0`,
        `slave1:ip=127.0.0.1,port=${ports[1]},offset=0,lag=0`,
        'master_repl_offset:0',
      ].join('\n'),
    );
  });

  it.each(['kv2', 'kv3'])('%s: role:slave with the link up, every field in upstream order', (name) => {
    const c = bootstrapS1();
    const text = c.run(name, 'INFO', 'replication');
    // The last I/O was the PSYNC reply a few ms after t=0; the clock now reads t=1 s.
    const lastIo = /master_last_io_seconds_ago:(\d+)/.exec(text)?.[1];
    expect(['0', '1']).toContain(lastIo);
    expect(text).toBe(
      [
        '# Replication',
        'role:slave',
        'master_host:127.0.0.1',
        'master_port:30001',
        'master_link_status:up',
        'master_sync_unrecoverable_error:no',
        'master_sync_in_progress:0',
        `master_last_io_seconds_ago:${lastIo}`,
        'slave_repl_offset:0',
        'slave_priority:100',
        'connected_slaves:0',
        'master_repl_offset:0',
      ].join('\n'),
    );
  });

  it('INFO cluster and INFO server say cluster mode', () => {
    const c = bootstrapS1();
    expect(c.run('kv2', 'INFO', 'cluster')).toBe('# Cluster\ncluster_enabled:1');
    expect(c.info('kv2', 'server')).toMatchObject({ redis_mode: 'cluster', kvrocks_mode: 'cluster', tcp_port: '30002' });
  });

  it.each([
    ['kv1', M],
    ['kv2', R1],
    ['kv3', R2],
  ])('%s: CLUSTER NODES has 3 lines at epoch 1 with myself on its own line', (name, myself) => {
    const c = bootstrapS1();
    expect(c.run(name, 'CLUSTER', 'NODES')).toBe(expectedNodes(c, myself));
  });

  it('CLUSTER NODES is a bulk string ending in a newline (verbatim in RESP3); redis-cli prints it raw', () => {
    const c = bootstrapS1();
    const reply = c.world.exec(c.node('kv1'), c.node('kv1').localClient(), ['CLUSTER', 'NODES']);
    expect(reply).toEqual({ type: 'bulk', text: `${expectedNodes(c, M)}\n`, verbatim: true });
  });

  it('CLUSTER SLOTS: one run, master first, then the topology replicas in node-map order', () => {
    const c = bootstrapS1();
    const expected = [
      '1) 1) (integer) 0',
      '   2) (integer) 16383',
      '   3) 1) "127.0.0.1"',
      '      2) (integer) 30001',
      `      3) "${M}"`,
      '   4) 1) "127.0.0.1"',
      '      2) (integer) 30003',
      `      3) "${R2}"`,
      '   5) 1) "127.0.0.1"',
      '      2) (integer) 30002',
      `      3) "${R1}"`,
    ].join('\n');
    for (const name of ['kv1', 'kv2', 'kv3']) expect(c.run(name, 'CLUSTER', 'SLOTS')).toBe(expected);
  });

  it('CLUSTER INFO: the nine CRLF lines, epoch = version', () => {
    const c = bootstrapS1();
    const reply = c.world.exec(c.node('kv2'), c.node('kv2').localClient(), ['CLUSTER', 'INFO']);
    expect(reply).toEqual({
      type: 'bulk',
      verbatim: true,
      text:
        'cluster_state:ok\r\ncluster_slots_assigned:16384\r\ncluster_slots_ok:16384\r\ncluster_slots_pfail:0\r\n' +
        'cluster_slots_fail:0\r\ncluster_known_nodes:3\r\ncluster_size:1\r\ncluster_current_epoch:1\r\ncluster_my_epoch:1\r\n',
    });
    expect(c.run('kv1', 'CLUSTER', 'INFO')).toBe(
      [
        'cluster_state:ok',
        'cluster_slots_assigned:16384',
        'cluster_slots_ok:16384',
        'cluster_slots_pfail:0',
        'cluster_slots_fail:0',
        'cluster_known_nodes:3',
        'cluster_size:1',
        'cluster_current_epoch:1',
        'cluster_my_epoch:1',
      ].join('\n'),
    );
  });

  it('ROLE on the master: seq, then [ip, REPLCONF port, offset] per live replica', () => {
    const c = bootstrapS1();
    const [first, second] = listedPorts(c, 'kv1');
    expect(c.run('kv1', 'ROLE')).toBe(
      [
        '1) "master"',
        '2) "0"',
        '3) 1) 1) "127.0.0.1"',
        `      2) "${first}"`,
        '      3) "0"',
        '   2) 1) "127.0.0.1"',
        `      2) "${second}"`,
        '      3) "0"',
      ].join('\n'),
    );
  });

  it.each(['kv2', 'kv3'])('ROLE on %s: slave, master host and port, connected, seq', (name) => {
    const c = bootstrapS1();
    expect(c.run(name, 'ROLE')).toBe(['1) "slave"', '2) "127.0.0.1"', '3) "30001"', '4) "connected"', '5) "0"'].join('\n'));
  });

  it('nodes.conf on each node: version, id, then one line per node (double space before master slots)', () => {
    const c = bootstrapS1();
    for (const name of ['kv1', 'kv2', 'kv3']) {
      expect(c.node(name).disk.nodesConf).toBe(
        [
          'version 1',
          `id ${id(name)}`,
          `node ${R2} 127.0.0.1 30003 slave ${M} `,
          `node ${R1} 127.0.0.1 30002 slave ${M} `,
          `node ${M} 127.0.0.1 30001 master -  0-16383`,
          '',
        ].join('\n'),
      );
    }
  });

  it('a fresh master with no replicas: ROLE has two elements and INFO no slave lines', () => {
    const c = new TestCluster(1);
    c.push(shardLines('kv1', []), 1, ['kv1']);
    expect(c.run('kv1', 'ROLE')).toBe('1) "master"\n2) "0"');
    expect(c.run('kv1', 'INFO', 'replication')).toBe('# Replication\nrole:master\nconnected_slaves:0\nmaster_repl_offset:0');
  });
});
