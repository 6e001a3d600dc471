// The inspector's pure parts: fault inputs, the replication diagram, the node's own views.
import { describe, expect, it } from 'vitest';
import { REPL_STATES } from '../../../src/machines/repl-state.ts';
import { Session } from '../../../src/lab/session.ts';
import { nodeFaults, partitionInput, partitionPeers } from '../../../src/ui/inspector/faults.ts';
import { clusterView, replicationInfo } from '../../../src/ui/inspector/node-views.ts';
import { DIAGRAM_STATES, DIAGRAM_TRANSITIONS, findTransition, lastReplTransition, transitionPath } from '../../../src/ui/inspector/repl-diagram.ts';
import { bootstrapS1, shardLines } from '../../support/cluster.ts';

describe('fault inputs', () => {
  it('offer crash, restart, kill the master link, kill replica feeds, heal, as console inputs', () => {
    const c = bootstrapS1();
    const kv3 = nodeFaults(c.world, c.node('kv3'));
    expect(kv3.map((f) => [f.id, f.input, f.enabled])).toEqual([
      ['crash', '.crash kv3', true],
      ['restart', '.restart kv3', true],
      ['kill-master-link', '@kv3 CLIENT KILL TYPE master', true],
      ['kill-replicas', '@kv3 CLIENT KILL TYPE slave', false],
      ['heal', '.heal', false],
    ]);
    expect(nodeFaults(c.world, c.node('kv1')).find((f) => f.id === 'kill-replicas')).toMatchObject({ enabled: true, input: '@kv1 CLIENT KILL TYPE slave' });
    expect(partitionInput('kv1', 'kv2')).toBe('.partition kv1 kv2');
  });

  it('every input runs in a session and does what it says', () => {
    const s = new Session({ nodes: 3, seed: 1, mode: 'buggy' });
    s.run(`@kv1 CLUSTERX SETNODEID ${'1'.repeat(40)}`);
    for (const n of ['kv1', 'kv2', 'kv3']) {
      const payload = `${'1'.repeat(40)} 127.0.0.1 30001 master - 0-16383\n${'2'.repeat(40)} 127.0.0.1 30002 slave ${'1'.repeat(40)}\n${'3'.repeat(40)} 127.0.0.1 30003 slave ${'1'.repeat(40)}`;
      if (n !== 'kv1') s.run(`@${n} CLUSTERX SETNODEID ${n === 'kv2' ? '2'.repeat(40) : '3'.repeat(40)}`);
      s.world.exec(s.world.find(n)!, s.clientFor(s.world.find(n)!), ['CLUSTERX', 'SETNODES', payload, '1']);
    }
    s.runUntil(1000);
    const kv1 = s.world.find('kv1')!;
    const byId = (id: string) => nodeFaults(s.world, s.world.find('kv3')!).find((f) => f.id === id)!;
    expect(s.run(byId('kill-master-link').input).output).toBe('(integer) 1');
    expect(s.run(nodeFaults(s.world, kv1).find((f) => f.id === 'kill-replicas')!.input).output).toMatch(/^\(integer\) [12]$/);
    expect(s.run(partitionInput('kv1', 'kv2')).error).toBeNull();
    expect(partitionPeers(s.world, kv1)).toEqual(['kv3']);
    expect(nodeFaults(s.world, kv1).find((f) => f.id === 'heal')!.enabled).toBe(true);
    expect(s.run(byId('crash').input).output).toBe('# kv3 crashed');
    expect(nodeFaults(s.world, s.world.find('kv3')!).map((f) => f.enabled)).toEqual([false, true, false, false, true]);
    expect(byId('restart').label).toBe('Start');
  });
});

