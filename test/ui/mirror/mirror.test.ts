// The text mirror's rows and the event log, from a World driven by commands and clock advances.
import { describe, expect, it } from 'vitest';
import { EventLogModel, describeEntry } from '../../../src/ui/mirror/event-log.ts';
import { mirrorRows } from '../../../src/ui/mirror/mirror-rows.ts';
import { bootstrapS1, shardLines, TestCluster } from '../../support/cluster.ts';

describe('mirrorRows', () => {
  it('S1: what each node was told next to what it runs, master link and replicas in words', () => {
    const rows = mirrorRows(bootstrapS1().world);
    expect(rows.map((r) => [r.name, r.address, r.told, r.running, r.masterLink, r.version, r.replicas, r.ghosts.join()])).toEqual([
      ['kv1', '127.0.0.1:30001', 'master', 'master', '-', '1', '2: kv3, kv2', ''],
      ['kv2', '127.0.0.1:30002', 'slave', 'slave', 'kv1 link up (kReplConnected)', '1', '0', ''],
      ['kv3', '127.0.0.1:30003', 'slave', 'slave', 'kv1 link up (kReplConnected)', '1', '0', ''],
    ]);
  });

  it('#2618 buggy: both ends of the ghost link are marked', () => {
    const c = bootstrapS1('buggy');
    c.push(shardLines('kv1', ['kv2']), 2, ['kv1', 'kv2', 'kv3']);
    c.wait(5000);
    const rows = new Map(mirrorRows(c.world).map((r) => [r.name, r]));
    expect(rows.get('kv3')).toMatchObject({ told: 'not in topology', running: 'slave', mismatch: true, ghosts: ['replicates kv1'] });
    expect(rows.get('kv1')!.ghosts).toEqual(['feeds kv3']);
    expect(rows.get('kv2')!.ghosts).toEqual([]);
  });

  it('#2618 fixed: no ghost once kv1 notices', () => {
    const c = bootstrapS1('fixed');
    c.push(shardLines('kv1', ['kv2']), 2, ['kv1', 'kv2', 'kv3']);
    expect(mirrorRows(c.world).find((r) => r.name === 'kv1')!.ghosts).toEqual(['feeds kv3']);
    c.wait(5000);
    expect(mirrorRows(c.world).every((r) => r.ghosts.length === 0)).toBe(true);
  });

  it('a down node: unknown roles and version, its process state', () => {
    const c = bootstrapS1();
    c.node('kv2').crash();
    c.wait(5);
    expect(mirrorRows(c.world)[1]).toMatchObject({ process: 'crashed', told: '? (down)', running: '? (down)', version: '?', masterLink: '-' });
    expect(mirrorRows(c.world)[2]!.masterLink).toBe('kv1 link up (kReplConnected)');
  });

  it('kv1 crashed: every replica\'s master link reads link down, in the legend\'s words', () => {
    const c = bootstrapS1();
    c.node('kv1').crash();
    c.wait(50);
    expect(mirrorRows(c.world).map((r) => r.masterLink)).toEqual(['-', 'kv1 link down (kReplConnecting)', 'kv1 link down (kReplConnecting)']);
  });
});

describe('event log', () => {
  it('transitions and events in words; commands, replies and messages are left to the console', () => {
    expect(describeEntry({ t: 1, kind: 'transition', node: 'kv2', machine: 'replication', from: 'kReplConnecting', to: 'kReplCheckDBName' })).toEqual({
      node: 'kv2',
      text: 'replication: kReplConnecting → kReplCheckDBName',
      kind: 'transition',
    });
    expect(describeEntry({ t: 1, kind: 'event', node: '*', text: 'network healed' })).toEqual({ node: 'lab', text: 'network healed', kind: 'event' });
    expect(describeEntry({ t: 1, kind: 'command', node: 'kv1', client: 'c1', argv: ['GET', 'k'] })).toBeNull();
  });

  it('keeps the newest 50 lines, counts what it skipped, and reads only new entries', () => {
    const c = bootstrapS1();
    const log = new EventLogModel();
    expect(log.update(c.world, 5)).toBe(true);
    expect(log.lines).toHaveLength(5);
    expect(log.lines[0]!.kind).toBe('skipped');
    expect(log.lines[0]!.text).toMatch(/^… \d+ earlier transitions and events not shown$/);
    expect(log.update(c.world, 5)).toBe(false);
    c.node('kv1').crash();
    c.wait(5);
    expect(log.update(c.world, 5)).toBe(true);
    const last = log.lines[log.lines.length - 1]!;
    expect(log.lines.some((l) => l.node === 'kv1' && l.text === 'process: running → crashed')).toBe(true);
    // Seconds to the ms, or to the µs for a moment between two milliseconds.
    expect(last.time).toMatch(/^1\.(\d{3}|\d{6})s$/);
    const ids = log.lines.map((l) => l.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('starts over on a new world', () => {
    const log = new EventLogModel();
    log.update(bootstrapS1().world);
    expect(log.lines.length).toBeGreaterThan(0);
    log.update(new TestCluster(3).world);
    expect(log.lines).toEqual([]);
  });
});
