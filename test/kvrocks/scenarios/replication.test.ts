// Replication as it runs: kvrocks-semantics §3 (ReplicationThread, feed threads, PSYNC), §4 (INFO, ROLE),
// §1.11 (routing on replicas) and §7 S7, S9, S12. Upstream: K-2024 src/cluster/replication.cc,
// src/server/server.cc (GetReplicationInfo, KillClient), src/server/redis_connection.cc.
import { describe, expect, it } from 'vitest';
import { bootstrapS1, id, shardLines, TestCluster } from '../../support/cluster.ts';
import {
  connectAttempts,
  crash,
  eventTimes,
  listedPorts,
  restart,
  slaveLines,
  syncStats,
  waitUntil,
} from '../../support/more.ts';

const S1 = shardLines('kv1', ['kv2', 'kv3']);

/** Two keys in one slot (hash tag), so multi-key commands route to one node. */
const K1 = '{t}a';
const K2 = '{t}b';

describe('replicated writes and offsets (§4.1: offsets are RocksDB sequence numbers)', () => {
  it('a SET advances master_repl_offset by one; the feed sends it at its next 2 ms poll, the replica applies it a link latency later', () => {
    const c = bootstrapS1();
    expect(c.run('kv1', 'SET', 'greeting', 'hello')).toBe('OK');
    expect(c.info('kv1').master_repl_offset).toBe('1');
    // Not sent yet: the feed thread sleeps usleep(2000) between looks at the WAL (the real builds
    // show offset=0,lag=1 right after a SET, too).
    expect(slaveLines(c, 'kv1')).toEqual(listedPorts(c, 'kv1').map((port) => `ip=127.0.0.1,port=${port},offset=0,lag=1`));
    expect(c.info('kv2').slave_repl_offset).toBe('0');
    c.wait(10);
    // offset= is the last sequence SENT by the feed thread, not an acknowledgement.
    expect(slaveLines(c, 'kv1')).toEqual(listedPorts(c, 'kv1').map((port) => `ip=127.0.0.1,port=${port},offset=1,lag=0`));
    expect(c.info('kv2')).toMatchObject({ slave_repl_offset: '1', master_repl_offset: '1' });
    expect(c.info('kv3', 'keyspace').sequence).toBe('1');
    expect(c.run('kv2', 'ROLE').split('\n')[4]).toBe('5) "1"');
  });

  it('one write batch of two deletes advances the sequence by two', () => {
    const c = bootstrapS1();
    c.run('kv1', 'SET', K1, '1');
    c.run('kv1', 'SET', K2, '2');
    expect(c.run('kv1', 'DEL', K1, K2, '{t}missing')).toBe('(integer) 2');
    expect(c.info('kv1').master_repl_offset).toBe('4');
    c.wait(10);
    expect(c.info('kv3').slave_repl_offset).toBe('4');
  });

  it('DEL of missing keys writes nothing: the sequence and every offset stay put', () => {
    const c = bootstrapS1();
    c.run('kv1', 'SET', K1, '1');
    c.wait(10);
    expect(c.run('kv1', 'DEL', '{t}nope', '{t}never')).toBe('(integer) 0');
    expect(c.run('kv1', 'DEL', K2)).toBe('(integer) 0');
    c.wait(10);
    expect(c.info('kv1').master_repl_offset).toBe('1');
    expect(c.info('kv2').slave_repl_offset).toBe('1');
    expect(c.node('kv1').storage.wal).toHaveLength(1);
  });

  it('partitioned replica: offset= still advances (sent into the socket) and lag=0, while the replica stays behind and goes silent', () => {
    const c = bootstrapS1();
    c.world.partition(c.node('kv1'), c.node('kv2'));
    c.run('kv1', 'SET', K1, '1');
    c.run('kv1', 'SET', K2, '2');
    c.wait(5000);
    expect(slaveLines(c, 'kv1')).toEqual(listedPorts(c, 'kv1').map((port) => `ip=127.0.0.1,port=${port},offset=2,lag=0`));
    const kv2 = c.info('kv2');
    expect(kv2).toMatchObject({ role: 'slave', master_link_status: 'up', slave_repl_offset: '0' });
    expect(Number(kv2.master_last_io_seconds_ago)).toBeGreaterThanOrEqual(5);
    expect(c.info('kv3').slave_repl_offset).toBe('2');
    c.world.heal();
    c.wait(10);
    expect(c.info('kv2')).toMatchObject({ slave_repl_offset: '2', master_last_io_seconds_ago: '0' });
  });
});

