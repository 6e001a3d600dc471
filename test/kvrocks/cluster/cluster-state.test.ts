import { describe, expect, it } from 'vitest';
import { ClusterState } from '../../../src/kvrocks/cluster/cluster-state.ts';
import { HOST, M, M_ADDR, R1, R1_ADDR, R2, R2_ADDR, S1_PAYLOAD, bootstrappedS1, nodeId, snapshotOf } from './fixtures.ts';

const A = nodeId('a');
const B = nodeId('b');
const TWO_MASTERS = `${A} ${HOST} 30001 master - 0-8191\n${B} ${HOST} 30002 master - 8192-16383`;

describe('ClusterState: fresh', () => {
  it('starts at version -1 with nothing known', () => {
    const state = new ClusterState();
    expect(state.version).toBe(-1);
    expect(state.myId).toBe('');
    expect(state.topology).toBeNull();
    expect(state.myself).toBeNull();
    expect(state.slotOwner).toHaveLength(16384);
    expect(state.slotOwner.every((owner) => owner === null)).toBe(true);
    expect(state.ownerOfSlot(0)).toBeNull();
  });
});

describe('ClusterState.setClusterNodes: version gate (runs before parsing)', () => {
  it('rejects a negative version, even with force', () => {
    const state = new ClusterState();
    expect(state.setClusterNodes(S1_PAYLOAD, -1, false, M_ADDR)).toEqual({ kind: 'error', message: 'Invalid cluster version' });
    expect(state.setClusterNodes(S1_PAYLOAD, -1, true, M_ADDR)).toEqual({ kind: 'error', message: 'Invalid cluster version' });
    expect(state.version).toBe(-1);
  });

  it('rejects a lower version without force', () => {
    const state = bootstrappedS1(M, M_ADDR);
    state.setClusterNodes(TWO_MASTERS, 2, false, M_ADDR);
    expect(state.setClusterNodes(S1_PAYLOAD, 1, false, M_ADDR)).toEqual({ kind: 'error', message: 'Invalid cluster version' });
    expect(state.version).toBe(2);
  });

  it('an equal version without force is a no-op, even with a broken payload (S4)', () => {
    const state = bootstrappedS1(M, M_ADDR);
    const before = snapshotOf(state);
    expect(state.setClusterNodes('not a payload at all', 1, false, M_ADDR)).toEqual({ kind: 'unchanged' });
    expect(state.setClusterNodes(TWO_MASTERS, 1, false, M_ADDR)).toEqual({ kind: 'unchanged' });
    expect(snapshotOf(state)).toEqual(before);
  });

  it('force applies lower and equal versions', () => {
    const state = bootstrappedS1(M, M_ADDR);
    state.setClusterNodes(S1_PAYLOAD, 5, false, M_ADDR);
    expect(state.setClusterNodes(TWO_MASTERS, 1, true, M_ADDR).kind).toBe('applied');
    expect(state.version).toBe(1);
    expect(state.topology?.nodes.has(B)).toBe(true);
    expect(state.setClusterNodes(S1_PAYLOAD, 1, true, M_ADDR).kind).toBe('applied');
    expect(state.topology?.nodes.has(R2)).toBe(true);
  });

  it('force still parses: a broken payload is an error and changes nothing', () => {
    const state = bootstrappedS1(M, M_ADDR);
    const before = snapshotOf(state);
    expect(state.setClusterNodes(`${A} h 1 boss -`, 7, true, M_ADDR)).toEqual({ kind: 'error', message: 'Invalid cluster node role' });
    expect(snapshotOf(state)).toEqual(before);
  });

  it('a higher version may skip versions (SETNODES is a full state)', () => {
    const state = bootstrappedS1(M, M_ADDR);
    expect(state.setClusterNodes(S1_PAYLOAD, 40, false, M_ADDR).kind).toBe('applied');
    expect(state.version).toBe(40);
  });
});

