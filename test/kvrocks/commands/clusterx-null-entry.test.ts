// kvrocks-semantics §9: CLUSTERX SETSLOT to an unknown node id answers `No this node in the cluster`
// but leaves a null entry in the node map; whatever walks the map or looks that id up next
// segfaults the process (both builds). Upstream: K-2024 src/cluster/cluster.cc SetSlotRanges,
// genNodesDescription, genNodesInfo, GetReplicas, MigrateSlotRange, SetMasterSlaveRepl.
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/lab/session.ts';
import { bootstrapS1, id, TestCluster } from '../../support/cluster.ts';

const GHOST = 'e'.repeat(40);

function withNullEntry(node = 'kv1'): TestCluster {
  const c = bootstrapS1();
  expect(c.run(node, 'CLUSTERX', 'SETSLOT', '0', 'NODE', GHOST, '2')).toBe('(error) ERR No this node in the cluster');
  return c;
}

describe('the null entry a failed SETSLOT leaves', () => {
  it('counts in cluster_known_nodes; INFO, SLOTS, routing and another failed SETSLOT are fine', () => {
    const c = withNullEntry();
    expect(c.run('kv1', 'CLUSTER', 'INFO')).toContain('cluster_known_nodes:4');
    expect(c.run('kv1', 'CLUSTER', 'SLOTS')).toContain('(integer) 16383');
    expect(c.run('kv1', 'SET', 'k', 'v')).toBe('OK');
    expect(c.run('kv1', 'CLUSTERX', 'SETSLOT', '0', 'NODE', GHOST, '2')).toBe('(error) ERR No this node in the cluster');
    expect(c.node('kv1').running).toBe(true);
  });

  it.each([
    ['CLUSTER NODES', ['CLUSTER', 'NODES']],
    ['CLUSTER REPLICAS <that id>', ['CLUSTER', 'REPLICAS', GHOST]],
    ['a SETNODEID (nodes.conf rewrite)', ['CLUSTERX', 'SETNODEID', id('kv1')]],
    ['a successful SETSLOT (nodes.conf rewrite)', ['CLUSTERX', 'SETSLOT', '0', 'NODE', id('kv1'), '2']],
    ['a MIGRATE to that id, once its earlier checks pass', ['CLUSTERX', 'MIGRATE', '0', GHOST]],
  ])('%s kills the process without a reply; nodes.conf keeps the last good dump', (_, argv) => {
    const c = withNullEntry();
    const before = c.node('kv1').disk.nodesConf;
    expect(c.run('kv1', ...argv)).toBe('');
    expect(c.node('kv1').running).toBe(false);
    expect(c.node('kv1').disk.nodesConf).toBe(before);
  });

  it('CLUSTER REPLICAS of a real master is fine', () => {
    const c = withNullEntry();
    expect(c.run('kv1', 'CLUSTER', 'REPLICAS', id('kv1'))).toContain(id('kv2'));
    expect(c.node('kv1').running).toBe(true);
  });

  it('with persist-cluster-nodes-enabled no, a successful SETSLOT does not dump and survives', () => {
    const c = withNullEntry();
    c.node('kv1').config.put('persist-cluster-nodes-enabled', 'no');
    expect(c.run('kv1', 'CLUSTERX', 'SETSLOT', '0', 'NODE', id('kv1'), '2')).toBe('OK');
    expect(c.node('kv1').running).toBe(true);
  });

  it('SETNODEID on a slave whose missing master got the entry reads its host and dies', () => {
    const c = new TestCluster();
    const master = 'f'.repeat(40);
    c.run('kv2', 'CLUSTERX', 'SETNODES', `${id('kv1')} 127.0.0.1 30001 master - 0-16383\n${id('kv2')} 127.0.0.1 30002 slave ${master}`, '1');
    c.node('kv2').config.put('persist-cluster-nodes-enabled', 'no');
    expect(c.run('kv2', 'CLUSTERX', 'SETSLOT', '0', 'NODE', master, '2')).toBe('(error) ERR No this node in the cluster');
    expect(c.run('kv2', 'CLUSTERX', 'SETNODEID', id('kv2'))).toBe('');
    expect(c.node('kv2').running).toBe(false);
  });

  it('SETNODES and CLUSTER RESET replace the node map: no crash afterwards', () => {
    const c = withNullEntry();
    expect(c.run('kv1', 'CLUSTERX', 'SETNODES', `${id('kv1')} 127.0.0.1 30001 master - 0-16383`, '2')).toBe('OK');
    expect(c.run('kv1', 'CLUSTER', 'NODES')).toContain('myself,master');
    expect(c.run('kv1', 'CLUSTERX', 'SETSLOT', '0', 'NODE', GHOST, '3')).toBe('(error) ERR No this node in the cluster');
    expect(c.run('kv1', 'CLUSTER', 'RESET')).toBe('OK');
    expect(c.run('kv1', 'CLUSTER', 'INFO')).toBe('CLUSTERDOWN The cluster is not initialized');
    expect(c.node('kv1').running).toBe(true);
  });

  it('the console shows what redis-cli shows: the connection closes, then nothing listens', () => {
    const s = new Session({ nodes: 1, seed: 1, mode: 'buggy' });
    s.run(`CLUSTERX SETNODES "${id('kv1')} 127.0.0.1 30001 master - 0-16383" 1`);
    s.run(`CLUSTERX SETSLOT 0 NODE ${GHOST} 2`);
    expect(s.run('CLUSTER NODES').output).toBe('Error: Server closed the connection');
    expect(s.run('PING')).toMatchObject({ prompt: 'not connected> ', output: 'Could not connect to Redis at 127.0.0.1:30001: Connection refused' });
  });

  it('a one-shot @node command that kills the node reports the failed retry', () => {
    const s = new Session({ nodes: 2, seed: 1, mode: 'buggy' });
    s.run(`@kv2 CLUSTERX SETNODES "${id('kv2')} 127.0.0.1 30002 master - 0-16383" 1`);
    s.run(`@kv2 CLUSTERX SETSLOT 0 NODE ${GHOST} 2`);
    expect(s.run('@kv2 CLUSTER NODES').output).toBe('Could not connect to Redis at 127.0.0.1:30002: Connection refused');
    expect(s.run('PING').output).toBe('PONG');
  });
});
