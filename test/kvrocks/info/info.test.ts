// INFO: K-2024 src/server/server.cc GetInfo and its section printers; section selection as
// src/commands/cmd_server.cc CommandInfo does it. Checked against the real server by info-*.kvlab.
import { describe, expect, it } from 'vitest';
import { formatScanTime } from '../../../src/kvrocks/info/keyspace.ts';
import { TestCluster } from '../../support/cluster.ts';

const headings = (text: string) => text.split('\n').filter((line) => /^# [A-Z]/.test(line) && !line.startsWith('# WARN') && !line.startsWith('# Last'));

describe('INFO', () => {
  it('no argument and `all` print the eleven sections in order; unknown names print nothing', () => {
    const c = new TestCluster(1);
    const expected = ['# Server', '# Clients', '# Memory', '# Persistence', '# Stats', '# Replication', '# CPU', '# Commandstats', '# Cluster', '# Keyspace', '# RocksDB'];
    expect(headings(c.run('kv1', 'INFO'))).toEqual(expected);
    expect(headings(c.run('kv1', 'INFO', 'ALL'))).toEqual(expected);
    expect(c.run('kv1', 'INFO', 'everything')).toBe('');
    // redis-cli prints INFO's reply raw, errors included.
    expect(c.run('kv1', 'INFO', 'server', 'clients')).toBe('ERR syntax error');
  });

  it('prints every field upstream prints, memory, CPU and RocksDB included', () => {
    const c = new TestCluster(1);
    expect(c.run('kv1', 'INFO', 'memory').split('\n').map((l) => l.split(':')[0])).toEqual([
      '# Memory',
      'used_memory_rss',
      'used_memory_rss_human',
      'used_memory_lua',
      'used_memory_lua_human',
      'used_memory_startup',
    ]);
    expect(c.run('kv1', 'INFO', 'cpu')).toBe('# CPU\nused_cpu_sys:0\nused_cpu_user:0');
    const rocksdb = c.run('kv1', 'INFO', 'rocksdb').split('\n');
    expect(rocksdb).toHaveLength(1 + 2 + 7 * 10 + 8 + 20);
    expect(rocksdb).toContain('estimate_keys[search]:0');
    expect(c.run('kv1', 'INFO', 'keyspace').split('\n').slice(-3).map((l) => l.split(':')[0])).toEqual(['disk_capacity', 'used_disk_size', 'used_disk_percent']);
  });

  it('commandstats is sorted by command name', () => {
    const c = new TestCluster(1);
    c.run('kv1', 'PING');
    c.run('kv1', 'CONFIG', 'GET', 'port');
    c.run('kv1', 'CLUSTERX', 'VERSION');
    const lines = c.run('kv1', 'INFO', 'commandstats').split('\n');
    expect(lines.map((l) => l.split(':')[0])).toEqual(['# Commandstats', 'cmdstat_clusterx', 'cmdstat_config', 'cmdstat_info', 'cmdstat_ping']);
  });

  it('keyspace: max_db_size is the setting in bytes', () => {
    const c = new TestCluster(1);
    c.run('kv1', 'CONFIG', 'SET', 'max-db-size', '2');
    expect(c.info('kv1', 'keyspace')).toMatchObject({ max_db_size: '2147483648', used_percent: ' 0%' });
  });
});

describe('formatScanTime', () => {
  it('strftime "%a %b %e %H:%M:%S %Y" in UTC', () => {
    expect(formatScanTime(1_730_419_201)).toBe('Fri Nov  1 00:00:01 2024');
    expect(formatScanTime(1_796_192_371)).toBe('Wed Dec  2 06:19:31 2026');
  });
});
