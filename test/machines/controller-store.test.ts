import { describe, expect, it } from 'vitest';
import { bulk, error, integer } from '../../src/protocol/reply.ts';
import {
  clusterModeError,
  parseClusterCounts,
  parseClusterEpoch,
  parseClusterNodes,
  parseNodeInfo,
  parseSlotRange,
  probeVersion,
} from '../../src/machines/controller-parse.ts';
import {
  changeStore,
  createCluster,
  promoteNewMaster,
  removeNode,
  splitSlots,
  toNodesPayload,
  type NodeInfo,
  type PromotionRules,
  type StoredCluster,
} from '../../src/machines/controller-store.ts';

const id = (c: string) => c.repeat(40);
const [M, R1, R2] = [id('m'), id('a'), id('b')];
const ADDRS = ['127.0.0.1:30001', '127.0.0.1:30002', '127.0.0.1:30003'];

function threeNodeCluster(): StoredCluster {
  const made = createCluster('lab', ADDRS, 3, [M, R1, R2]);
  if (!made.ok) throw new Error(made.error);
  return made.cluster;
}

const infos = (entries: Record<string, NodeInfo>) => new Map(Object.entries(entries));
const slave = (sequence: number): NodeInfo => ({ role: 'slave', sequence });

describe('createCluster (store/cluster.go NewCluster)', () => {
  it('makes version 1 with the first node of each group as master and all slots on it', () => {
    const cluster = threeNodeCluster();
    expect(cluster.version).toBe(1);
    expect(cluster.shards).toHaveLength(1);
    expect(cluster.shards[0]!.nodes.map((n) => [n.id, n.host, n.port, n.role])).toEqual([
      [M, '127.0.0.1', 30001, 'master'],
      [R1, '127.0.0.1', 30002, 'slave'],
      [R2, '127.0.0.1', 30003, 'slave'],
    ]);
    expect(cluster.shards[0]!.slotRanges).toEqual([{ start: 0, end: 16383 }]);
  });

  it('splits slots evenly, the last shard taking the remainder (CalculateSlotRanges)', () => {
    expect(splitSlots(3)).toEqual([
      { start: 0, end: 5460 },
      { start: 5461, end: 10921 },
      { start: 10922, end: 16383 },
    ]);
    const made = createCluster('c', ['h:1', 'h:2', 'h:3', 'h:4'], 2);
    expect(made.ok && made.cluster.shards.map((s) => [s.nodes.map((n) => n.role), s.slotRanges])).toEqual([
      [['master', 'slave'], [{ start: 0, end: 8191 }]],
      [['master', 'slave'], [{ start: 8192, end: 16383 }]],
    ]);
  });

  it('treats replicas 0 as 1 and gives stable 40-character ids', () => {
    const a = createCluster('c', ['h:1', 'h:2'], 0);
    const b = createCluster('c', ['h:1', 'h:2'], 0);
    expect(a.ok && a.cluster.shards.length).toBe(2);
    expect(a.ok && a.cluster.shards[0]!.nodes[0]!.id).toHaveLength(40);
    expect(a).toEqual(b);
  });

  it('refuses bad input with the upstream texts', () => {
    expect(createCluster('c', [], 1)).toEqual({ ok: false, error: 'cluster nodes should NOT be empty' });
    expect(createCluster('c', ['h:1'], -1)).toEqual({ ok: false, error: 'replicas should NOT be less than 0' });
    expect(createCluster('c', ['h:1', 'h:2', 'h:3'], 2)).toEqual({ ok: false, error: 'cluster nodes should be divisible by replicas' });
    expect(createCluster('c', ['nohost'], 1)).toEqual({ ok: false, error: 'invalid node address: nohost' });
  });
});

