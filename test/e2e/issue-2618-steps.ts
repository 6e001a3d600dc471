/**
 * The #2618 reproduction as console inputs, built by the topology panel's own functions, so the
 * e2e test, the screenshots and the benchmark type exactly what the panel would send.
 */
import { suggestedNodeId } from '../../src/kvrocks/node-ids.ts';
import { planTopology, pushCommands, type NodeInfo } from '../../src/ui/topology/commands.ts';
import { presetS1, presetS2, presetShards } from '../../src/ui/topology/presets.ts';

export function names(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `kv${i + 1}`);
}

function infos(count: number, version: number): NodeInfo[] {
  return names(count).map((name, i) => ({ name, host: '127.0.0.1', port: 30001 + i, myId: version < 0 ? '' : suggestedNodeId(name), version, running: true }));
}

/** S1 on a fresh cluster of `count` nodes: kv1 master, kv2 and kv3 replicas, pushed to every node. */
export function bootstrapS1(count = 3): string[] {
  const nodes = infos(count, -1);
  return pushCommands(nodes, planTopology(nodes, presetS1(names(count))), names(count), 1);
}

/** S2 after S1: v2 without kv3, pushed to every node, kv3 included (#2618). */
export function removeKv3(count = 3): string[] {
  const nodes = infos(count, 1);
  return pushCommands(nodes, planTopology(nodes, presetS2(names(count))), names(count), 2);
}

export const ISSUE_2618: readonly string[] = [...bootstrapS1(), '.wait 1s', '@kv1 SET greeting hello', '.wait 1s', ...removeKv3(), '.wait 5s'];

/** Every node in shards of 1 master + 2 replicas, at `version`, from fresh (SETNODEID first) or not. */
export function shardsTopology(count: number, version: number, fresh: boolean): string[] {
  const nodes = infos(count, fresh ? -1 : version - 1);
  return pushCommands(nodes, planTopology(nodes, presetShards(names(count), 2)), names(count), version);
}
