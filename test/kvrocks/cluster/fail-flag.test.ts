// #3385 / PR #3386, switch fail-flag-3386: the role token `slave,fail` in SETNODES and CLUSTER NODES.
// Off (5fccd57c, both builds): an invalid role. On: a slave marked failed, printed after the role.
import { describe, expect, it } from 'vitest';
import { clusterNodesText, clusterReplicasText } from '../../../src/kvrocks/cluster/describe.ts';
import { dumpNodesConf } from '../../../src/kvrocks/cluster/nodes-conf.ts';
import { parseClusterNodes } from '../../../src/kvrocks/cluster/topology.ts';
import { ClusterState } from '../../../src/kvrocks/cluster/cluster-state.ts';
import { HOST, M, R1, R2, R2_ADDR } from './fixtures.ts';
import { bootstrapS1, id, shardLines, TestCluster } from '../../support/cluster.ts';

const FAIL = { failFlag: true };
const MARKED = [`${M} ${HOST} 30001 master - 0-16383`, `${R1} ${HOST} 30002 slave ${M}`, `${R2} ${HOST} 30003 slave,fail ${M}`].join('\n');

describe('parsing slave,fail', () => {
  it('off: every spelling is an invalid role', () => {
    for (const role of ['slave,fail', 'SLAVE,FAIL', 'replica,fail', 'master,fail', 'fail,slave']) {
      expect(parseClusterNodes(`${R2} ${HOST} 30003 ${role} ${M}`)).toEqual({ ok: false, error: 'Invalid cluster node role' });
    }
  });

  it('on: slave,fail (any case) is a slave marked failed; master,fail and replica,fail stay invalid', () => {
    const parsed = parseClusterNodes(MARKED, FAIL);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.topology.nodes.get(R2)).toMatchObject({ role: 'slave', masterId: M, failed: true });
    expect(parsed.topology.nodes.get(R1)?.failed).toBeUndefined();
    expect(parsed.topology.nodes.get(M)?.replicas).toContain(R2);
    expect(parseClusterNodes(`${R2} ${HOST} 30003 SLAVE,Fail ${M}`, FAIL).ok).toBe(true);
    expect(parseClusterNodes(`${M} ${HOST} 30001 master,fail - 0-16383`, FAIL)).toEqual({ ok: false, error: 'Invalid cluster node role' });
    expect(parseClusterNodes(`${R2} ${HOST} 30003 replica,fail ${M}`, FAIL)).toEqual({ ok: false, error: 'Invalid cluster node role' });
    // The master-id and slot checks still apply to a failed slave.
    expect(parseClusterNodes(`${R2} ${HOST} 30003 slave,fail -`, FAIL)).toEqual({ ok: false, error: 'Invalid cluster node id' });
    expect(parseClusterNodes(`${R2} ${HOST} 30003 slave,fail ${M} 5`, FAIL)).toEqual({ ok: false, error: 'Invalid cluster nodes info' });
  });

  it('keeps the two grammars apart in the parse memo', () => {
    expect(parseClusterNodes(MARKED, FAIL).ok).toBe(true);
    expect(parseClusterNodes(MARKED).ok).toBe(false);
    expect(parseClusterNodes(MARKED, FAIL).ok).toBe(true);
  });
});

describe('printing the flag', () => {
  const state = new ClusterState();
  state.setNodeId(R2);
  state.setClusterNodes(MARKED, 2, false, R2_ADDR, undefined, FAIL);

  it('CLUSTER NODES puts fail after the role: slave,fail, and myself,slave,fail on the node itself', () => {
    const lines = clusterNodesText(state, 1000).split('\n');
    expect(lines.find((l) => l.startsWith(R2))).toBe(`${R2} ${HOST}:30003@40003 myself,slave,fail ${M} 999 1000 2 connected`);
    expect(lines.find((l) => l.startsWith(R1))).toContain(` slave ${M} `);
  });

  it('CLUSTER REPLICAS and nodes.conf keep writing plain slave (PR #3386 names only SETNODES and CLUSTER NODES)', () => {
    const replicas = clusterReplicasText(state, M, 1000);
    expect(replicas.ok && replicas.text).toContain(`${R2} ${HOST}:30003@40003 slave ${M} `);
    expect(dumpNodesConf(state)).toContain(`node ${R2} ${HOST} 30003 slave ${M} \n`);
  });

  it('a failed slave that is myself still gets its role applied by the node', () => {
    const c = bootstrapS1('buggy+fail-flag-3386');
    const marked = `${shardLines('kv1', ['kv2'])}\n${id('kv3')} 127.0.0.1 30003 slave,fail ${id('kv1')}`;
    c.push(marked, 2, ['kv1', 'kv2', 'kv3']);
    c.wait(500);
    expect(c.info('kv3')).toMatchObject({ role: 'slave', master_link_status: 'up' });
    expect(c.run('kv1', 'CLUSTER', 'NODES')).toContain(`slave,fail ${id('kv1')}`);
  });

  it('off, SETNODES with the token answers the error and keeps version 1', () => {
    const c = bootstrapS1('buggy');
    const marked = `${shardLines('kv1', ['kv2'])}\n${id('kv3')} 127.0.0.1 30003 slave,fail ${id('kv1')}`;
    expect(c.run('kv1', 'CLUSTERX', 'SETNODES', marked, '2')).toBe('(error) ERR Invalid cluster node role');
    expect(c.run('kv1', 'CLUSTERX', 'VERSION')).toBe('"1"');
    expect(new TestCluster(1, 'fixed').run('kv1', 'CLUSTERX', 'SETNODES', marked, '2')).toBe('(error) ERR Invalid cluster node role');
  });
});

