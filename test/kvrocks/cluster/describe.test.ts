import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../../src/kvrocks/cluster/cluster-state.ts';
import {
  clusterInfoText,
  clusterNodesText,
  clusterReplicasText,
  clusterSlotsEntries,
} from '../../../src/kvrocks/cluster/describe.ts';
import { HOST, M, M_ADDR, R1, R1_ADDR, R2, S1_PAYLOAD, bootstrappedS1, nodeId } from './fixtures.ts';

const NOW = 1_700_000_000_000;
const A = nodeId('a');
const B = nodeId('b');

// libstdc++'s unordered_map walks the S1 ids as r2, r1, m (std-unordered-order.test.ts checks the order).
describe('S1 bootstrap: CLUSTER NODES / INFO / SLOTS / REPLICAS', () => {
  it('CLUSTER NODES on M, in node-map order', () => {
    expect(clusterNodesText(bootstrappedS1(M, M_ADDR), NOW)).toBe(
      `${R2} 127.0.0.1:30003@40003 slave ${M} 1699999999999 1700000000000 1 connected\n` +
        `${R1} 127.0.0.1:30002@40002 slave ${M} 1699999999999 1700000000000 1 connected\n` +
        `${M} 127.0.0.1:30001@40001 myself,master - 1699999999999 1700000000000 1 connected 0-16383\n`,
    );
  });

  it('CLUSTER NODES on R1 flags its own line', () => {
    const lines = clusterNodesText(bootstrappedS1(R1, R1_ADDR), NOW).split('\n');
    expect(lines[1]).toBe(`${R1} 127.0.0.1:30002@40002 myself,slave ${M} 1699999999999 1700000000000 1 connected`);
    expect(lines[2]).toBe(`${M} 127.0.0.1:30001@40001 master - 1699999999999 1700000000000 1 connected 0-16383`);
  });

  it('a single-master topology has 9 space-separated fields, the last `0-100\\n` (cluster_test.go)', () => {
    const state = new ClusterState();
    state.setClusterNodes(`${A} ${HOST} 30001 master - 0-100`, 2, false, M_ADDR);
    const fields = clusterNodesText(state, NOW).split(' ');
    expect(fields).toHaveLength(9);
    expect(fields[1]).toBe('127.0.0.1:30001@40001');
    expect(fields[2]).toBe('myself,master');
    expect(fields[8]).toBe('0-100\n');
  });

  it('CLUSTER INFO (CRLF, nine fields)', () => {
    expect(clusterInfoText(bootstrappedS1(M, M_ADDR))).toBe(
      'cluster_state:ok\r\ncluster_slots_assigned:16384\r\ncluster_slots_ok:16384\r\ncluster_slots_pfail:0\r\n' +
        'cluster_slots_fail:0\r\ncluster_known_nodes:3\r\ncluster_size:1\r\ncluster_current_epoch:1\r\ncluster_my_epoch:1\r\n',
    );
  });

  it('CLUSTER SLOTS lists [0,16383,[M],[R2],[R1]]: replicas in node-map order', () => {
    expect(clusterSlotsEntries(bootstrappedS1(M, M_ADDR))).toEqual([
      {
        start: 0,
        end: 16383,
        master: { host: HOST, port: 30001, id: M },
        replicas: [
          { host: HOST, port: 30003, id: R2 },
          { host: HOST, port: 30002, id: R1 },
        ],
      },
    ]);
  });

  it('CLUSTER REPLICAS', () => {
    const state = bootstrappedS1(R2, { host: HOST, port: 30003 });
    expect(clusterReplicasText(state, M, NOW)).toEqual({
      ok: true,
      text:
        `${R2} 127.0.0.1:30003@40003 slave ${M} 1699999999999 1700000000000 1 connected\n` +
        `${R1} 127.0.0.1:30002@40002 slave ${M} 1699999999999 1700000000000 1 connected\n`,
    });
    expect(clusterReplicasText(state, nodeId('ghost'), NOW)).toEqual({ ok: false, message: 'Invalid cluster node id' });
    expect(clusterReplicasText(state, R1, NOW)).toEqual({ ok: false, message: "The node isn't a master" });
  });
});