describe('ClusterState.setClusterNodes: myid and myself', () => {
  it('derives myid from host and port when myid is empty', () => {
    const state = new ClusterState();
    expect(state.setClusterNodes(S1_PAYLOAD, 1, false, R1_ADDR)).toEqual({ kind: 'applied', myself: state.topology?.nodes.get(R1) });
    expect(state.myId).toBe(R1);
    expect(state.myself?.id).toBe(R1);
  });

  it('does not re-derive myid without force, even if the id vanished', () => {
    const state = bootstrappedS1(R2, R2_ADDR);
    const withoutR2 = `${M} ${HOST} 30001 master - 0-16383\n${R1} ${HOST} 30002 slave ${M}`;
    expect(state.setClusterNodes(withoutR2, 2, false, R2_ADDR)).toEqual({ kind: 'applied', myself: null });
    expect(state.myId).toBe(R2);
    expect(state.myself).toBeNull();
  });

  it('re-derives myid with force, and keeps it when nothing matches', () => {
    const state = bootstrappedS1(nodeId('wrong'), R1_ADDR);
    expect(state.myself).toBeNull();
    expect(state.setClusterNodes(S1_PAYLOAD, 1, true, R1_ADDR)).toMatchObject({ kind: 'applied' });
    expect(state.myId).toBe(R1);
    expect(state.setClusterNodes(S1_PAYLOAD, 2, true, { host: HOST, port: 39999 }).kind).toBe('applied');
    expect(state.myId).toBe(R1);
  });

  it('matches the host against the bind addresses; a wildcard bind matches local addresses', () => {
    const payload = `${A} 10.0.0.5 30001 master - 0-16383`;
    const state = new ClusterState();
    state.setClusterNodes(payload, 1, false, { host: '10.0.0.5', port: 30001 });
    expect(state.myId).toBe('');
    state.setClusterNodes(payload, 2, false, { host: '10.0.0.5', port: 30001 }, ['10.0.0.5']);
    expect(state.myId).toBe(A);
    const wildcard = new ClusterState();
    wildcard.setClusterNodes(payload, 1, false, { host: '10.0.0.5', port: 30001 }, ['0.0.0.0']);
    expect(wildcard.myId).toBe(A);
  });

  it('takes the first matching line in node-map order (b before a), not payload order', () => {
    const state = new ClusterState();
    state.setClusterNodes(`${A} ${HOST} 30001 master - 0\n${B} ${HOST} 30001 master - 1`, 1, false, M_ADDR);
    expect(state.myId).toBe(B);
  });
});

describe('ClusterState.setClusterNodes: slot owners', () => {
  it('assigns listed slots to the parsed nodes', () => {
    const state = bootstrappedS1(M, M_ADDR);
    expect(state.ownerOfSlot(0)).toBe(state.topology?.nodes.get(M));
    expect(state.ownerOfSlot(16383)?.id).toBe(M);
  });

  it('keeps stale owner objects for slots the new payload does not list (§2.1 step 3)', () => {
    const state = bootstrappedS1(M, M_ADDR);
    const oldMaster = state.ownerOfSlot(100);
    state.setClusterNodes(`${M} ${HOST} 30001 master - 0-99\n${R1} ${HOST} 30002 slave ${M}`, 2, false, M_ADDR);
    expect(state.ownerOfSlot(99)).toBe(state.topology?.nodes.get(M));
    expect(state.ownerOfSlot(100)).toBe(oldMaster);
    expect(state.ownerOfSlot(100)).not.toBe(state.topology?.nodes.get(M));
  });

  it('never mutates the shared topology', () => {
    const a = bootstrappedS1(M, M_ADDR);
    const b = bootstrappedS1(R1, R1_ADDR);
    expect(a.topology).toBe(b.topology);
    expect(a.setSlot([{ start: 0, end: 5 }], M, 2)).toEqual({ ok: true, migratedAway: [] });
    expect(b.topology?.nodes.get(M)?.slots).toEqual([{ start: 0, end: 16383 }]);
  });
});