describe('routing on replicas (§1.11)', () => {
  it('a replica answers MOVED for reads of its master\'s slots until the connection sends READONLY; READWRITE undoes it', () => {
    const c = bootstrapS1();
    c.run('kv1', 'SET', 'greeting', 'hello');
    c.wait(10);
    expect(c.run('kv2', 'GET', 'greeting')).toBe('(error) MOVED 12714 127.0.0.1:30001');
    expect(c.run('kv2', 'READONLY')).toBe('OK');
    expect(c.run('kv2', 'GET', 'greeting')).toBe('"hello"');
    expect(c.run('kv2', 'EXISTS', 'greeting', 'greeting')).toBe('(integer) 2');
    expect(c.run('kv2', 'READWRITE')).toBe('OK');
    expect(c.run('kv2', 'GET', 'greeting')).toBe('(error) MOVED 12714 127.0.0.1:30001');
  });

  it('writes on a replica are MOVED by slot routing first, READONLY connection or not', () => {
    const c = bootstrapS1();
    c.run('kv2', 'READONLY');
    expect(c.run('kv2', 'SET', 'greeting', 'x')).toBe('(error) MOVED 12714 127.0.0.1:30001');
    expect(c.run('kv2', 'DEL', 'greeting')).toBe('(error) MOVED 12714 127.0.0.1:30001');
    expect(c.run('kv2', 'SET', K1, 'x', 'XX', 'NX')).toBe('(error) ERR syntax error');
    expect(c.info('kv2').master_repl_offset).toBe('0');
  });

  it('a replica that owns the slot in its topology refuses writes with READONLY (slave-read-only yes), serves reads', () => {
    const c = bootstrapS1();
    const [m, r] = [id('kv1'), id('kv2')];
    // A duplicate id: the first line's slot claims stay and resolve to the later (slave) line's node.
    const payload = [`${r} 127.0.0.1 30002 master - 0-16383`, `${m} 127.0.0.1 30001 master -`, `${r} 127.0.0.1 30002 slave ${m}`].join('\n');
    expect(c.run('kv2', 'CLUSTERX', 'SETNODES', payload, '2')).toBe('OK');
    expect(c.run('kv2', 'SET', 'greeting', 'x')).toBe("(error) READONLY You can't write against a read only slave.");
    expect(c.run('kv2', 'GET', 'greeting')).toBe('(nil)');
    expect(c.run('kv2', 'CONFIG', 'SET', 'slave-read-only', 'no')).toBe('OK');
    expect(c.run('kv2', 'SET', 'greeting', 'x')).toBe('OK');
  });

  it('slave-serve-stale-data no: with the link down, commands get MASTERDOWN except INFO', () => {
    const c = bootstrapS1();
    c.run('kv2', 'CONFIG', 'SET', 'slave-serve-stale-data', 'no');
    expect(c.run('kv2', 'PING')).toBe('PONG');
    crash(c, 'kv1');
    c.wait(10);
    expect(c.run('kv2', 'PING')).toBe("(error) MASTERDOWN Link with MASTER is down and slave-serve-stale-data is set to 'no'.");
    expect(c.info('kv2').master_link_status).toBe('down');
  });
});