describe('CLUSTER NODES details', () => {
  it('no `myself` anywhere on a node missing from the topology (S2 pre-#2643)', () => {
    const state = bootstrappedS1(R2, { host: HOST, port: 30003 });
    state.setClusterNodes(`${M} ${HOST} 30001 master - 0-16383\n${R1} ${HOST} 30002 slave ${M}`, 2, false, { host: HOST, port: 30003 });
    const text = clusterNodesText(state, NOW);
    expect(text).not.toContain('myself');
    expect(text.split('\n')).toHaveLength(3);
    expect(text).toContain(' 2 connected');
  });

  it('prints a master without slots', () => {
    const state = new ClusterState();
    state.setClusterNodes(`${A} ${HOST} 30001 master -\n${B} ${HOST} 30002 slave ${A}`, 3, false, { host: HOST, port: 30002 });
    expect(clusterNodesText(state, 10)).toBe(
      `${B} 127.0.0.1:30002@40002 myself,slave ${A} 9 10 3 connected\n` + `${A} 127.0.0.1:30001@40001 master - 9 10 3 connected\n`,
    );
    expect(clusterInfoText(state)).toContain('cluster_slots_assigned:0\r\n');
    expect(clusterInfoText(state)).toContain('cluster_size:0\r\n');
  });

  it('reflects SETSLOT moves as runs (cluster_test.go)', () => {
    const state = new ClusterState();
    state.setClusterNodes(`${A} ${HOST} 30001 master - 0-16383\n${B} ${HOST} 30002 master -`, 1, false, M_ADDR);
    expect(state.setSlot([{ start: 3, end: 3 }, { start: 8194, end: 9999 }, { start: 10001, end: 10001 }], B, 2)).toEqual({ ok: true, migratedAway: [] });
    expect(state.setSlot([{ start: 11003, end: 16380 }], B, 3)).toEqual({ ok: true, migratedAway: [] });
    const [lineB, lineA] = clusterNodesText(state, NOW).split('\n');
    expect(lineA).toMatch(/ myself,master - .* 3 connected 0-2 4-8193 10000 10002-11002 16381-16383$/);
    expect(lineB).toMatch(/ master - .* connected 3 8194-9999 10001 11003-16380$/);
    expect(clusterSlotsEntries(state).map((e) => [e.start, e.end, e.master.id])).toEqual([
      [0, 2, A], [3, 3, B], [4, 8193, A], [8194, 9999, B], [10000, 10000, A], [10001, 10001, B],
      [10002, 11002, A], [11003, 16380, B], [16381, 16383, A],
    ]);
    // cluster_size is only recounted by SETNODES
    expect(clusterInfoText(state)).toContain('cluster_size:1\r\n');
  });

  it('stale owners: counted in INFO, split into their own runs, printed under a current master with their id', () => {
    const state = new ClusterState();
    state.setClusterNodes(`${A} ${HOST} 30001 master - 0-9\n${B} ${HOST} 30002 master - 10-19`, 1, false, M_ADDR);
    state.setClusterNodes(`${A} ${HOST} 30001 master - 0-4`, 2, false, M_ADDR);
    expect(clusterNodesText(state, NOW)).toBe(`${A} 127.0.0.1:30001@40001 myself,master - ${NOW - 1} ${NOW} 2 connected 0-4 5-9\n`);
    expect(clusterInfoText(state)).toContain('cluster_slots_assigned:20\r\ncluster_slots_ok:20\r\n');
    expect(clusterInfoText(state)).toContain('cluster_known_nodes:1\r\n');
    expect(clusterSlotsEntries(state).map((e) => [e.start, e.end, e.master.id, e.master.port])).toEqual([
      [0, 4, A, 30001], [5, 9, A, 30001], [10, 19, B, 30002],
    ]);
  });

  it('re-applying a memoised payload with force does not alias stale owners', () => {
    const state = new ClusterState();
    const first = `${A} ${HOST} 30001 master - 0-9`;
    state.setClusterNodes(first, 1, false, M_ADDR);
    state.setClusterNodes(first, 1, true, M_ADDR);
    expect(clusterNodesText(state, NOW)).toContain(' connected 0-9\n');
    state.setClusterNodes(`${A} ${HOST} 30001 master - 0-4`, 2, false, M_ADDR);
    state.setClusterNodes(first, 3, false, M_ADDR);
    expect(clusterNodesText(state, NOW)).toContain(' connected 0-9\n');
  });

  it('a memoised topology whose node still owns a stale slot is re-applied with fresh identities', () => {
    const state = new ClusterState();
    const first = `${A} ${HOST} 30001 master - 0-9`;
    state.setClusterNodes(first, 1, false, M_ADDR);
    state.setSlot([{ start: 10, end: 10 }], A, 2);
    state.setClusterNodes(`${A} ${HOST} 30001 master - 0-4`, 3, false, M_ADDR);
    state.setClusterNodes(first, 4, false, M_ADDR);
    // slot 10 still points at the v1 object; upstream's fresh v4 object is a different pointer
    expect(clusterNodesText(state, NOW)).toContain(' 4 connected 0-9 10\n');
    expect(state.ownerOfSlot(10)).not.toBe(state.topology?.nodes.get(A));
  });

  it('a failed SETSLOT to an unknown id counts in cluster_known_nodes', () => {
    const state = bootstrappedS1(M, M_ADDR);
    state.setSlot([{ start: 0, end: 0 }], nodeId('ghost'), 2);
    expect(clusterInfoText(state)).toContain('cluster_known_nodes:4\r\n');
    expect(clusterNodesText(state, NOW).split('\n')).toHaveLength(4);
  });

  it('S1 payload applied on a fresh node sees the same text whichever node it is', () => {
    const a = new ClusterState();
    a.setClusterNodes(S1_PAYLOAD, 1, false, M_ADDR);
    expect(clusterNodesText(a, NOW)).toBe(clusterNodesText(bootstrappedS1(M, M_ADDR), NOW));
  });
});
