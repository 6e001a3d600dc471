// Replication ids (#462, PR #538), switch use-rsid-psync-538: the default of use-rsid-psync turned
// on for every node. Off, PSYNC compares sequences only; on, a master refuses a replica whose last
// batch carries another id. Checked against both builds with `use-rsid-psync yes` in kvrocks.conf.
import { describe, expect, it } from 'vitest';
import { Storage } from '../../../src/kvrocks/storage.ts';
import { bootstrapS1, shardLines, TestCluster } from '../../support/cluster.ts';
import { restart, syncStats } from '../../support/more.ts';

const RSID = 'buggy+use-rsid-psync-538';
const V2 = shardLines('kv2', ['kv1', 'kv3']);

const psyncsSent = (c: TestCluster, from: string) =>
  c.world.sim.trace.entries.flatMap((e) => (e.kind === 'message' && e.from === from && e.label.startsWith('PSYNC') ? [e.label] : []));

/** kv2 is promoted by a push kv1 misses; each takes one write to `k`; then kv1 gets v2 too. */
function splitAndRejoin(mode: string): TestCluster {
  const c = bootstrapS1(mode);
  c.run('kv1', 'SET', 'k', 'v0');
  c.wait(200);
  c.push(V2, 2, ['kv2', 'kv3']);
  c.wait(1000);
  c.run('kv1', 'SET', 'k', 'old');
  c.run('kv2', 'SET', 'k', 'new');
  c.push(V2, 2, ['kv1']);
  c.wait(1000);
  c.run('kv1', 'READONLY');
  return c;
}

describe('use-rsid-psync-538: the setting and the ids', () => {
  it('turns the default on (CONFIG GET), and off it stays no', () => {
    expect(new TestCluster(1, RSID).run('kv1', 'CONFIG', 'GET', 'use-rsid-psync')).toBe('1) "use-rsid-psync"\n2) "yes"');
    expect(new TestCluster(1, 'buggy').run('kv1', 'CONFIG', 'GET', 'use-rsid-psync')).toBe('1) "use-rsid-psync"\n2) "no"');
  });

  it('a node writes its new id at start: sequence 1 on a fresh node, one more at each restart', () => {
    const c = new TestCluster(1, RSID);
    expect(c.info('kv1', 'keyspace').sequence).toBe('1');
    expect(c.node('kv1').storage.replId).toMatch(/^[0-9A-Z]{16}$/);
    const first = c.node('kv1').storage.replId;
    restart(c, 'kv1');
    expect(c.info('kv1', 'keyspace').sequence).toBe('2');
    expect(c.node('kv1').storage.replId).not.toBe(first);
    expect(new TestCluster(1, 'buggy').info('kv1', 'keyspace').sequence).toBe('0');
  });

  it('every local write logs the id; a replica keeps its master\'s ids', () => {
    const c = bootstrapS1(RSID);
    c.run('kv1', 'SET', 'a', '1');
    c.wait(100);
    const kv1 = c.node('kv1').storage;
    const kv2 = c.node('kv2').storage;
    expect(kv1.replIdAt(kv1.latestSeq)).toBe(kv1.replId);
    expect(kv2.replIdAt(kv2.latestSeq)).toBe(kv1.replId);
    expect(kv2.propagatedReplId).toBe(kv1.replId);
  });

  it('fresh replicas send PSYNC <id> <seq>, are refused with the id error, and full-sync', () => {
    const c = bootstrapS1(RSID);
    const [first] = psyncsSent(c, 'kv2');
    expect(first).toMatch(/^PSYNC [0-9A-Z]{16} 2$/);
    expect(syncStats(c, 'kv1')).toEqual({ full: 2, partialOk: 2, partialErr: 2 });
    expect(c.info('kv2')).toMatchObject({ master_link_status: 'up', slave_repl_offset: '1' });
    // Off, the same bootstrap is a partial sync of the one-argument PSYNC.
    const off = bootstrapS1('buggy');
    expect(psyncsSent(off, 'kv2')).toEqual(['PSYNC 1']);
    expect(syncStats(off, 'kv1')).toEqual({ full: 0, partialOk: 2, partialErr: 0 });
  });

  it('RemoveMaster takes a new id (one sequence number) only with the setting on', () => {
    for (const [mode, added] of [[RSID, 1], ['buggy', 0]] as const) {
      const c = bootstrapS1(mode);
      const before = c.node('kv2').storage.latestSeq;
      c.push(V2, 2, ['kv2']);
      expect(c.node('kv2').storage.latestSeq).toBe(before + added);
    }
  });
});

