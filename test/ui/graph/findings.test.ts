// The findings strip's list, from a World driven by commands and clock advances.
import { describe, expect, it } from 'vitest';
import { filterCounts, findings, nameList, quietStatus } from '../../../src/ui/graph/findings.ts';
import { GraphModel } from '../../../src/ui/graph/elements.ts';
import { bootstrapS1, shardLines, TestCluster } from '../../support/cluster.ts';

const V2 = shardLines('kv1', ['kv2']);
const texts = (c: TestCluster) => findings(c.world).map((f) => [f.kind, `${f.text}: ${f.detail}`, f.nodes.join()]);

describe('findings', () => {
  it('a fresh cluster has none, and says there is no topology yet', () => {
    const c = new TestCluster(3);
    expect(findings(c.world)).toEqual([]);
    expect(quietStatus(c.world)).toBe('No topology yet: every node is at version -1 (CLUSTERX SETNODES gives one).');
  });

  it('a settled S1 has none, and says everything agrees', () => {
    const c = bootstrapS1();
    expect(findings(c.world)).toEqual([]);
    expect(quietStatus(c.world)).toBe('Nothing wrong now: roles, links and topology versions agree.');
  });

  it('#2618 buggy: the ghost link and kv3 running slave while not in its topology', () => {
    const c = bootstrapS1('buggy');
    c.push(V2, 2, ['kv1', 'kv2', 'kv3']);
    c.wait(5000);
    expect(texts(c)).toEqual([
      [
        'ghost',
        "Ghost link kv3 → kv1: link up: kv3 replicates kv1, yet kv3's topology does not make it a slave of kv1; kv1's topology does not list kv3 as its slave",
        'kv3,kv1',
      ],
      ['role', 'kv3 runs slave, told: not in topology: its INFO role is not the one its own topology gives it', 'kv3'],
    ]);
  });

  it('#2618 fixed: only the master-side ghost until the feed fails, then nothing', () => {
    const c = bootstrapS1('fixed');
    c.push(V2, 2, ['kv1', 'kv2', 'kv3']);
    expect(texts(c).map(([kind, text]) => `${kind}: ${text}`)).toEqual([
      "ghost: Ghost link kv3 → kv1: fed only: kv1 still feeds kv3, yet kv3's topology does not make it a slave of kv1; kv1's topology does not list kv3 as its slave",
    ]);
    c.wait(5000);
    expect(findings(c.world)).toEqual([]);
  });

  it('a push half done is version skew, naming the nodes behind; it clears when every node has it', () => {
    const c = bootstrapS1();
    c.push(V2, 2, ['kv1']);
    expect(findings(c.world).filter((f) => f.kind === 'version')).toEqual([{ id: 'version', kind: 'version', text: 'Version skew', detail: 'kv1 at 2; kv2, kv3 at 1', nodes: ['kv2', 'kv3'] }]);
    c.push(V2, 2, ['kv2', 'kv3']);
    expect(findings(c.world).some((f) => f.kind === 'version')).toBe(false);
  });

  it('a node never told (-1) next to told ones is version skew', () => {
    const c = new TestCluster(3);
    c.push(shardLines('kv1', ['kv2', 'kv3']), 1, ['kv1', 'kv2']);
    expect(findings(c.world).find((f) => f.kind === 'version')?.detail).toBe('kv1, kv2 at 1; kv3 at -1 (no topology)');
  });

  it('kv1 crashed: every replica reads link down, kv1 is down, and a ghost is marked besides', () => {
    const c = bootstrapS1('buggy');
    c.push(V2, 2, ['kv1', 'kv2', 'kv3']);
    c.wait(1000);
    c.node('kv1').crash();
    c.wait(50);
    const list = findings(c.world);
    expect(list.filter((f) => f.kind === 'link-down').map((f) => `${f.text} (${f.detail})`)).toEqual(['Link down kv2 → kv1 (kv1 is crashed)', 'Link down kv3 → kv1 (kv1 is crashed)']);
    expect(list.filter((f) => f.kind === 'down').map((f) => `${f.text} (${f.detail})`)).toEqual(['kv1 is down (crashed)']);
    expect(list.filter((f) => f.kind === 'ghost').map((f) => f.nodes.join())).toEqual(['kv3,kv1']);
    expect(list.find((f) => f.kind === 'ghost')!.detail).toMatch(/^link down: kv3 replicates kv1, yet kv3's topology/);
  });

  it('the graph labels a crashed master\'s links the same on every replica, the ghost marked besides', () => {
    const c = bootstrapS1('buggy');
    c.push(V2, 2, ['kv1', 'kv2', 'kv3']);
    const model = new GraphModel();
    model.update(c.world);
    c.wait(1000);
    c.node('kv1').crash();
    c.wait(50);
    const edges = new Map(model.update(c.world).replEdges.map((e) => [e.id, e]));
    expect(edges.get('repl:kv2->kv1')).toMatchObject({ label: 'link down', classes: 'repl broken' });
    expect(edges.get('repl:kv3->kv1')).toMatchObject({ label: 'link down · ghost', classes: 'repl broken ghost' });
  });

  it('long name lists are cut at four and counted', () => {
    expect(nameList(['a', 'b'])).toBe('a, b');
    expect(nameList(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c, d and 2 more');
  });
});

describe('filterCounts: the filter chips over the findings', () => {
  const chips = (c: TestCluster) => filterCounts(findings(c.world)).map((f) => `${f.text}: ${f.nodes.join()}`);

  it('a settled S1: every chip at 0', () => {
    expect(chips(bootstrapS1())).toEqual(['0 ghost links: ', '0 told ≠ running: ', '0 links down: ', '0 behind in version: ']);
  });

  it('kv1 crashed after #2618: one ghost, one mismatch, two links down', () => {
    const c = bootstrapS1('buggy');
    c.push(V2, 2, ['kv1', 'kv2', 'kv3']);
    c.wait(1000);
    c.node('kv1').crash();
    c.wait(50);
    expect(chips(c)).toEqual(['1 ghost link: kv3', '1 told ≠ running: kv3', '2 links down: kv2,kv3', '0 behind in version: ']);
  });

  it('a push half done: the nodes behind are counted', () => {
    const c = bootstrapS1('buggy');
    c.push(V2, 2, ['kv1']);
    expect(chips(c)[3]).toBe('2 behind in version: kv2,kv3');
  });
});