describe('toNodesPayload (store/cluster_shard.go ToSlotsString)', () => {
  it('prints the master line with its ranges, then slave lines, each ending in \\n', () => {
    expect(toNodesPayload(threeNodeCluster())).toBe(
      `${M} 127.0.0.1 30001 master - 0-16383\n${R1} 127.0.0.1 30002 slave ${M}\n${R2} 127.0.0.1 30003 slave ${M}\n`,
    );
  });

  it('prints a single-slot range as N, keeps the space of a slotless master, marks failed slaves', () => {
    const cluster: StoredCluster = {
      name: 'c',
      version: 4,
      shards: [
        { nodes: [{ id: M, host: 'h', port: 1, role: 'master' }], slotRanges: [{ start: 5, end: 5 }, { start: 7, end: 100 }] },
        { nodes: [{ id: R1, host: 'h', port: 2, role: 'master' }, { id: R2, host: 'h', port: 3, role: 'slave', failed: true }], slotRanges: [] },
      ],
    };
    expect(toNodesPayload(cluster)).toBe(`${M} h 1 master - 5 7-100\n${R1} h 2 master - \n${R2} h 3 slave,fail ${R1}\n`);
  });

  it('prints nodes in stored order, so a demoted master comes first as a slave', () => {
    const promoted = promoteNewMaster(threeNodeCluster(), 0, infos({ [R1]: slave(3), [R2]: slave(1) }));
    expect(promoted.ok && toNodesPayload(promoted.cluster)).toBe(
      `${M} 127.0.0.1 30001 slave ${R1}\n${R1} 127.0.0.1 30002 master - 0-16383\n${R2} 127.0.0.1 30003 slave ${R1}\n`,
    );
  });
});

describe('removeNode (store/cluster_shard.go removeNode)', () => {
  it('drops a replica and bumps the version', () => {
    const removed = removeNode(threeNodeCluster(), R2);
    expect(removed.ok && removed.cluster.version).toBe(2);
    expect(removed.ok && removed.cluster.shards[0]!.nodes.map((n) => n.id)).toEqual([M, R1]);
  });

  it('refuses the master and unknown ids', () => {
    expect(removeNode(threeNodeCluster(), M)).toEqual({ ok: false, error: 'cannot remove master node: invalid argument' });
    expect(removeNode(threeNodeCluster(), id('z'))).toEqual({ ok: false, error: 'not found' });
  });
});

describe('promoteNewMaster (store/cluster_shard.go getNewMasterNodeIndex)', () => {
  const cluster = threeNodeCluster();
  const NOW: PromotionRules = { skipUnready: true, emptyShard: true };
  const newMaster = (found: ReadonlyMap<string, NodeInfo>, masterId?: string, rules?: PromotionRules) => {
    const p = promoteNewMaster(cluster, 0, found, masterId, rules);
    return p.ok ? p.newMasterId : p.error;
  };

  it('picks the slave with the highest sequence and swaps roles, version + 1', () => {
    const p = promoteNewMaster(cluster, 0, infos({ [M]: slave(50), [R1]: slave(40), [R2]: slave(45) }));
    expect(p.ok && p.cluster.version).toBe(2);
    expect(p.ok && p.cluster.shards[0]!.nodes.map((n) => n.role)).toEqual(['slave', 'slave', 'master']);
    expect(p.ok && [p.oldMasterId, p.newMasterId]).toEqual([M, R2]);
  });

  it('lets a later node win a tie', () => expect(newMaster(infos({ [R1]: slave(9), [R2]: slave(9) }))).toBe(R2));

  it('before #340 takes any node that answered INFO, whatever its role or sequence', () => {
    expect(newMaster(infos({ [R1]: { role: 'master', sequence: 99 }, [R2]: slave(3) }))).toBe(R1);
    expect(newMaster(infos({ [M]: { role: 'master', sequence: 100 }, [R1]: slave(0), [R2]: { role: '', sequence: 0 } }))).toBe(R2);
    expect(newMaster(infos({}))).toBe('no match new master in shard');
  });

  it('with #340 skips a node whose INFO does not say role:slave, and nodes that did not answer', () => {
    expect(newMaster(infos({ [R1]: { role: 'master', sequence: 99 }, [R2]: slave(3) }), '', NOW)).toBe(R2);
    expect(newMaster(infos({ [R1]: slave(3) }), '', NOW)).toBe(R1);
    expect(newMaster(infos({}), '', NOW)).toBe('no match new master in shard');
  });

  it('with #340 skips sequence 0; with #377 unless the master is at 0 too (#366)', () => {
    const only340: PromotionRules = { skipUnready: true, emptyShard: false };
    expect(newMaster(infos({ [M]: { role: 'master', sequence: 0 }, [R1]: slave(0), [R2]: slave(0) }), '', only340)).toBe('no match new master in shard');
    expect(newMaster(infos({ [M]: { role: 'master', sequence: 100 }, [R1]: slave(0), [R2]: slave(0) }), '', NOW)).toBe('no match new master in shard');
    expect(newMaster(infos({ [M]: { role: 'master', sequence: 0 }, [R1]: slave(0), [R2]: slave(0) }), '', NOW)).toBe(R2);
    // An unreachable master has no sequence: it counts as 0.
    expect(newMaster(infos({ [R1]: slave(0) }), '', NOW)).toBe(R1);
  });

  it('refuses like upstream before asking anyone', () => {
    expect(promoteNewMaster(cluster, 3, infos({}))).toEqual({ ok: false, error: 'index out of range' });
    expect(newMaster(infos({ [R1]: slave(1) }), R1)).toBe('the old node is not master');
    const single = createCluster('c', ['h:1'], 1);
    expect(single.ok && promoteNewMaster(single.cluster, 0, infos({}))).toEqual({ ok: false, error: 'no replica in shard' });
  });
});

