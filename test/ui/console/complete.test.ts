import { describe, expect, it } from 'vitest';
import { suggestedNodeId } from '../../../src/protocol/node-ids.ts';
import { World } from '../../../src/kvrocks/world.ts';
import { Session } from '../../../src/lab/session.ts';
import { applyCompletion, commonPrefix, complete, contextOf, type CompletionContext } from '../../../src/ui/console/complete.ts';

const ctx: CompletionContext = {
  nodes: ['kv1', 'kv2', 'kv3'],
  ports: ['30001', '30002', '30003'],
  knownIds: [],
  current: 'kv1',
  suggestedId: suggestedNodeId,
};
const at = (text: string, c = ctx) => complete(text, text.length, c);
const candidates = (text: string, c = ctx) => at(text, c).candidates;
/** The text after pressing Tab once at the end of `text`. */
const tab = (text: string, c = ctx) => applyCompletion(text, at(text, c))?.text ?? text;

describe('complete: command names', () => {
  it('completes a unique command name with a trailing space, in the case being typed', () => {
    expect(tab('clusterx')).toBe('clusterx ');
    expect(tab('ROL')).toBe('ROLE ');
    expect(tab('rol')).toBe('role ');
  });

  it('offers every command starting with the prefix and extends to their common prefix', () => {
    expect(candidates('CL')).toEqual(['CLUSTERX', 'CLUSTER', 'CLIENT']);
    expect(tab('CLU')).toBe('CLUSTER');
    expect(candidates('CLUSTER')).toEqual(['CLUSTERX', 'CLUSTER']);
  });

  it('offers connect and never the replication internals (_fetch_meta ...)', () => {
    expect(candidates('con')).toEqual(['config', 'connect']);
    expect(candidates('_')).toEqual([]);
    expect(candidates('').length).toBeGreaterThan(15);
  });

  it('completes dot-commands', () => {
    expect(tab('.hel')).toBe('.help ');
    expect(candidates('.he')).toEqual(['.help', '.heal']);
    expect(candidates('.')).toContain('.partition');
    expect(tab('.mo')).toBe('.mode ');
  });

  it('completes @node and then a command for that node', () => {
    expect(candidates('@')).toEqual(['@kv1', '@kv2', '@kv3']);
    expect(tab('@kv2')).toBe('@kv2 ');
    expect(tab('@kv2 INF')).toBe('@kv2 INFO ');
  });

  it('keeps the text after the cursor', () => {
    const text = 'ROL @rest';
    const done = applyCompletion(text, complete(text, 3, ctx));
    expect(done).toEqual({ text: 'ROLE @rest', cursor: 5 });
  });
});

describe('complete: subcommands and arguments', () => {
  it('completes CLUSTER and CLUSTERX subcommands', () => {
    expect(candidates('CLUSTER ')).toContain('NODES');
    expect(tab('CLUSTER NO')).toBe('CLUSTER NODES ');
    expect(tab('clusterx setno')).toBe('clusterx setnode');
    expect(candidates('clusterx setnode')).toEqual(['setnodeid', 'setnodes']);
    expect(tab('@kv3 CLUSTERX VER')).toBe('@kv3 CLUSTERX VERSION ');
  });

  it('completes INFO sections in lower case, as people type them', () => {
    expect(tab('INFO rep')).toBe('INFO replication ');
    expect(candidates('INFO ')).toContain('replication');
    expect(candidates('INFO ')).toContain('all');
  });

  it('offers the target node\'s suggested id first for CLUSTERX SETNODEID', () => {
    expect(candidates('CLUSTERX SETNODEID ')[0]).toBe(suggestedNodeId('kv1'));
    expect(candidates('@kv3 CLUSTERX SETNODEID ')[0]).toBe(suggestedNodeId('kv3'));
    expect(candidates('@127.0.0.1:30002 CLUSTERX SETNODEID ')[0]).toBe(suggestedNodeId('kv2'));
    const id = suggestedNodeId('kv2');
    expect(tab(`@kv1 CLUSTERX SETNODEID ${id.slice(0, 6)}`)).toBe(`@kv1 CLUSTERX SETNODEID ${id} `);
  });

  it('offers ids the cluster knows, beyond the suggested ones', () => {
    const known = 'a'.repeat(40);
    const withKnown = { ...ctx, knownIds: [known] };
    expect(candidates('CLUSTER REPLICAS a', withKnown)).toEqual([known]);
    expect(tab('CLUSTERX SETSLOT 0 N')).toBe('CLUSTERX SETSLOT 0 NODE ');
    expect(candidates('CLUSTERX SETSLOT 0 NODE a', withKnown)).toEqual([known]);
  });

  it('completes node names for dot-commands, modes, connect', () => {
    expect(candidates('.use ')).toEqual(['kv1', 'kv2', 'kv3']);
    expect(tab('.crash kv3')).toBe('.crash kv3 ');
    expect(candidates('.partition kv1 ')).toEqual(['kv1', 'kv2', 'kv3', 'controller']);
    expect(candidates('.mode ')).toEqual(['buggy', 'fixed', 'guarded']);
    expect(tab('.mode fi')).toBe('.mode fixed ');
    expect(candidates('.controller s')).toEqual(['status', 'start', 'stop']);
    expect(tab('.controller remove kv')).toBe('.controller remove kv');
    expect(tab('.controller remove kv3')).toBe('.controller remove kv3 ');
    expect(tab('connect 127')).toBe('connect 127.0.0.1 ');
    expect(tab('connect 127.0.0.1 30003')).toBe('connect 127.0.0.1 30003 ');
  });

  it('offers nothing where nothing fits, and never throws on bad quoting', () => {
    expect(candidates('SET key ')).toEqual([]);
    expect(candidates('ROLE')).toEqual(['ROLE']);
    expect(candidates('GET "a"b ')).toEqual([]);
    expect(candidates('INFO zz')).toEqual([]);
    expect(applyCompletion('x', at('x'))).toBeNull();
  });
});

