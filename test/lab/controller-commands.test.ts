// `.controller sync` (PR #400's endpoint) and the controller switches read from the World's setting,
// end to end: the controller talks to real model nodes over the simulated network.
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/lab/session.ts';

function started(mode: string) {
  const s = new Session({ nodes: 3, seed: 1, mode });
  const run = (input: string) => s.run(input);
  for (const input of ['.controller start', '.controller create 3', '.wait 4s']) expect(run(input).error).toBeNull();
  return { s, run };
}

const PARTIAL = '"7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3 127.0.0.1 30001 master - 0-16383\n0bf1f0cfcfcec3e719806c472f60925f76589f70 127.0.0.1 30003 slave 7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3" 1 force';
const knownNodes = (run: (i: string) => { output: string }) => /cluster_known_nodes:(\d+)/.exec(run('@kv3 CLUSTER INFO').output)?.[1];

describe('.controller sync', () => {
  it('has no route without force-resync-400, and says which switch adds it', () => {
    const { run } = started('buggy');
    expect(run('.controller sync').error).toBe('controller: 404 page not found (POST .../sync is added by the open kvrocks-controller PR #400: .switch force-resync-400 on)');
    expect(run('.controller sync now').error).toBe('usage: .controller sync');
  });

  it('force-pushes the stored topology, repairing a node that drifted at the stored version', () => {
    const { run } = started('buggy');
    expect(run(`@kv3 CLUSTERX SETNODES ${PARTIAL}`).output).toBe('OK');
    expect(run('.switch force-resync-400 on').error).toBeNull();
    expect(run('.controller sync').error).toBeNull();
    run('.wait 100ms');
    expect(knownNodes(run)).toBe('3');
    expect(run('.controller status').output).toContain('synced 3 node(s) at v1: 127.0.0.1:30001, 127.0.0.1:30002, 127.0.0.1:30003');
  });
});

describe('the controller reads its switches from the setting in force', () => {
  it('repairs a drifted node at the next probe only once force-resync-400 is switched on', () => {
    const { run } = started('buggy');
    run(`@kv3 CLUSTERX SETNODES ${PARTIAL}`);
    run('.wait 9s');
    expect(knownNodes(run)).toBe('2');
    run('.switch force-resync-400 on');
    run('.wait 3s');
    expect(knownNodes(run)).toBe('3');
  });
});
