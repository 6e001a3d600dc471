// CONFIG GET/SET/REWRITE: K-2024 src/commands/cmd_server.cc CommandConfig over src/config/config.cc
// (Get, Set with validators and callbacks, Rewrite); what the model acts on (nodes.conf, slaveof,
// restart re-reading kvrocks.conf). Checked against the real server by the config-*.kvlab cases.
import { describe, expect, it } from 'vitest';
import { id, shardLines, TestCluster } from '../../support/cluster.ts';

const pairs = (rendered: string) => rendered.split('\n').map((line) => line.replace(/^\s*\d+\) /, '').replace(/^"|"$/g, ''));

describe('CONFIG GET', () => {
  it('* lists all 114 printed settings, sorted by name, with the node identity', () => {
    const c = new TestCluster(2);
    const out = pairs(c.run('kv2', 'CONFIG', 'GET', '*'));
    expect(out).toHaveLength(228);
    const names = out.filter((_, i) => i % 2 === 0);
    expect([...names].sort()).toEqual(names);
    expect(names).not.toContain('rename-command');
    const get = (name: string) => out[out.indexOf(name) + 1];
    expect(get('port')).toBe('30002');
    expect(get('bind')).toBe('127.0.0.1');
    expect(get('cluster-enabled')).toBe('yes');
    expect(get('log-dir')).toBe('stdout');
    expect(get('slaveof')).toBe('');
  });

  it('patterns are case-insensitive globs; no match is an empty array', () => {
    const c = new TestCluster(1);
    expect(c.run('kv1', 'CONFIG', 'GET', 'P?RT')).toBe('1) "port"\n2) "30001"');
    expect(c.run('kv1', 'CONFIG', 'GET', 'nosuch')).toBe('(empty array)');
    expect(c.run('kv1', 'CONFIG', 'GET', 'port', 'bind')).toBe('(error) ERR wrong number of arguments');
  });
});

describe('CONFIG SET', () => {
  it('stores the printed form; read-only and unknown names are unsupported (lower-cased in the message)', () => {
    const c = new TestCluster(1);
    expect(c.run('kv1', 'CONFIG', 'SET', 'WORKERS', '0x10')).toBe('OK');
    expect(c.run('kv1', 'CONFIG', 'GET', 'workers')).toBe('1) "workers"\n2) "16"');
    expect(c.run('kv1', 'CONFIG', 'SET', 'Port', '1')).toBe("(error) ERR CONFIG SET 'Port' error: Unsupported CONFIG parameter: port");
    expect(c.run('kv1', 'CONFIG', 'SET', 'workers', '0')).toBe("(error) ERR CONFIG SET 'workers' error: failed to set new value: out of numeric range");
    expect(c.run('kv1', 'CONFIG', 'SET', 'compact-cron', '1')).toBe(
      "(error) ERR CONFIG SET 'compact-cron' error: invalid value: cron expression format error, should only contain 5x fields",
    );
  });

  it('a failing callback puts the old value back and reports its message unprefixed', () => {
    const c = new TestCluster(1);
    expect(c.run('kv1', 'CONFIG', 'SET', 'log-retention-days', '3')).toBe(
      "(error) ERR CONFIG SET 'log-retention-days' error: can't set the 'log-retention-days' when the log dir is stdout",
    );
    expect(c.run('kv1', 'CONFIG', 'GET', 'log-retention-days')).toBe('1) "log-retention-days"\n2) "-1"');
    expect(c.run('kv1', 'CONFIG', 'SET', 'profiling-sample-commands', 'get,nosuch')).toBe(
      "(error) ERR CONFIG SET 'profiling-sample-commands' error: nosuch is not Kvrocks supported command",
    );
    expect(c.run('kv1', 'CONFIG', 'SET', 'profiling-sample-commands', 'HGETALL,ft.search')).toBe('OK');
  });

  it('persist-cluster-nodes-enabled: no removes nodes.conf, yes writes it, YES (not "yes") removes it', () => {
    const c = new TestCluster(1);
    c.push(shardLines('kv1', []), 1, ['kv1']);
    const node = c.node('kv1');
    expect(node.disk.nodesConf).toContain('version 1');
    c.run('kv1', 'CONFIG', 'SET', 'persist-cluster-nodes-enabled', 'no');
    expect(node.disk.nodesConf).toBeNull();
    c.run('kv1', 'CONFIG', 'SET', 'persist-cluster-nodes-enabled', 'yes');
    expect(node.disk.nodesConf).toContain(`id ${id('kv1')}`);
    c.run('kv1', 'CONFIG', 'SET', 'persist-cluster-nodes-enabled', 'YES');
    expect(node.disk.nodesConf).toBeNull();
    expect(c.run('kv1', 'CONFIG', 'GET', 'persist-cluster-nodes-enabled')).toBe('1) "persist-cluster-nodes-enabled"\n2) "yes"');
  });

  it('slaveof follows AddMaster and RemoveMaster: "host port", then "no one"', () => {
    const c = new TestCluster(2);
    c.push(shardLines('kv1', ['kv2']), 1, ['kv1', 'kv2']);
    expect(c.run('kv2', 'CONFIG', 'GET', 'slaveof')).toBe('1) "slaveof"\n2) "127.0.0.1 30001"');
    expect(c.run('kv1', 'CONFIG', 'GET', 'slaveof')).toBe('1) "slaveof"\n2) ""');
    c.push(`${shardLines('kv1', [])}\n${id('kv2')} 127.0.0.1 30002 master -`, 2, ['kv2']);
    expect(c.run('kv2', 'CONFIG', 'GET', 'slaveof')).toBe('1) "slaveof"\n2) "no one"');
  });
});

describe('restart and CONFIG REWRITE', () => {
  it('a restart re-reads kvrocks.conf: SET values are lost unless REWRITE wrote them', () => {
    const c = new TestCluster(2);
    c.run('kv1', 'CONFIG', 'SET', 'slave-priority', '5');
    c.run('kv2', 'CONFIG', 'SET', 'slave-priority', '6');
    expect(c.run('kv2', 'CONFIG', 'REWRITE')).toBe('OK');
    c.run('kv2', 'CONFIG', 'SET', 'maxclients', '100');
    for (const name of ['kv1', 'kv2']) {
      c.node(name).crash();
      c.node(name).restart();
    }
    c.wait(2000);
    expect(c.run('kv1', 'CONFIG', 'GET', 'slave-priority')).toBe('1) "slave-priority"\n2) "100"');
    expect(c.run('kv2', 'CONFIG', 'GET', 'slave-priority')).toBe('1) "slave-priority"\n2) "6"');
    expect(c.run('kv2', 'CONFIG', 'GET', 'maxclients')).toBe('1) "maxclients"\n2) "10240"');
  });
});