describe('reading replies (store/cluster_node.go, controller/cluster.go probeNode)', () => {
  it('reads cluster_current_epoch from CRLF lines, -1 when absent, null when malformed', () => {
    expect(parseClusterEpoch('cluster_state:ok\r\ncluster_current_epoch:7\r\ncluster_my_epoch:7\r\nmigrating_state: none\r\n')).toBe(7);
    expect(parseClusterEpoch('cluster_state:ok\r\n')).toBe(-1);
    expect(parseClusterEpoch('cluster_current_epoch:x\r\n')).toBeNull();
  });

  it('reads cluster_known_nodes and cluster_slots_ok (PR #400), -1 when absent, null when malformed', () => {
    expect(parseClusterCounts('cluster_state:ok\r\ncluster_slots_ok:16384\r\ncluster_known_nodes:3\r\n')).toEqual({ knownNodes: 3, slotsOk: 16384 });
    expect(parseClusterCounts('cluster_state:ok\r\n')).toEqual({ knownNodes: -1, slotsOk: -1 });
    expect(parseClusterCounts('cluster_known_nodes:x\r\n')).toBeNull();
  });

  it('reads role and sequence from INFO', () => {
    const info = '# Replication\r\nrole:slave\r\nmaster_host:127.0.0.1\r\nmaster_port:30001\r\n# Keyspace\r\nsequence:42\r\n';
    expect(parseNodeInfo(info)).toEqual({ role: 'slave', sequence: 42 });
    expect(parseNodeInfo('# Replication\r\n')).toEqual({ role: '', sequence: 0 });
    expect(parseNodeInfo('sequence:-1\r\n')).toBeNull();
  });

  it('classifies a probe reply', () => {
    expect(probeVersion(bulk('cluster_current_epoch:3\r\n'))).toBe(3);
    expect(probeVersion(error('CLUSTERDOWN The cluster is not initialized'))).toBe(-1);
    expect(probeVersion(error('ERR CLUSTERDOWN The cluster is not initialized'))).toBe(-1);
    expect(probeVersion(error('LOADING kvrocks is restoring the db from backup'))).toBe('loading');
    expect(probeVersion(null)).toEqual({ failed: 'unreachable' });
    expect(probeVersion(error('ERR Cluster mode is not enabled'))).toEqual({ failed: 'ERR Cluster mode is not enabled' });
    expect(probeVersion(integer(1))).toEqual({ failed: 'unexpected reply' });
  });

  it('lets only nodes at version -1 join a new cluster (CheckClusterMode)', () => {
    expect(clusterModeError('h:1', error('CLUSTERDOWN The cluster is not initialized'))).toBeNull();
    expect(clusterModeError('h:1', bulk('cluster_current_epoch:1\r\n'))).toBe('node is already in cluster mode');
    expect(clusterModeError('h:1', null)).toBe('error while checking node cluster mode: h:1: unreachable');
  });

  it('parses slot ranges like store/slot.go ParseSlotRange', () => {
    expect(parseSlotRange('5')).toEqual({ start: 5, end: 5 });
    expect(parseSlotRange('0-100')).toEqual({ start: 0, end: 100 });
    expect(parseSlotRange('9-3')).toBe('start slot id greater than stop slot id');
    expect(parseSlotRange('1-2-3')).toBe('invalid argument, cannot have more than one range');
    expect(parseSlotRange('16384')).toBe('slot id was out of range, should be between 0 and 16383');
  });
});