describe('#462: same sequence, different data', () => {
  it('off: kv1 partially syncs at kv2\'s next sequence and keeps its own write', () => {
    const c = splitAndRejoin('buggy');
    expect(c.run('kv1', 'GET', 'k')).toBe('"old"');
    expect(c.run('kv2', 'GET', 'k')).toBe('"new"');
    expect(c.info('kv1', 'keyspace').sequence).toBe(c.info('kv2', 'keyspace').sequence);
    expect(syncStats(c, 'kv2')).toEqual({ full: 0, partialOk: 2, partialErr: 0 });
  });

  it('on: kv2 answers `wrong replication id of the last log`, kv1 full-syncs to kv2\'s data', () => {
    const c = splitAndRejoin(RSID);
    expect(c.run('kv1', 'GET', 'k')).toBe('"new"');
    expect(syncStats(c, 'kv2')).toEqual({ full: 1, partialOk: 2, partialErr: 1 });
    expect(c.world.sim.trace.entries.some((e) => e.kind === 'message' && e.from === 'kv2' && e.label === '-ERR')).toBe(true);
  });

  it('on: a replica whose history matches still partially syncs after a failover (kv3)', () => {
    const c = bootstrapS1(RSID);
    c.run('kv1', 'SET', 'k', 'v0');
    c.wait(200);
    const before = syncStats(c, 'kv1');
    c.push(V2, 2, ['kv2', 'kv3']);
    c.wait(500);
    expect(syncStats(c, 'kv2')).toEqual({ full: 0, partialOk: 1, partialErr: 0 });
    expect(before.full).toBe(2);
  });

  it('on: a restarted replica takes its own id, so it full-syncs; off it resumes', () => {
    for (const [mode, full] of [[RSID, 3], ['buggy', 0]] as const) {
      const c = bootstrapS1(mode);
      restart(c, 'kv3');
      c.wait(1000);
      expect(c.info('kv3').master_link_status).toBe('up');
      expect(syncStats(c, 'kv1').full).toBe(full);
    }
  });
});

describe('PSYNC from a console', () => {
  it('parses the sequence first, then the id length; checks the id only with the setting', () => {
    for (const mode of ['buggy', RSID]) {
      const c = new TestCluster(1, mode);
      expect(c.run('kv1', 'PSYNC', 'abc')).toBe('(error) ERR value is not an unsigned long long or out of range');
      expect(c.run('kv1', 'PSYNC', 'ABC', '5')).toBe('(error) ERR Wrong replication id length');
      expect(c.run('kv1', 'PSYNC', '0123456789ABCDEF', 'x')).toBe('(error) ERR value is not an unsigned long long or out of range');
      expect(c.run('kv1', 'PSYNC', '0123456789ABCDEF', '999')).toBe('(error) ERR sequence out of range, please use fullsync');
    }
    expect(new TestCluster(1, 'buggy').run('kv1', 'PSYNC', '0123456789ABCDEF', '2')).toBe('(error) ERR sequence out of range, please use fullsync');
    expect(new TestCluster(1, RSID).run('kv1', 'PSYNC', '0123456789ABCDEF', '2')).toBe('(error) ERR wrong replication id of the last log');
  });
});

describe('Storage: ids in the WAL and in checkpoints', () => {
  it('replIdAt reads the batch holding a sequence; none past the latest or before 0', () => {
    const s = new Storage();
    s.write([{ op: 'delete', key: 'a' }]);
    s.replId = 'AAAAAAAAAAAAAAAA';
    s.write([{ op: 'setReplId', replId: s.replId }], 1);
    s.write([{ op: 'delete', key: 'a' }, { op: 'delete', key: 'b' }], 2);
    expect([s.replIdAt(-1), s.replIdAt(0), s.replIdAt(1), s.replIdAt(2), s.replIdAt(4), s.replIdAt(5)]).toEqual(['', '', '', 'AAAAAAAAAAAAAAAA', 'AAAAAAAAAAAAAAAA', '']);
    expect(s.propagatedReplId).toBe('AAAAAAAAAAAAAAAA');
  });

  it('a checkpoint carries the id and the WAL since the process started; restoring it keeps both', () => {
    const s = new Storage();
    s.write([{ op: 'delete', key: 'a' }]);
    s.opened();
    s.replId = 'BBBBBBBBBBBBBBBB';
    s.write([{ op: 'setReplId', replId: s.replId }], 1);
    const checkpoint = s.checkpoint();
    expect(checkpoint.wal.map((b) => b.seq)).toEqual([2]);
    const replica = new Storage();
    replica.restore(checkpoint);
    expect(replica.propagatedReplId).toBe('BBBBBBBBBBBBBBBB');
    expect(replica.replIdAt(2)).toBe('BBBBBBBBBBBBBBBB');
    expect(replica.canServeFrom(2)).toBe(true);
  });
});
