import { utf8ToBytes } from '../../../src/protocol/bytes.ts';
import { describe, expect, it } from 'vitest';
import { parseClusterNodes, withFreshNodeIdentities } from '../../../src/kvrocks/cluster/topology.ts';
import { HOST, M, R1, R2, S1_PAYLOAD, nodeId } from './fixtures.ts';

const A = nodeId('a');
const B = nodeId('b');

function errorOf(payload: string): string | undefined {
  const result = parseClusterNodes(payload);
  return result.ok ? undefined : result.error;
}

function topologyOf(payload: string) {
  const result = parseClusterNodes(payload);
  if (!result.ok) throw new Error(result.error);
  return result.topology;
}

describe('parseClusterNodes: grammar', () => {
  it('parses the S1 payload into three frozen nodes, kept in std::unordered_map order', () => {
    const topology = topologyOf(S1_PAYLOAD);
    expect([...topology.nodes.keys()]).toEqual([R2, R1, M]);
    expect(topology.nodes.get(M)).toEqual({
      id: M, host: HOST, port: 30001, role: 'master', masterId: null,
      slots: [{ start: 0, end: 16383 }], replicas: [R2, R1], order: 0,
    });
    expect(topology.nodes.get(R2)).toMatchObject({ role: 'slave', masterId: M, slots: [], replicas: [], order: 2 });
    expect(topology.assignments).toEqual([{ range: { start: 0, end: 16383 }, owner: M }]);
    expect(topology.clusterSize).toBe(1);
    expect(Object.isFrozen(topology)).toBe(true);
    expect(Object.isFrozen(topology.nodes.get(M))).toBe(true);
    expect(Object.isFrozen(topology.nodes.get(M)?.replicas)).toBe(true);
  });

  it('drops blank lines and repeated spaces', () => {
    const topology = topologyOf(`\n\n  ${A}   ${HOST}  1   master  -   5  \n\n`);
    expect(topology.nodes.get(A)).toMatchObject({ port: 1, slots: [{ start: 5, end: 5 }], order: 0 });
  });

  it('rejects a payload with no lines at all', () => {
    expect(errorOf('')).toBe('Invalid cluster nodes info');
    expect(errorOf('\n\n\n')).toBe('Invalid cluster nodes info');
  });

  it('accepts roles case-insensitively and `replica` as slave', () => {
    const topology = topologyOf(`${A} h 1 MaStEr -\n${B} h 2 REPLICA ${A}\n${M} h 3 Slave ${A}`);
    expect(topology.nodes.get(A)?.role).toBe('master');
    expect(topology.nodes.get(B)?.role).toBe('slave');
    expect(topology.nodes.get(A)?.replicas).toEqual([M, B]); // node-map order
  });

  it('rejects `slave,fail`, which only #3386 (2026) accepts', () => {
    expect(errorOf(`${A} h 1 master -\n${M} h 3 slave,fail ${A}`)).toBe('Invalid cluster node role');
  });

  it('takes a master without slots', () => {
    const topology = topologyOf(`${A} h 1 master -`);
    expect(topology.nodes.get(A)?.slots).toEqual([]);
    expect(topology.clusterSize).toBe(0);
  });
});

