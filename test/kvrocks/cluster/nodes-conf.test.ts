import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../../src/kvrocks/cluster/cluster-state.ts';
import { parseConfigLine } from '../../../src/kvrocks/cluster/config-line.ts';
import { clusterNodesText } from '../../../src/kvrocks/cluster/describe.ts';
import { dumpNodesConf, loadNodesConf, parseNodesConf } from '../../../src/kvrocks/cluster/nodes-conf.ts';
import { HOST, M, M_ADDR, R1, R1_ADDR, R2, bootstrappedS1, nodeId } from './fixtures.ts';

const A = nodeId('a');
const B = nodeId('b');

describe('dumpNodesConf', () => {
  it('writes version, id and node lines in node-map order (double space before slots, trailing spaces otherwise)', () => {
    expect(dumpNodesConf(bootstrappedS1(R1, R1_ADDR))).toBe(
      `version 1\nid ${R1}\n` +
        `node ${R2} ${HOST} 30003 slave ${M} \n` +
        `node ${R1} ${HOST} 30002 slave ${M} \n` +
        `node ${M} ${HOST} 30001 master -  0-16383\n`,
    );
  });

  it('writes an empty id, a slotless master and SETSLOT moves', () => {
    const state = new ClusterState();
    state.setClusterNodes(`${A} ${HOST} 1 master - 0-16383\n${B} ${HOST} 2 master -`, 4, false, M_ADDR);
    expect(dumpNodesConf(state)).toBe(`version 4\nid \nnode ${B} ${HOST} 2 master - \nnode ${A} ${HOST} 1 master -  0-16383\n`);
    state.setSlot([{ start: 5, end: 5 }], B, 5);
    expect(dumpNodesConf(state)).toContain(`node ${B} ${HOST} 2 master -  5\nnode ${A} ${HOST} 1 master -  0-4 6-16383\n`);
  });

  it('a SETNODEID before any SETNODES dumps version -1 and no nodes', () => {
    const state = new ClusterState();
    state.setNodeId(M);
    expect(dumpNodesConf(state)).toBe(`version -1\nid ${M}\n`);
  });
});

describe('parseNodesConf', () => {
  it('collects version, id and node lines into a payload', () => {
    expect(parseNodesConf(`version 7\nid ${M}\nnode ${A} h 1 master -  0-5\nnode ${B} h 2 slave ${A} \n`)).toEqual({
      ok: true,
      version: 7n,
      myId: M,
      payload: `${A} h 1 master -  0-5\n${B} h 2 slave ${A}\n`,
    });
  });

  it('defaults to version -1 and no id; skips blank, comment and key-only lines', () => {
    expect(parseNodesConf('\n# comment\nid \n   \nversion\n')).toEqual({ ok: true, version: -1n, myId: '', payload: '' });
  });

  it('reports the upstream errors', () => {
    expect(parseNodesConf('version 1\nfoo bar\n')).toEqual({ ok: false, error: 'unknown key: foo' });
    expect(parseNodesConf('id abc\n')).toEqual({ ok: false, error: 'Invalid cluster node id' });
    expect(parseNodesConf('version x\n')).toEqual({ ok: false, error: 'Invalid cluster version' });
    expect(parseNodesConf('node "abc\n')).toEqual({ ok: false, error: 'malformed line: config line ends unexpectedly in quoted string' });
    expect(parseNodesConf('node "a" b\n')).toEqual({ ok: false, error: 'malformed line: more than 2 item in config line' });
  });
});

describe('round trip', () => {
  const restart = (state: ClusterState, addr: { host: string; port: number }) => {
    const reloaded = new ClusterState();
    expect(loadNodesConf(reloaded, dumpNodesConf(state), addr).kind).toBe('applied');
    return reloaded;
  };

  const sortedLines = (text: string) => text.split('\n').sort();

  it('S1 on every node: same version, myid, myself and CLUSTER NODES lines after reload', () => {
    for (const [id, addr] of [[M, M_ADDR], [R1, R1_ADDR]] as const) {
      const state = bootstrappedS1(id, addr);
      const reloaded = restart(state, addr);
      expect(reloaded.version).toBe(1);
      expect(reloaded.myId).toBe(id);
      expect(reloaded.myself?.id).toBe(id);
      expect(sortedLines(clusterNodesText(reloaded, 5))).toEqual(sortedLines(clusterNodesText(state, 5)));
      expect(sortedLines(dumpNodesConf(reloaded))).toEqual(sortedLines(dumpNodesConf(state)));
    }
  });

  it('reloading inserts the nodes in file order, so the map may walk them in another order', () => {
    const reloaded = restart(bootstrappedS1(M, M_ADDR), M_ADDR);
    expect([...(reloaded.topology?.nodes.keys() ?? [])]).toEqual([M, R1, R2]);
  });

  it('keeps a stored myid even when host/port would match another line', () => {
    const state = bootstrappedS1(R1, R1_ADDR);
    const reloaded = restart(state, M_ADDR);
    expect(reloaded.myId).toBe(R1);
  });

  it('after SETSLOT', () => {
    const state = new ClusterState();
    state.setClusterNodes(`${A} ${HOST} 1 master - 0-16383\n${B} ${HOST} 2 master -\n${M} ${HOST} 3 slave ${A}`, 1, false, { host: HOST, port: 1 });
    state.setSlot([{ start: 100, end: 200 }], B, 2);
    const reloaded = restart(state, { host: HOST, port: 1 });
    expect(sortedLines(clusterNodesText(reloaded, 5))).toEqual(sortedLines(clusterNodesText(state, 5)));
  });

  it('a file written at version -1 does not load (startup fails with Invalid cluster version)', () => {
    const state = new ClusterState();
    state.setNodeId(M);
    const reloaded = new ClusterState();
    expect(loadNodesConf(reloaded, dumpNodesConf(state), M_ADDR)).toEqual({ kind: 'error', message: 'Invalid cluster version' });
    expect(reloaded.myId).toBe(M);
  });
});

describe('parseConfigLine', () => {
  it('handles comments, quotes, escapes and trimming', () => {
    expect(parseConfigLine('  key   value with spaces  \r')).toEqual({ ok: true, key: 'key', value: 'value with spaces' });
    expect(parseConfigLine('key value # comment')).toEqual({ ok: true, key: 'key', value: 'value' });
    expect(parseConfigLine('key "a\\tb\\"c" # x')).toEqual({ ok: true, key: 'key', value: 'a\tb"c' });
    expect(parseConfigLine("key 'x y'")).toEqual({ ok: true, key: 'key', value: 'x y' });
    expect(parseConfigLine('# only')).toEqual({ ok: true, key: '', value: '' });
    expect(parseConfigLine('key#x')).toEqual({ ok: true, key: 'key', value: '' });
  });
});