describe('ClusterState.setNodeId', () => {
  it('before any topology: myself stays null', () => {
    const state = new ClusterState();
    expect(state.setNodeId(M)).toEqual({ myself: null, topologyExists: false });
    expect(state.myId).toBe(M);
  });

  it('binds myself when the id is in the topology, else null', () => {
    const state = bootstrappedS1(M, M_ADDR);
    expect(state.setNodeId(R1)).toEqual({ myself: state.topology?.nodes.get(R1), topologyExists: true });
    expect(state.setNodeId(nodeId('ghost'))).toEqual({ myself: null, topologyExists: true });
    expect(state.myId).toBe(nodeId('ghost'));
  });
});

describe('ClusterState.setSlot', () => {
  const twoMasters = () => {
    const state = new ClusterState();
    state.setClusterNodes(`${TWO_MASTERS}\n${R1} ${HOST} 30003 slave ${A}`, 1, false, M_ADDR);
    return state;
  };

  it('needs exactly current+1 and >= 1 (S4)', () => {
    const state = twoMasters();
    expect(state.setSlot([{ start: 5, end: 5 }], B, 3)).toEqual({ ok: false, message: 'Invalid cluster version' });
    expect(state.setSlot([{ start: 5, end: 5 }], B, 1)).toEqual({ ok: false, message: 'Invalid cluster version' });
    expect(new ClusterState().setSlot([{ start: 5, end: 5 }], B, 0)).toEqual({ ok: false, message: 'Invalid cluster version' });
    expect(state.version).toBe(1);
  });

  it('checks the version before the node, then existence, then role', () => {
    const state = twoMasters();
    expect(state.setSlot([{ start: 5, end: 5 }], nodeId('ghost'), 9)).toEqual({ ok: false, message: 'Invalid cluster version' });
    expect(state.setSlot([{ start: 5, end: 5 }], 'short', 2)).toEqual({ ok: false, message: 'Invalid cluster node id' });
    expect(state.setSlot([{ start: 5, end: 5 }], nodeId('ghost'), 2)).toEqual({ ok: false, message: 'No this node in the cluster' });
    expect(state.setSlot([{ start: 5, end: 5 }], R1, 2)).toEqual({ ok: false, message: "The node isn't a master" });
    expect(state.version).toBe(1);
  });

  it('remembers an unknown target as a phantom entry until the next SETNODES', () => {
    const state = twoMasters();
    state.setSlot([{ start: 5, end: 5 }], nodeId('ghost'), 2);
    expect([...state.phantomNodeIds]).toEqual([nodeId('ghost')]);
    state.setClusterNodes(TWO_MASTERS, 2, false, M_ADDR);
    expect(state.phantomNodeIds.size).toBe(0);
  });

  it('moves the slots, bumps the version and leaves roles and cluster_size alone', () => {
    const state = twoMasters();
    const myselfBefore = state.myself;
    expect(state.setSlot([{ start: 0, end: 2 }, { start: 10000, end: 10000 }], B, 2)).toEqual({ ok: true, migratedAway: [] });
    expect(state.version).toBe(2);
    expect(state.ownerOfSlot(0)?.id).toBe(B);
    expect(state.ownerOfSlot(2)?.id).toBe(B);
    expect(state.ownerOfSlot(3)?.id).toBe(A);
    expect(state.ownerOfSlot(10000)?.id).toBe(B);
    expect(state.myself).toBe(myselfBefore);
    expect(state.topology?.clusterSize).toBe(2);
  });
});

describe('ClusterState.reset', () => {
  it('returns to the fresh state', () => {
    const state = bootstrappedS1(M, M_ADDR);
    state.setSlot([{ start: 1, end: 1 }], nodeId('ghost'), 2);
    state.reset();
    expect(snapshotOf(state)).toEqual(snapshotOf(new ClusterState()));
    expect(state.setClusterNodes(S1_PAYLOAD, 1, false, M_ADDR).kind).toBe('applied');
    expect(state.myId).toBe(M);
  });
});