describe('parseClusterNodes: per-line checks in order', () => {
  it('1. fewer than 5 fields', () => {
    expect(errorOf(`${A} h 1 master`)).toBe('Invalid cluster nodes info');
    // a bad port is not looked at before the field count
    expect(errorOf(`${A} h x master`)).toBe('Invalid cluster nodes info');
  });

  it('2. node id must be exactly 40 bytes (length only, not hex)', () => {
    expect(errorOf(`${A}0 h 1 master -`)).toBe('Invalid cluster node id');
    expect(errorOf(`${A.slice(1)} h 1 master -`)).toBe('Invalid cluster node id');
    expect(errorOf(`${'z'.repeat(40)} h 1 master -`)).toBeUndefined();
    // 39 characters, 40 UTF-8 bytes
    expect(errorOf(`${utf8ToBytes('é')}${'z'.repeat(38)} h 1 master -`)).toBeUndefined();
    // id is checked before the port
    expect(errorOf(`short h x master -`)).toBe('Invalid cluster node id');
  });

  it('3. port must be a uint16 as strtoul reads it', () => {
    for (const bad of ['x', '65536', '-1', '1x', '0x10', '99999999999999999999']) {
      expect(errorOf(`${A} h ${bad} master -`), bad).toBe('Invalid cluster node port');
    }
    expect(topologyOf(`${A} h 65535 master -`).nodes.get(A)?.port).toBe(65535);
    expect(topologyOf(`${A} h +7 master -`).nodes.get(A)?.port).toBe(7);
    expect(topologyOf(`${A} h 007 master -`).nodes.get(A)?.port).toBe(7);
    expect(topologyOf(`${A} h -0 master -`).nodes.get(A)?.port).toBe(0);
    expect(topologyOf(`${A} h \t9 master -`).nodes.get(A)?.port).toBe(9);
    // port before role
    expect(errorOf(`${A} h x boss -`)).toBe('Invalid cluster node port');
  });

  it('4. role must be master, slave, replica or slave,fail', () => {
    for (const bad of ['boss', 'masters', 'replica,fail', 'master,fail', 'fail']) {
      expect(errorOf(`${A} h 1 ${bad} -`), bad).toBe('Invalid cluster node role');
    }
    // role before master id
    expect(errorOf(`${A} h 1 boss x`)).toBe('Invalid cluster node role');
  });

  it('5. master id field: `-` for a master, 40 bytes for a slave', () => {
    expect(errorOf(`${A} h 1 master ${B}`)).toBe('Invalid cluster node id');
    expect(errorOf(`${A} h 1 master --`)).toBe('Invalid cluster node id');
    expect(errorOf(`${A} h 1 slave -`)).toBe('Invalid cluster node id');
    expect(errorOf(`${A} h 1 slave short`)).toBe('Invalid cluster node id');
    // before the slave-with-slots check
    expect(errorOf(`${A} h 1 slave - 5`)).toBe('Invalid cluster node id');
  });

  it('6. slots on a slave line', () => {
    expect(errorOf(`${A} h 1 slave ${B} 5`)).toBe('Invalid cluster nodes info');
    expect(errorOf(`${A} h 1 slave ${B} junk`)).toBe('Invalid cluster nodes info');
  });

  it('7. slot tokens', () => {
    const master = `${A} h 1 master -`;
    expect(errorOf(`${master} 16384`)).toBe('Slot is out of range');
    expect(errorOf(`${master} x`)).toBe('Slot is out of range');
    expect(errorOf(`${master} 0-16384`)).toBe('Slot is out of range');
    expect(errorOf(`${master} 5-5`)).toBe('Slot is out of range');
    expect(errorOf(`${master} 6-5`)).toBe('Slot is out of range');
    expect(errorOf(`${master} 1-2-3`)).toBe('Slot is out of range');
    expect(errorOf(`${master} -`)).toBe('Slot is out of range');
    expect(errorOf(`${master} ${B}`)).toBe('Invalid nodes definition: Missing newline between node entries.');
    expect(errorOf(`${master} ${'ABCDEF0123'.repeat(4)}`)).toBe('Invalid nodes definition: Missing newline between node entries.');
    // 40 digits are also hex
    expect(errorOf(`${master} ${'1'.repeat(40)}`)).toBe('Invalid nodes definition: Missing newline between node entries.');
    expect(errorOf(`${master} 0-100 5`)).toBe('Slot distribution is overlapped');
    expect(errorOf(`${master} 0-100\n${B} h 2 master - 100-200`)).toBe('Slot distribution is overlapped');
    // the first failing token decides
    expect(errorOf(`${master} 0-100 50 x`)).toBe('Slot distribution is overlapped');
    expect(errorOf(`${master} x 0-100 50`)).toBe('Slot is out of range');
  });

  it('7. slot tokens upstream accepts although they look odd (empty pieces around `-` are dropped)', () => {
    const slotsOf = (tokens: string) => topologyOf(`${A} h 1 master - ${tokens}`).nodes.get(A)?.slots;
    expect(slotsOf('-5 7- 9--11 +12')).toEqual([
      { start: 5, end: 5 }, { start: 7, end: 7 }, { start: 9, end: 11 }, { start: 12, end: 12 },
    ]);
  });

  it('keeps `\\r`: CRLF payloads fail on the last token of each line', () => {
    expect(errorOf(`${A} h 1 master - 0-5\r\n${B} h 2 slave ${A}`)).toBe('Slot is out of range');
    expect(errorOf(`${A} h 1 master -\r\n`)).toBe('Invalid cluster node id');
    expect(errorOf(`${A} h 1 master - 1\n${B} h 2 slave ${A}\r`)).toBe('Invalid cluster node id');
  });

  it('reports the first bad line', () => {
    expect(errorOf(`${A} h x master -\n${B} h 1 boss -`)).toBe('Invalid cluster node port');
    expect(errorOf(`${A} h 1 master - 5\nshort`)).toBe('Invalid cluster nodes info');
  });
});

describe('parseClusterNodes: what is not validated', () => {
  it('a duplicate id: the later line replaces the earlier and keeps its slot claims', () => {
    const topology = topologyOf(`${A} h 1 master - 0-10\n${B} h 2 master - 11\n${A} h 9 master - 20`);
    expect([...topology.nodes.keys()]).toEqual([B, A]);
    expect(topology.nodes.get(A)).toMatchObject({ port: 9, order: 2, slots: [{ start: 20, end: 20 }] });
    expect(topology.assignments.map((a) => a.owner)).toEqual([A, B, A]);
    // the duplicate may not claim its own earlier slots again
    expect(errorOf(`${A} h 1 master - 0-10\n${A} h 9 master - 5`)).toBe('Slot distribution is overlapped');
  });

  it('a slave of an unknown master, a slave of a slave, unassigned slots', () => {
    const topology = topologyOf(`${A} h 1 master - 0\n${B} h 2 slave ${M}\n${R1} h 3 slave ${B}`);
    expect(topology.nodes.get(A)?.replicas).toEqual([]);
    expect(topology.nodes.get(B)?.replicas).toEqual([R1]);
  });

  it('a 40-character id that is not hex', () => {
    expect(errorOf(`${'-'.repeat(40)} h 1 master -`)).toBeUndefined();
  });
});

describe('parseClusterNodes: memo and identity', () => {
  it('returns the same frozen topology for the same payload', () => {
    expect(topologyOf(S1_PAYLOAD)).toBe(topologyOf(S1_PAYLOAD));
  });

  it('forgets old payloads after four others', () => {
    const first = topologyOf(`${A} h 1 master - 1`);
    for (let i = 2; i <= 5; i++) topologyOf(`${A} h ${i} master - 1`);
    const again = topologyOf(`${A} h 1 master - 1`);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('withFreshNodeIdentities copies nodes, equal but not identical', () => {
    const topology = topologyOf(S1_PAYLOAD);
    const fresh = withFreshNodeIdentities(topology);
    expect(fresh).toEqual(topology);
    expect(fresh.nodes.get(M)).not.toBe(topology.nodes.get(M));
    expect(Object.isFrozen(fresh.nodes.get(M))).toBe(true);
  });
});