describe('connecting to a crashed master (§3.1, §7 S6 outage)', () => {
  it('link down and ROLE connecting at once; attempts about 1 s apart; master_last_io_seconds_ago grows', () => {
    const c = bootstrapS1();
    const t0 = c.world.now();
    crash(c, 'kv1');
    c.wait(10);
    expect(c.info('kv2')).toMatchObject({ role: 'slave', master_link_status: 'down', master_sync_in_progress: '0' });
    expect(c.run('kv2', 'ROLE')).toBe(['1) "slave"', '2) "127.0.0.1"', '3) "30001"', '4) "connecting"', '5) "0"'].join('\n'));
    c.wait(10_000);
    // EOF -> sleep 1 s -> connect (refused) -> "sleep(1) when the last attempt began under 1 s ago".
    const attempts = connectAttempts(c, 'kv2', 'kv1', t0);
    expect(attempts.length).toBeGreaterThanOrEqual(9);
    expect(attempts[0]).toBeGreaterThanOrEqual(1000);
    expect(attempts[0]).toBeLessThan(1100);
    for (let i = 1; i < attempts.length; i++) {
      expect(attempts[i]! - attempts[i - 1]!).toBeGreaterThanOrEqual(1000);
      expect(attempts[i]! - attempts[i - 1]!).toBeLessThan(1100);
    }
    expect(eventTimes(c, 'kv2', '[replication] connection error/eof, reconnect the master', t0)).toHaveLength(1);
    expect(Number(c.info('kv2').master_last_io_seconds_ago)).toBeGreaterThanOrEqual(10);
    c.wait(5000);
    expect(Number(c.info('kv2').master_last_io_seconds_ago)).toBeGreaterThanOrEqual(15);
    expect(c.run('kv2', 'ROLE').split('\n')[3]).toBe('4) "connecting"');
  });

  it('an unreachable master (SYNs dropped by a partition): each attempt waits out the 3.1 s connect timeout', () => {
    const c = bootstrapS1();
    c.world.partition(c.node('kv1'), c.node('kv2'));
    const t0 = c.world.now();
    expect(c.run('kv2', 'CLIENT', 'KILL', 'TYPE', 'MASTER')).toBe('(integer) 1');
    // The kill joins the streaming thread (up to its next 100 ms tick), then the new one dials.
    const joined = c.lastTookMs;
    expect(joined).toBeGreaterThan(0);
    expect(joined).toBeLessThanOrEqual(100);
    c.wait(10_000);
    const attempts = connectAttempts(c, 'kv2', 'kv1', t0);
    expect(attempts).toHaveLength(4);
    [0, 3100, 6200, 9300].forEach((t, i) => expect(attempts[i]).toBeCloseTo(t + joined, 6));
    expect(c.run('kv2', 'ROLE').split('\n')[3]).toBe('4) "connecting"');
  });

  it('the master coming back: the replica reconnects within about a second and partial-syncs', () => {
    const c = bootstrapS1();
    crash(c, 'kv1');
    c.wait(5000);
    restart(c, 'kv1');
    expect(c.info('kv1').role).toBe('master');
    expect(waitUntil(c, () => c.info('kv2').master_link_status === 'up', 1100)).toBeGreaterThanOrEqual(0);
    expect(syncStats(c, 'kv1')).toMatchObject({ full: 0 });
  });
});