describe('complete: inside a SETNODES payload', () => {
  const id1 = suggestedNodeId('kv1');
  const id2 = suggestedNodeId('kv2');

  it('offers ids, the host, the node\'s own port, the role and the master id field by field', () => {
    expect(tab(`CLUSTERX SETNODES "${id1.slice(0, 5)}`)).toBe(`CLUSTERX SETNODES "${id1} `);
    expect(tab(`CLUSTERX SETNODES "${id1} 1`)).toBe(`CLUSTERX SETNODES "${id1} 127.0.0.1 `);
    expect(candidates(`CLUSTERX SETNODES "${id1} 127.0.0.1 `)).toEqual(['30001']);
    expect(candidates(`CLUSTERX SETNODES "${id1} 127.0.0.1 30001 `)).toEqual(['master', 'slave']);
    expect(candidates(`CLUSTERX SETNODES "${id1} 127.0.0.1 30001 master `)).toEqual(['-']);
    expect(candidates(`CLUSTERX SETNODES "${id1} 127.0.0.1 30001 master - `)).toEqual(['0-16383']);
  });

  it('starts each new payload line afresh', () => {
    const text = `CLUSTERX SETNODES "${id1} 127.0.0.1 30001 master - 0-16383\n${id2.slice(0, 4)}`;
    expect(tab(text)).toBe(`CLUSTERX SETNODES "${id1} 127.0.0.1 30001 master - 0-16383\n${id2} `);
    const slave = `CLUSTERX SETNODES "${id1} 127.0.0.1 30001 master - 0-16383\n${id2} 127.0.0.1 30002 slave ${id1.slice(0, 3)}`;
    expect(tab(slave)).toBe(`${slave.slice(0, -3)}${id1} `);
  });

  it('offers no id for an empty first field (hundreds of nodes would flood the list)', () => {
    expect(candidates('CLUSTERX SETNODES "')).toEqual([]);
  });
});

describe('complete: helpers', () => {
  it('commonPrefix', () => {
    expect(commonPrefix(['setnodeid', 'setnodes'])).toBe('setnode');
    expect(commonPrefix([])).toBe('');
    expect(commonPrefix(['a'])).toBe('a');
  });

  it('applyCompletion with a choice cycles through candidates', () => {
    const c = at('clusterx setnode');
    expect(applyCompletion('clusterx setnode', c, 0)?.text).toBe('clusterx setnodeid');
    expect(applyCompletion('clusterx setnode', c, 3)?.text).toBe('clusterx setnodes');
  });

  it('contextOf collects node names, ports and every id the nodes know', () => {
    const session = new Session({ nodes: 3, seed: 1, mode: 'buggy' });
    const id = suggestedNodeId('kv1');
    session.run(`@kv1 CLUSTERX SETNODEID ${id}`);
    session.run(`@kv2 CLUSTERX SETNODES "${id} 127.0.0.1 30001 master - 0-16383\n${'b'.repeat(40)} 127.0.0.1 30002 slave ${id}" 1`);
    const c = contextOf(session.world, 'kv2');
    expect(c.nodes).toEqual(['kv1', 'kv2', 'kv3']);
    expect(c.ports).toEqual(['30001', '30002', '30003']);
    expect(new Set(c.knownIds)).toEqual(new Set([id, 'b'.repeat(40)]));
    expect(c.suggestedId('kv3')).toBe(suggestedNodeId('kv3'));
    expect(contextOf(new World({ nodes: 500, seed: 1, mode: 'fixed' }), 'kv1').nodes).toHaveLength(500);
  });
});
