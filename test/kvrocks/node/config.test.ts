// A node's settings: defaults plus the kvrocks.conf the reference builds start from; REWRITE and
// restart (K-2024 src/config/config.cc Load, Rewrite), SetMaster/ClearMaster for `slaveof`.
import { describe, expect, it } from 'vitest';
import { defaultConfig, kvrocksConf, NodeConfig } from '../../../src/kvrocks/node/config.ts';

describe('NodeConfig', () => {
  it('starts from the defaults and the node kvrocks.conf', () => {
    const config = defaultConfig('kv2', 30002);
    expect(config.get('port')).toBe('30002');
    expect(config.get('dir')).toBe('/tmp/kvlab/kv2/db');
    expect(config.get('backup-dir')).toBe('/tmp/kvlab/kv2/db/backup');
    expect(config.get('workers')).toBe('8');
    expect(config.get('nosuch')).toBeUndefined();
    expect(config).toMatchObject({ clusterEnabled: true, dbName: 'change.me.db', requirepass: null, slavePriority: 100, maxclients: 10240, logDir: 'stdout' });
  });

  it('reload forgets what was put since the last rewrite', () => {
    const config = new NodeConfig(kvrocksConf('kv1', 30001));
    config.put('slave-priority', '5');
    config.reload();
    expect(config.slavePriority).toBe(100);
    config.put('slave-priority', '6');
    config.rewrite();
    config.put('slave-priority', '7');
    config.reload();
    expect(config.slavePriority).toBe(6);
  });

  it('slaveof: "host port" on SetMaster, "no one" on ClearMaster', () => {
    const config = defaultConfig();
    expect(config.get('slaveof')).toBe('');
    config.setMaster('127.0.0.1', 30001);
    expect(config.get('slaveof')).toBe('127.0.0.1 30001');
    config.clearMaster();
    expect(config.get('slaveof')).toBe('no one');
  });

  it('empty strings read as null through the typed accessors', () => {
    const config = defaultConfig();
    config.masterauth = 'secret';
    expect(config.get('masterauth')).toBe('secret');
    config.masterauth = null;
    expect(config.get('masterauth')).toBe('');
    expect(config.replicaAnnounceIp).toBeNull();
    expect(() => config.put('nosuch', '1')).toThrow();
  });
});
