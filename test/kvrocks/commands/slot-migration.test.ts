// CLUSTERX MIGRATE and CLUSTER IMPORT past parsing: the checks before a migration or import starts,
// in upstream's order, and what starting one answers.
// Upstream: K-2024 src/cluster/cluster.cc MigrateSlotRange, ImportSlotRange; src/cluster/slot_import.cc.
import { describe, expect, it } from 'vitest';
import { id, TestCluster } from '../../support/cluster.ts';

const KV4 = 'b8428e27a6234cd9e1245e011005f72b95653846';
const TWO_MASTERS = [
  `${id('kv1')} 127.0.0.1 30001 master - 0-8191`,
  `${id('kv2')} 127.0.0.1 30002 master - 8192-16383`,
  `${id('kv3')} 127.0.0.1 30003 slave ${id('kv1')}`,
].join('\n');

function twoMasters(): TestCluster {
  const c = new TestCluster();
  c.push(TWO_MASTERS, 1, ['kv1', 'kv2', 'kv3']);
  c.wait(1000);
  return c;
}

describe('CLUSTERX MIGRATE execute checks', () => {
  it('before any topology the destination is unknown', () => {
    const c = new TestCluster();
    expect(c.run('kv1', 'CLUSTERX', 'MIGRATE', '0', id('kv2'))).toBe("(error) ERR Can't find the destination node id");
  });

  it.each([
    [['0', KV4], "Can't find the destination node id"],
    [['8192', id('kv2')], "Can't migrate slot which doesn't belong to me"],
    [['8000-8192', id('kv2')], "Can't migrate slot which doesn't belong to me"],
    // only the first range of the spec is migrated
    [['8192 0', id('kv2')], "Can't migrate slot which doesn't belong to me"],
    [['0', id('kv3')], "Can't migrate slot to a slave"],
    [['0-100', id('kv1'), 'sync'], "Can't migrate slot to myself"],
  ])('on the master: %j -> %s', (args, message) => {
    const c = twoMasters();
    expect(c.run('kv1', 'CLUSTERX', 'MIGRATE', ...args)).toBe(`(error) ERR ${message}`);
  });

  it('a slot that passes every check starts a job: async answers OK at once, sync when it is done', () => {
    const c = twoMasters();
    expect(c.run('kv1', 'CLUSTERX', 'MIGRATE', '0 8192', id('kv2'))).toBe('OK');
    c.wait(100);
    expect(c.run('kv1', 'CLUSTERX', 'MIGRATE', '1', id('kv2'), 'sync', '5')).toBe('OK');
  });

  it('a topology slave owns no slot', () => {
    const c = twoMasters();
    expect(c.run('kv3', 'CLUSTERX', 'MIGRATE', '0', id('kv2'))).toBe("(error) ERR Can't migrate slot which doesn't belong to me");
    expect(c.run('kv3', 'CLUSTERX', 'MIGRATE', '0', id('kv1'))).toBe("(error) ERR Can't migrate slot which doesn't belong to me");
  });

  it('a node missing from its topology: unassigned slots count as its own (both null), then it is not a master', () => {
    const c = new TestCluster();
    c.run('kv3', 'CLUSTERX', 'SETNODEID', KV4);
    c.run('kv3', 'CLUSTERX', 'SETNODES', `${id('kv1')} 127.0.0.1 30001 master - 0-100\n${id('kv2')} 127.0.0.1 30002 master - 200-300`, '1');
    expect(c.run('kv3', 'CLUSTERX', 'MIGRATE', '0', id('kv2'))).toBe("(error) ERR Can't migrate slot which doesn't belong to me");
    expect(c.run('kv3', 'CLUSTERX', 'MIGRATE', '150', id('kv2'))).toBe("(error) ERR Slave can't migrate slot");
  });
});

describe('CLUSTER IMPORT execute checks', () => {
  it('a node that is not a topology master cannot import', () => {
    const c = twoMasters();
    expect(c.run('kv3', 'CLUSTER', 'IMPORT', '150', '0')).toBe("(error) ERR Slave can't import slot");
    expect(new TestCluster().run('kv1', 'CLUSTER', 'IMPORT', '0', '0')).toBe("(error) ERR Slave can't import slot");
  });

  it.each([
    [['8192', '0'], "Can't import slot which belongs to me"],
    [['8192-8200', '0'], "Can't import slot which belongs to me"],
    [['0', '1'], 'mismatch slot, importing slot(s): -1, but got: 0'],
    [['0-5', '2'], 'mismatch slot, importing slot(s): -1, but got: 0-5'],
    [['0', '3'], 'Invalid import state'],
  ])('on a master: %j -> %s', (args, message) => {
    const c = twoMasters();
    expect(c.run('kv2', 'CLUSTER', 'IMPORT', ...args)).toBe(`(error) ERR ${message}`);
  });

  it('a start that passes every check answers OK (only the first range counts)', () => {
    const c = twoMasters();
    expect(c.run('kv2', 'CLUSTER', 'IMPORT', '0 8192', '0')).toBe('OK');
    expect(c.run('kv2', 'CLUSTER', 'INFO').split('\n').slice(-2)).toEqual(['importing_slot(s): 0', 'import_state: start']);
  });
});

describe('ASKING', () => {
  it('exists (arity 1) and answers OK', () => {
    const c = new TestCluster();
    expect(c.run('kv1', 'ASKING')).toBe('OK');
    expect(c.run('kv1', 'ASKING', 'x')).toBe('(error) ERR wrong number of arguments');
  });
});
