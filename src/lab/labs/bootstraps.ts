/**
 * Named starting points for labs (`bootstrap: s1`). They are ordinary console inputs, run through
 * the session before step 1, so the fresh cluster stays reachable and replay sees them like any input.
 */
import { suggestedNodeId } from '../../protocol/node-ids.ts';
import { BASE_PORT } from '../../kvrocks/world.ts';

export const BOOTSTRAP_SUMMARY: Readonly<Record<string, string>> = {
  fresh: 'nothing: every node at version -1, no myid, no replication (the default)',
  s1: 'kvrocks-semantics S1 by hand: SETNODEID on every node, then SETNODES version 1 (kv1 master of 0-16383, every other node its replica) on every node, then .wait 1s',
};

/** The S1 topology for kv1..kvN: kv1 the master of every slot, the others its replicas. */
export function s1Payload(nodes: number): string {
  const names = Array.from({ length: nodes }, (_, i) => `kv${i + 1}`);
  const master = suggestedNodeId('kv1');
  return names
    .map((name, i) => `${suggestedNodeId(name)} 127.0.0.1 ${BASE_PORT + i} ${i === 0 ? 'master - 0-16383' : `slave ${master}`}`)
    .join('\n');
}

export function namedBootstrap(name: string, nodes: number): string[] | null {
  if (name === 'fresh') return [];
  if (name !== 's1') return null;
  const names = Array.from({ length: nodes }, (_, i) => `kv${i + 1}`);
  return [
    ...names.map((n) => `@${n} CLUSTERX SETNODEID ${suggestedNodeId(n)}`),
    ...names.map((n) => `@${n} CLUSTERX SETNODES "${s1Payload(nodes)}" 1`),
    '.wait 1s',
  ];
}