describe('replication diagram', () => {
  it('draws every kRepl* state once, with distinct places', () => {
    expect(DIAGRAM_STATES.map((s) => s.id)).toEqual([...REPL_STATES]);
    expect(new Set(DIAGRAM_STATES.map((s) => `${s.x},${s.y}`)).size).toBe(REPL_STATES.length);
  });

  it('has an edge for every transition a real handshake, reconnect and full sync makes', () => {
    const seen = new Set<string>();
    const collect = (c: ReturnType<typeof bootstrapS1>) => {
      for (const e of c.world.sim.trace.entries) if (e.kind === 'transition' && e.machine === 'replication') seen.add(`${e.from}>${e.to}`);
    };
    const reconnect = bootstrapS1();
    reconnect.node('kv1').crash();
    reconnect.wait(100);
    reconnect.node('kv1').restart();
    reconnect.wait(3000);
    collect(reconnect);
    // A full sync: kv1 writes while cut off from kv2, then kv2 becomes master; kv1 is ahead.
    const full = bootstrapS1();
    full.run('kv1', 'SET', 'k', 'v');
    full.wait(100);
    full.world.partition(full.node('kv1'), full.node('kv2'));
    full.run('kv1', 'SET', 'k2', 'v');
    full.wait(100);
    full.push(shardLines('kv2', ['kv1', 'kv3']), 2, ['kv1', 'kv2', 'kv3']);
    full.world.heal();
    full.wait(15_000);
    collect(full);
    expect(seen).toContain('kReplFetchMeta>kReplFetchSST');
    expect(seen).toContain('kReplConnected>kReplConnecting');
    for (const pair of seen) {
      const [from, to] = pair.split('>');
      expect(findTransition(from!, to!), pair).toBeDefined();
    }
  });

  it('paths start and end near the state boxes, bending as asked', () => {
    const straight = transitionPath(findTransition('kReplCheckDBName', 'kReplReplConf')!, 50);
    expect(straight.d).toBe('M 130 178 Q 130 190 130 202');
    for (const t of DIAGRAM_TRANSITIONS) expect(transitionPath(t).d).toMatch(/^M [\d.-]+ [\d.-]+ Q [\d.-]+ [\d.-]+ [\d.-]+ [\d.-]+$/);
  });

  it('finds the newest transition of the selected node only', () => {
    const c = bootstrapS1();
    const entries = c.world.sim.trace.entries;
    const last = lastReplTransition(entries, 'kv2', 4);
    expect(last).toMatchObject({ from: 'kReplSendPSync', to: 'kReplConnected', serial: 5 });
    expect(lastReplTransition(entries, 'kv1', 0)).toBeNull();
  });
});

describe('node views', () => {
  it('CLUSTER NODES as the node sees it, its own line flagged myself', () => {
    const c = bootstrapS1();
    const view = clusterView(c.node('kv2'));
    expect(view.version).toBe(1);
    expect(view.lines.map((l) => l.myself)).toEqual([false, true, false]);
    expect(view.note).toBe('');
    expect(view.lines[1]!.text).toContain('myself,slave');
  });

  it('a node left out of its own topology, a fresh node and a down node say so', () => {
    const c = bootstrapS1();
    c.push(shardLines('kv1', ['kv2']), 2, ['kv1', 'kv2', 'kv3']);
    const kv3 = clusterView(c.node('kv3'));
    expect(kv3.lines.some((l) => l.myself)).toBe(false);
    expect(kv3.note).toMatch(/^this node is not in its own topology \(myid [0-9a-f]{40}\)$/);
    c.node('kv2').crash();
    c.wait(1);
    expect(clusterView(c.node('kv2')).note).toBe('Could not connect to Redis at 127.0.0.1:30002: Connection refused');
    expect(replicationInfo(c.node('kv2'))).toBe('Could not connect to Redis at 127.0.0.1:30002: Connection refused');
    const fresh = new Session({ nodes: 1, seed: 1, mode: 'buggy' }).world.nodes[0]!;
    expect(clusterView(fresh).note).toBe('(error) CLUSTERDOWN The cluster is not initialized');
  });

  it('INFO replication exactly as the console prints it', () => {
    const c = bootstrapS1();
    expect(replicationInfo(c.node('kv3'))).toBe(c.run('kv3', 'INFO', 'replication').replace(/\r\n/g, '\n').trimEnd());
    expect(replicationInfo(c.node('kv3'))).toContain('master_link_status:up');
  });
});