describe('parseClusterNodes (store/cluster.go ParseCluster)', () => {
  const text =
    `${R1} 127.0.0.1:30002@40002 slave ${M} 999 1000 5 connected\n` +
    `${id('x')} 127.0.0.1:30004@40004 myself,master - 999 1000 5 connected 10000-16383\n` +
    `${M} 127.0.0.1:30001@40001 master - 999 1000 5 connected 0-9998 9999\n` +
    `${R2} 127.0.0.1:30003@40003 slave,fail ${id('x')} 999 1000 5 connected\n`;

  it('makes one shard per master sorted by first slot, slaves appended, at the node version', () => {
    const parsed = parseClusterNodes(text, 'lab');
    expect(parsed).toEqual({
      ok: true,
      cluster: {
        name: 'lab',
        version: 5,
        shards: [
          {
            nodes: [
              { id: M, host: '127.0.0.1', port: 30001, role: 'master' },
              { id: R1, host: '127.0.0.1', port: 30002, role: 'slave' },
            ],
            slotRanges: [{ start: 0, end: 9998 }, { start: 9999, end: 9999 }],
          },
          {
            nodes: [
              { id: id('x'), host: '127.0.0.1', port: 30004, role: 'master' },
              { id: R2, host: '127.0.0.1', port: 30003, role: 'slave', failed: true },
            ],
            slotRanges: [{ start: 10000, end: 16383 }],
          },
        ],
      },
    });
  });

  it('fails on short lines, bad versions and migration annotations', () => {
    expect(parseClusterNodes('', 'c')).toEqual({ ok: false, error: 'cluster nodes string error' });
    expect(parseClusterNodes(`${M} h:1@2 master -\n`, 'c')).toEqual({ ok: false, error: `require at least 7 fields, node info[${M} h:1@2 master -]` });
    expect(parseClusterNodes(`${M} h:1@2 master - 1 2 x connected\n`, 'c').ok).toBe(false);
    expect(parseClusterNodes(`${M} h:1@2 myself,master - 1 2 3 connected 0-5 [6->-${R1}]\n`, 'c').ok).toBe(false);
  });
});

describe('changeStore (store/store.go)', () => {
  it('creates once, refuses a second cluster', () => {
    const cluster = threeNodeCluster();
    expect(changeStore(null, { kind: 'create', cluster }).ok).toBe(true);
    expect(changeStore(cluster, { kind: 'create', cluster })).toEqual({ ok: false, error: 'cluster: already exists' });
  });

  it('refuses a promotion computed on an older version', () => {
    const basis = threeNodeCluster();
    const stored = { ...basis, version: 2 };
    const request = { kind: 'promote', basis, shard: 0, infos: infos({ [R1]: slave(1) }), masterId: M } as const;
    expect(changeStore(stored, request)).toEqual({ ok: false, error: 'the cluster has been updated by others' });
    expect(changeStore(basis, request)).toMatchObject({ ok: true, promoted: R1 });
  });

  it('adopts a node view at its own version, never an older one', () => {
    const nodes = `${M} 127.0.0.1:30001@40001 master - 1 2 3 connected 0-16383\n`;
    expect(changeStore(threeNodeCluster(), { kind: 'adopt', text: nodes })).toMatchObject({ ok: true, cluster: { name: 'lab', version: 3 } });
    expect(changeStore({ ...threeNodeCluster(), version: 4 }, { kind: 'adopt', text: nodes })).toEqual({
      ok: false,
      error: 'the cluster has been updated by others',
    });
  });
});
