/** Shared ids, payloads and addresses for the cluster tests (the S1 cluster of semantics §7). */
import { ClusterState } from '../../../src/kvrocks/cluster/cluster-state.ts';

/** A readable 40-character node id: the name padded with '0'. */
export const nodeId = (name: string): string => name.padEnd(40, '0');

export const M = nodeId('m');
export const R1 = nodeId('r1');
export const R2 = nodeId('r2');

export const HOST = '127.0.0.1';
export const M_ADDR = { host: HOST, port: 30001 };
export const R1_ADDR = { host: HOST, port: 30002 };
export const R2_ADDR = { host: HOST, port: 30003 };

/** S1: M owns every slot, R1 and R2 replicate it. */
export const S1_PAYLOAD = [
  `${M} ${HOST} 30001 master - 0-16383`,
  `${R1} ${HOST} 30002 slave ${M}`,
  `${R2} ${HOST} 30003 slave ${M}`,
].join('\n');

/** A fresh node that got SETNODEID <id> and SETNODES <S1> 1, as the controller bootstraps it. */
export function bootstrappedS1(id: string, addr: { host: string; port: number }): ClusterState {
  const state = new ClusterState();
  state.setNodeId(id);
  const outcome = state.setClusterNodes(S1_PAYLOAD, 1, false, addr);
  if (outcome.kind !== 'applied') throw new Error(`bootstrap failed: ${JSON.stringify(outcome)}`);
  return state;
}

/** Everything observable about a state, for before/after comparisons. */
export function snapshotOf(state: ClusterState): unknown {
  return {
    version: state.version,
    myId: state.myId,
    topology: state.topology,
    myself: state.myself,
    slotOwner: [...state.slotOwner],
    phantoms: [...state.phantomNodeIds],
  };
}
