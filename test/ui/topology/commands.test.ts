// The topology panel's pure model: validation before sending, payload and console inputs.
import { describe, expect, it } from 'vitest';
import { splitArgs } from '../../../src/kvrocks/args.ts';
import { suggestedNodeId } from '../../../src/protocol/node-ids.ts';
import { Session } from '../../../src/lab/session.ts';
import {
  defaultVersion,
  parseSlots,
  parseVersion,
  planTopology,
  pushCommands,
  pushCount,
  versionWarnings,
  type Assignment,
  type NodeInfo,
} from '../../../src/ui/topology/commands.ts';
import { currentAssignments, nodeInfos, presetS1, presetS2, presetShards } from '../../../src/ui/topology/presets.ts';

const NAMES = ['kv1', 'kv2', 'kv3'];
const fresh = (count = 3): NodeInfo[] =>
  Array.from({ length: count }, (_, i) => ({ name: `kv${i + 1}`, host: '127.0.0.1', port: 30001 + i, myId: '', version: -1, running: true }));
const master = (name: string, slots: string): Assignment => ({ name, role: 'master', slots, master: '' });
const slave = (name: string, of: string): Assignment => ({ name, role: 'slave', slots: '', master: of });
const out = (name: string): Assignment => ({ name, role: 'out', slots: '', master: '' });
const id = suggestedNodeId;

describe('parseSlots', () => {
  it('reads single slots and ranges separated by spaces or commas', () => {
    expect(parseSlots('0-5460 5461,  10000')).toEqual({ ok: true, ranges: [{ start: 0, end: 5460 }, { start: 5461, end: 5461 }, { start: 10000, end: 10000 }] });
    expect(parseSlots('')).toEqual({ ok: true, ranges: [] });
  });

  it('names the bad item: out of range, backwards, not a slot', () => {
    expect(parseSlots('0-16384')).toEqual({ ok: false, error: "'0-16384' is out of range: slots are 0-16383" });
    expect(parseSlots('10-5')).toEqual({ ok: false, error: "'10-5' runs backwards" });
    expect(parseSlots('a-b')).toEqual({ ok: false, error: "'a-b' is not a slot or a range like 0-5460" });
    expect(parseSlots('-5')).toMatchObject({ ok: false });
  });
});

describe('planTopology', () => {
  it('S1: the payload kvrocks-controller would write, master first then its slaves', () => {
    const plan = planTopology(fresh(), presetS1(NAMES));
    expect(plan.errors).toEqual([]);
    expect(plan.warnings).toEqual([]);
    expect(plan.payload).toBe(
      [`${id('kv1')} 127.0.0.1 30001 master - 0-16383`, `${id('kv2')} 127.0.0.1 30002 slave ${id('kv1')}`, `${id('kv3')} 127.0.0.1 30003 slave ${id('kv1')}`].join('\n'),
    );
    expect(plan.inTopology).toEqual(NAMES);
  });

  it('uses a node existing myid instead of the suggested one', () => {
    const nodes = fresh().map((n) => (n.name === 'kv1' ? { ...n, myId: 'a'.repeat(40) } : n));
    expect(planTopology(nodes, presetS1(NAMES)).payload).toContain(`${'a'.repeat(40)} 127.0.0.1 30001 master - 0-16383\n${id('kv2')} 127.0.0.1 30002 slave ${'a'.repeat(40)}`);
  });

  it('shows overlapping and out-of-range slots before anything is sent', () => {
    const plan = planTopology(fresh(), [master('kv1', '0-8000'), master('kv2', '7000-16383'), master('kv3', '20000')]);
    expect(plan.errors).toEqual(["kv3: '20000' is out of range: slots are 0-16383", 'slots 7000-8000 are claimed by kv1 and kv2']);
    expect(plan.payload).toBe('');
  });

  it('catches a slot listed twice by one master, and warns about unassigned slots', () => {
    expect(planTopology(fresh(), [master('kv1', '0-10 5'), out('kv2'), out('kv3')]).errors).toEqual(['slots 5 are claimed by kv1 twice']);
    expect(planTopology(fresh(), [master('kv1', '0-100'), out('kv2'), out('kv3')]).warnings).toEqual(['slots 101-16383 are assigned to no master']);
  });

  it('a slave needs a master that is a master in this topology', () => {
    const errors = planTopology(fresh(), [master('kv1', '0-16383'), slave('kv2', ''), slave('kv3', 'kv2')]).errors;
    expect(errors).toEqual(['kv2: choose its master', 'kv3: its master kv2 is not a master in this topology']);
    expect(planTopology(fresh(), [master('kv1', '0-16383'), slave('kv2', 'kv2'), out('kv3')]).errors).toEqual(['kv2: a node cannot replicate itself']);
    expect(planTopology(fresh(), [out('kv1'), out('kv2'), out('kv3')]).errors).toEqual(['the topology needs at least one master']);
  });

  it('a payload a node accepts: SETNODES with it answers OK', () => {
    const s = new Session({ nodes: 4, seed: 1, mode: 'buggy' });
    const plan = planTopology(fresh(4), [master('kv1', '0-100 200'), master('kv4', '101-199 201-16383'), slave('kv2', 'kv4'), out('kv3')]);
    expect(plan.errors).toEqual([]);
    for (const input of pushCommands(fresh(4), plan, ['kv1', 'kv2', 'kv4'], 1)) expect(s.run(input).output).toBe('OK');
    expect(s.run('@kv2 CLUSTER NODES').output).toContain('myself,slave');
  });
});

