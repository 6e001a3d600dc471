import { describe, expect, it } from 'vitest';
import { World } from '../../../src/kvrocks/world.ts';
import { matchNodes, nodeEntries } from '../../../src/ui/graph/node-search.ts';

describe('matchNodes over 1,000 nodes', () => {
  const world = new World({ seed: 1, mode: 'buggy', nodes: 1000 });
  const entries = nodeEntries(world);
  const names = (q: string, limit?: number) => matchNodes(entries, q, limit).map((m) => m.name);

  it('a name or a bare number: the exact node first, then name prefixes in cluster order', () => {
    expect(names('kv8', 4)).toEqual(['kv8', 'kv80', 'kv81', 'kv82']);
    expect(names('8', 3)).toEqual(['kv8', 'kv80', 'kv81']);
    expect(names('KV1000')).toEqual(['kv1000']);
  });

  it('an address or a port finds the node listening there', () => {
    expect(matchNodes(entries, '127.0.0.1:30642')).toEqual([{ name: 'kv642', address: '127.0.0.1:30642', id: '', by: 'address' }]);
    expect(names('localhost:30007')).toEqual(['kv7']);
  });

  it('a node id prefix, once the node has an id', () => {
    const c = world.nodes[41]!;
    world.call(c, c.localClient(), ['CLUSTERX', 'SETNODEID', 'f00dfeed'.padEnd(40, '0')]);
    expect(matchNodes(entries.map((e) => (e.name === 'kv42' ? { ...e, id: c.cluster.myId } : e)), 'f00d')).toMatchObject([{ name: 'kv42', by: 'id' }]);
    expect(nodeEntries(world)[41]!.id).toBe('f00dfeed'.padEnd(40, '0'));
  });

  it('nothing matching gives nothing; an empty query the first few', () => {
    expect(names('zz')).toEqual([]);
    expect(names('', 3)).toEqual(['kv1', 'kv2', 'kv3']);
  });
});