describe('S12: CLIENT KILL', () => {
  it('TYPE SLAVE on the master: lines vanish at once, the cron reaps within 100 ms, replicas come back by partial sync in 1-2 s', () => {
    const c = bootstrapS1();
    c.run('kv1', 'SET', 'k', 'v');
    c.wait(10);
    const before = syncStats(c, 'kv1');
    expect(c.run('kv1', 'CLIENT', 'KILL', 'TYPE', 'SLAVE')).toBe('(integer) 2');
    expect(c.run('kv1', 'INFO', 'replication')).toBe('# Replication\nrole:master\nconnected_slaves:2\nmaster_repl_offset:1');
    expect(c.run('kv1', 'ROLE')).toBe('1) "master"\n2) "1"');
    const reaped = waitUntil(c, () => c.info('kv1').connected_slaves === '0', 200);
    expect(reaped).toBeGreaterThan(0);
    expect(reaped).toBeLessThanOrEqual(100);
    const back = waitUntil(c, () => slaveLines(c, 'kv1').length === 2, 3000);
    expect(back + reaped).toBeGreaterThanOrEqual(1000);
    expect(back + reaped).toBeLessThanOrEqual(2000);
    expect(syncStats(c, 'kv1')).toEqual({ full: before.full, partialOk: before.partialOk + 2, partialErr: before.partialErr });
    expect(slaveLines(c, 'kv1').every((line) => line.endsWith(',offset=1,lag=0'))).toBe(true);
  });

  it('TYPE SLAVE: each replica saw EOF, logged it, and went through connecting before it was connected again', () => {
    const c = bootstrapS1();
    const t0 = c.world.now();
    c.run('kv1', 'CLIENT', 'KILL', 'TYPE', 'REPLICA');
    c.wait(200);
    expect(c.info('kv3').master_link_status).toBe('down');
    expect(c.run('kv3', 'ROLE').split('\n')[3]).toBe('4) "connecting"');
    c.wait(2000);
    expect(eventTimes(c, 'kv3', 'connection error/eof', t0)).toHaveLength(1);
    expect(c.info('kv3').master_link_status).toBe('up');
  });

  it('TYPE MASTER on a replica restarts its replication at once; the master keeps the stale feed until a send fails (2-4 s)', () => {
    const c = bootstrapS1();
    const before = syncStats(c, 'kv1');
    expect(c.run('kv2', 'CLIENT', 'KILL', 'TYPE', 'MASTER')).toBe('(integer) 1');
    expect(c.info('kv2').master_link_status).toBe('down');
    expect(waitUntil(c, () => c.info('kv2').master_link_status === 'up', 100)).toBeGreaterThan(0);
    expect(syncStats(c, 'kv1').partialOk).toBe(before.partialOk + 1);
    expect(listedPorts(c, 'kv1').filter((p) => p === '30002')).toHaveLength(2);
    expect(waitUntil(c, () => listedPorts(c, 'kv1').length === 2, 4100)).toBeGreaterThanOrEqual(0);
    c.wait(100);
    expect(c.info('kv1').connected_slaves).toBe('2');
  });

  it('nothing to kill: TYPE MASTER on a master counts 0; an unknown address in the old form is an error', () => {
    const c = bootstrapS1();
    expect(c.run('kv1', 'CLIENT', 'KILL', 'TYPE', 'MASTER')).toBe('(integer) 0');
    expect(c.run('kv1', 'CLIENT', 'KILL', '10.0.0.1:5')).toBe('(error) ERR No such client');
    expect(c.run('kv1', 'CLIENT', 'KILL', 'ADDR', '127.0.0.1:30003')).toBe('(integer) 1');
  });
});