describe('pushCommands', () => {
  it('SETNODEID for nodes without a myid, then SETNODES, one line each, quoted so it splits back', () => {
    const plan = planTopology(fresh(), presetS1(NAMES));
    const inputs = pushCommands(fresh(), plan, NAMES, 1);
    expect(inputs).toHaveLength(6);
    expect(inputs[0]).toBe(`@kv1 CLUSTERX SETNODEID ${id('kv1')}`);
    expect(inputs[1]!.startsWith('@kv1 CLUSTERX SETNODES "')).toBe(true);
    expect(inputs[1]!.includes('\n')).toBe(false);
    const split = splitArgs(inputs[1]!);
    expect(split.ok && split.args).toEqual(['@kv1', 'CLUSTERX', 'SETNODES', plan.payload, '1']);
    expect(pushCount(fresh(), plan, NAMES)).toBe(6);
  });

  it('as kvrocks-controller does: only the nodes in the new topology (#2841), no SETNODEID once ids are set', () => {
    const nodes = fresh().map((n) => ({ ...n, myId: id(n.name), version: 1 }));
    const plan = planTopology(nodes, presetS2(NAMES));
    expect(plan.inTopology).toEqual(['kv1', 'kv2']);
    expect(pushCommands(nodes, plan, plan.inTopology, 2).map((c) => c.split(' ').slice(0, 3).join(' '))).toEqual(['@kv1 CLUSTERX SETNODES', '@kv2 CLUSTERX SETNODES']);
    expect(pushCommands(nodes, plan, NAMES, 2, 1)).toHaveLength(1);
  });

  it('the S1 push on a live session: every node answers OK and replication starts', () => {
    const s = new Session({ nodes: 3, seed: 1, mode: 'buggy' });
    const inputs = pushCommands(nodeInfos(s.world), planTopology(nodeInfos(s.world), presetS1(NAMES)), NAMES, defaultVersion(nodeInfos(s.world)));
    expect(inputs.map((input) => s.run(input).output)).toEqual(['OK', 'OK', 'OK', 'OK', 'OK', 'OK']);
    s.runUntil(1000);
    expect(s.run('@kv3 INFO replication').output).toContain('master_link_status:up');
  });
});

describe('versions', () => {
  it('default: highest current version + 1; parse whole numbers only', () => {
    expect(defaultVersion(fresh())).toBe(1);
    expect(defaultVersion(fresh().map((n, i) => ({ ...n, version: i })))).toBe(3);
    expect(parseVersion(' 7 ')).toBe(7);
    expect(parseVersion('-1')).toBeNull();
    expect(parseVersion('1.5')).toBeNull();
  });

  it('says what a lower or equal version, or a down node, will do', () => {
    const nodes = fresh().map((n, i) => ({ ...n, version: i + 1, running: i !== 0 }));
    expect(versionWarnings(nodes, NAMES, 2)).toEqual([
      'kv1 is down: the console will say "Connection refused"',
      'kv2 is already at version 2: it will answer OK and change nothing',
      'kv3 is at version 3: it will answer "ERR Invalid cluster version"',
    ]);
  });
});

describe('presets', () => {
  it('S2 leaves kv3 out; shards use every node with slots split evenly', () => {
    expect(presetS2(['kv1', 'kv2', 'kv3', 'kv4']).map((a) => a.role)).toEqual(['master', 'slave', 'out', 'out']);
    const shards = presetShards(['kv1', 'kv2', 'kv3', 'kv4', 'kv5', 'kv6', 'kv7'], 2);
    expect(shards.map((a) => `${a.role}:${a.slots || a.master}`)).toEqual([
      'master:0-8191',
      'slave:kv1',
      'slave:kv1',
      'master:8192-16383',
      'slave:kv4',
      'slave:kv4',
      'out:',
    ]);
    expect(planTopology(fresh(7), shards).errors).toEqual([]);
  });

  it('current assignments: read back from the most recent topology', () => {
    const s = new Session({ nodes: 4, seed: 1, mode: 'buggy' });
    expect(currentAssignments(s.world)).toBeNull();
    const nodes = nodeInfos(s.world);
    for (const input of pushCommands(nodes, planTopology(nodes, presetS1(['kv1', 'kv2', 'kv3', 'kv4'])), ['kv1', 'kv2', 'kv3', 'kv4'], 1)) s.run(input);
    expect(currentAssignments(s.world)).toEqual([master('kv1', '0-16383'), slave('kv2', 'kv1'), slave('kv3', 'kv1'), out('kv4')]);
  });
});