describe('S7: a replica restarts', () => {
  it('it reloads nodes.conf (v1, its own id) and partial-syncs what it missed', () => {
    const c = bootstrapS1();
    c.run('kv1', 'SET', 'a', '1');
    c.wait(10);
    crash(c, 'kv2');
    c.run('kv1', 'SET', 'b', '2');
    c.run('kv1', 'SET', 'c', '3');
    c.wait(5000);
    expect(listedPorts(c, 'kv1')).toEqual(['30003']);
    const before = syncStats(c, 'kv1');
    restart(c, 'kv2');
    expect(c.run('kv2', 'CLUSTERX', 'VERSION')).toBe('"1"');
    expect(c.run('kv2', 'CLUSTERX', 'MYID')).toBe(`"${id('kv2')}"`);
    expect(c.run('kv2', 'CLUSTER', 'NODES')).toContain(`${id('kv2')} 127.0.0.1:30002@40002 myself,slave ${id('kv1')} `);
    c.wait(100);
    expect(c.info('kv2')).toMatchObject({ role: 'slave', master_link_status: 'up', slave_repl_offset: '3' });
    expect(syncStats(c, 'kv1')).toEqual({ ...before, partialOk: before.partialOk + 1 });
    expect([...listedPorts(c, 'kv1')].sort()).toEqual(['30002', '30003']);
    c.run('kv2', 'READONLY');
    expect(c.run('kv2', 'GET', 'c')).toBe('"3"');
  });

  it('with the WAL purged on the master it full-syncs: sync, LOADING while restoring, unlisted meanwhile, listed again after', () => {
    const c = bootstrapS1();
    c.run('kv1', 'SET', 'a', '1');
    c.wait(10);
    crash(c, 'kv2');
    c.run('kv1', 'SET', 'b', '2');
    c.run('kv1', 'SET', 'c', '3');
    c.node('kv1').storage.purgeWalBefore(4);
    c.wait(5000);
    const before = syncStats(c, 'kv1');
    restart(c, 'kv2');
    let sawSync = false;
    let sawLoading = false;
    let listedDuringSync = false;
    const kv2 = c.node('kv2');
    const done = waitUntil(
      c,
      () => {
        // ROLE is not asked while loading: it would kill the node (the next test).
        if (kv2.loading) {
          sawLoading = true;
          expect(c.run('kv2', 'GET', 'c')).toBe('(error) LOADING kvrocks is restoring the db from backup');
          // GetInfo skips the replication section while loading (K-2024 server.cc: !is_loading_).
          expect(c.run('kv2', 'INFO', 'replication')).toBe('');
          return false;
        }
        const role = c.run('kv2', 'ROLE').split('\n')[3];
        if (role === '4) "sync"') {
          sawSync = true;
          if (listedPorts(c, 'kv1').includes('30002')) listedDuringSync = true;
          expect(c.info('kv2')).toMatchObject({ master_sync_in_progress: '1', master_link_status: 'down' });
        }
        return role === '4) "connected"';
      },
      2000,
    );
    expect(done).toBeGreaterThan(0);
    expect(sawSync).toBe(true);
    expect(sawLoading).toBe(true);
    expect(listedDuringSync).toBe(false);
    expect(syncStats(c, 'kv1')).toEqual({ full: before.full + 1, partialOk: before.partialOk + 1, partialErr: before.partialErr + 1 });
    c.wait(10);
    expect([...listedPorts(c, 'kv1')].sort()).toEqual(['30002', '30003']);
    expect(c.info('kv2')).toMatchObject({ master_sync_in_progress: '0', slave_repl_offset: '3' });
    c.run('kv2', 'READONLY');
    expect(c.run('kv2', 'GET', 'c')).toBe('"3"');
  });

  it('a WAL capped at N batches (kvlab serve --wal-limit) keeps the newest, so a replica further behind full-syncs', () => {
    const c = bootstrapS1();
    const master = c.node('kv1').storage;
    master.walLimit = 8;
    c.run('kv1', 'SET', 'a', '1');
    c.wait(10);
    crash(c, 'kv2');
    for (let i = 0; i < 20; i++) c.run('kv1', 'SET', `k${i}`, String(i));
    // Trimmed in chunks: never more than 1.25 N, never fewer than N, the newest kept.
    expect(master.wal.length).toBeGreaterThanOrEqual(8);
    expect(master.wal.length).toBeLessThanOrEqual(10);
    expect(master.wal.at(-1)!.seq).toBe(master.latestSeq);
    expect(master.canServeFrom(2)).toBe(false);
    const before = syncStats(c, 'kv1');
    c.wait(5000);
    restart(c, 'kv2');
    // Not ROLE: asked during the restore it kills the replica (the test below).
    const kv2 = c.node('kv2');
    expect(waitUntil(c, () => !kv2.loading && kv2.replica?.state === 'kReplConnected', 3000)).toBeGreaterThan(0);
    // kv3 stayed up but fell behind too: the 20 SETs came within one feed poll, and its feed
    // thread stopped at the gap; its PSYNC was refused as well (replication.cc FeedSlaveThread::loop).
    expect(c.world.sim.trace.entries.some((e) => e.kind === 'event' && e.text.startsWith('Fatal error encountered, WAL iterator is discrete'))).toBe(true);
    expect(syncStats(c, 'kv1')).toMatchObject({ full: before.full + 2, partialErr: before.partialErr + 2 });
    for (const replica of ['kv2', 'kv3']) {
      c.run(replica, 'READONLY');
      expect(c.run(replica, 'GET', 'k19')).toBe('"19"');
    }
  });

  it('a WAL capped at about N bytes keeps the newest batches within it, and always the newest one, however big', () => {
    const c = bootstrapS1();
    const master = c.node('kv1').storage;
    // Each batch below: 7 Puts of a 4-byte key and a 1-byte value, 32 bytes per operation: 259 bytes.
    master.walBytesLimit = 1000;
    const mset = (count: number, tag: string) => c.run('kv1', 'MSET', ...Array.from({ length: count }, (_, i) => [`{${tag}}${i}`, 'v']).flat());
    for (let i = 0; i < 12; i++) mset(7, 'a');
    // Trimmed in chunks: once over 1.25 N down to N, so 3 or 4 batches; the newest is the latest sequence.
    expect(master.wal.length).toBeGreaterThanOrEqual(3);
    expect(master.wal.length).toBeLessThanOrEqual(4);
    expect(master.wal.at(-1)!.seq + master.wal.at(-1)!.count - 1).toBe(master.latestSeq);
    mset(200, 'b');
    expect(master.wal).toHaveLength(1);
    expect(master.wal[0]!.count).toBe(200);
    // kv2 was behind the trimmed WAL (the MSETs came within one feed poll): it full-syncs.
    const before = syncStats(c, 'kv1');
    c.wait(10_000);
    c.run('kv2', 'READONLY');
    expect(c.run('kv2', 'GET', '{b}199')).toBe('"v"');
    expect(syncStats(c, 'kv1').full).toBeGreaterThan(before.full);
  });

  it('ROLE during the full-sync restore kills the replica, as on both 5fccd57c builds (GetRoleInfo reads the closed DB)', () => {
    const c = bootstrapS1();
    c.run('kv1', 'SET', 'a', '1');
    c.wait(10);
    crash(c, 'kv2');
    c.run('kv1', 'SET', 'b', '2');
    c.node('kv1').storage.purgeWalBefore(3);
    c.wait(5000);
    restart(c, 'kv2');
    expect(waitUntil(c, () => c.node('kv2').loading, 2000)).toBeGreaterThanOrEqual(0);
    expect(c.run('kv2', 'ROLE')).toBe('');
    expect(c.node('kv2').running).toBe(false);
    expect(eventTimes(c, 'kv2', 'Segmentation fault (11) in Server::GetRoleInfo', 0)).toHaveLength(1);
  });

  it('a node whose nodes.conf fails to load does not start (§2.4): SETNODEID alone persists version -1', () => {
    const c = new TestCluster();
    expect(c.run('kv2', 'CLUSTERX', 'SETNODEID', id('kv2'))).toBe('OK');
    expect(c.node('kv2').disk.nodesConf).toBe(`version -1\nid ${id('kv2')}\n`);
    crash(c, 'kv2');
    restart(c, 'kv2');
    c.wait(1000);
    expect(eventTimes(c, 'kv2', 'failed to load cluster nodes info: Invalid cluster version', 0)).toHaveLength(1);
    expect(c.node('kv2').running).toBe(false);
  });

  it('with persist-cluster-nodes-enabled no, nodes.conf is deleted and a restart comes back at version -1', () => {
    const c = bootstrapS1();
    expect(c.run('kv3', 'CONFIG', 'SET', 'persist-cluster-nodes-enabled', 'no')).toBe('OK');
    expect(c.node('kv3').disk.nodesConf).toBeNull();
    crash(c, 'kv3');
    restart(c, 'kv3');
    expect(c.run('kv3', 'CLUSTERX', 'VERSION')).toBe('"-1"');
    expect(c.info('kv3').role).toBe('master');
  });
});

describe('S9: misconfiguration loops (handshake fails every 10 s)', () => {
  /** kv1 gets v1 first, then requirepass; kv2 and kv3 get v1 afterwards, without masterauth. */
  function masterWithPassword(): TestCluster {
    const c = new TestCluster();
    c.push(S1, 1, ['kv1']);
    expect(c.run('kv1', 'CONFIG', 'SET', 'requirepass', 'secret')).toBe('OK');
    expect(c.run('kv1', 'AUTH', 'secret')).toBe('OK');
    c.push(S1, 1, ['kv2', 'kv3']);
    return c;
  }

  it('requirepass on the master, no masterauth on the replica: role:slave, link down, connecting, never listed', () => {
    const c = masterWithPassword();
    const t0 = c.world.now();
    c.wait(35_000);
    expect(c.info('kv2')).toMatchObject({
      role: 'slave',
      master_link_status: 'down',
      master_sync_in_progress: '0',
      master_sync_unrecoverable_error: 'no',
    });
    expect(c.run('kv2', 'ROLE').split('\n')[3]).toBe('4) "connecting"');
    expect(c.run('kv1', 'INFO', 'replication')).toBe('# Replication\nrole:master\nconnected_slaves:0\nmaster_repl_offset:0');
    // _db_name gets -NOAUTH: RESTART, "Retry in 10 seconds", then the same sequence again.
    const retries = eventTimes(c, 'kv2', '[replication] Retry in 10 seconds', t0);
    expect(retries).toHaveLength(4);
    for (let i = 1; i < retries.length; i++) {
      expect(retries[i]! - retries[i - 1]!).toBeGreaterThanOrEqual(10_000);
      expect(retries[i]! - retries[i - 1]!).toBeLessThan(10_100);
    }
  });

  it('setting masterauth on the replica fixes it at the next retry', () => {
    const c = masterWithPassword();
    c.wait(1000);
    expect(c.run('kv2', 'CONFIG', 'SET', 'masterauth', 'secret')).toBe('OK');
    const up = waitUntil(c, () => c.info('kv2').master_link_status === 'up', 10_000);
    expect(up).toBeGreaterThan(8000);
    expect(listedPorts(c, 'kv1')).toEqual(['30002']);
  });

  it('masterauth on a replica whose master has no requirepass: AUTH is refused, same loop', () => {
    const c = new TestCluster();
    expect(c.run('kv1', 'AUTH', 'secret')).toBe('(error) ERR Client sent AUTH, but no password is set');
    expect(c.run('kv2', 'CONFIG', 'SET', 'masterauth', 'secret')).toBe('OK');
    c.push(S1, 1, ['kv1', 'kv2', 'kv3']);
    c.wait(25_000);
    expect(c.info('kv2')).toMatchObject({ role: 'slave', master_link_status: 'down', master_sync_in_progress: '0' });
    expect(c.run('kv2', 'ROLE').split('\n')[3]).toBe('4) "connecting"');
    expect(listedPorts(c, 'kv1')).toEqual(['30003']);
  });

  it('masterauth changed on a connected replica takes effect only at the next handshake', () => {
    const c = bootstrapS1();
    expect(c.run('kv2', 'CONFIG', 'SET', 'masterauth', 'wrong')).toBe('OK');
    c.wait(5000);
    expect(c.info('kv2').master_link_status).toBe('up');
    c.run('kv2', 'CLIENT', 'KILL', 'TYPE', 'MASTER');
    c.wait(5000);
    expect(c.info('kv2').master_link_status).toBe('down');
    expect(c.run('kv2', 'ROLE').split('\n')[3]).toBe('4) "connecting"');
  });

  it('the connection that set requirepass stays authenticated: its namespace was set before (redis_connection.cc)', () => {
    const c = bootstrapS1();
    expect(c.run('kv1', 'CONFIG', 'SET', 'requirepass', 'secret')).toBe('OK');
    expect(c.run('kv1', 'PING')).toBe('PONG');
    expect(c.run('kv1', 'CLUSTERX', 'VERSION')).toBe('"1"');
  });
});
