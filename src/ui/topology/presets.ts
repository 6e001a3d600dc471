/**
 * Starting points for the topology panel: the roles the cluster has now (as its most up-to-date
 * node sees them), and the scenario presets of kvrocks-semantics §7.
 */
import { formatSlotRanges, MAX_SLOT } from '../../kvrocks/cluster/slots.ts';
import type { KvrocksNode } from '../../kvrocks/node/node.ts';
import type { World } from '../../kvrocks/world.ts';
import type { Assignment, NodeInfo } from './commands.ts';

export function nodeInfos(world: World): NodeInfo[] {
  return world.nodes.map((n) => ({ name: n.name, host: n.host, port: n.port, myId: n.running ? n.cluster.myId : '', version: n.running ? n.cluster.version : -1, running: n.running }));
}

const out = (name: string): Assignment => ({ name, role: 'out', slots: '', master: '' });

/** The roles in the topology of the running node with the highest version; everyone else left out. */
export function currentAssignments(world: World): Assignment[] | null {
  let best: KvrocksNode | null = null;
  for (const n of world.nodes) if (n.running && n.cluster.topology && (!best || n.cluster.version > best.cluster.version)) best = n;
  const topology = best?.cluster.topology;
  if (!topology) return null;
  const byAddress = new Map([...topology.nodes.values()].map((line) => [`${line.host}:${line.port}`, line]));
  const nameOfId = new Map([...topology.nodes.values()].map((line) => [line.id, world.find(`${line.host}:${line.port}`)?.name ?? '']));
  return world.nodes.map((n) => {
    const line = byAddress.get(n.address);
    if (!line) return out(n.name);
    if (line.role === 'master') return { name: n.name, role: 'master', slots: formatSlotRanges(line.slots), master: '' };
    return { name: n.name, role: 'slave', slots: '', master: nameOfId.get(line.masterId ?? '') ?? '' };
  });
}

/** S1: kv1 master of every slot, kv2 and kv3 its replicas; any other node left out. */
export function presetS1(names: readonly string[]): Assignment[] {
  return names.map((name, i) =>
    i === 0 ? { name, role: 'master', slots: `0-${MAX_SLOT}`, master: '' } : i < 3 ? { name, role: 'slave', slots: '', master: names[0]! } : out(name),
  );
}

/** S2: the S1 topology without kv3 (pushed to every node, kv3 included). */
export function presetS2(names: readonly string[]): Assignment[] {
  return presetS1(names).map((a) => (a.name === names[2] ? out(a.name) : a));
}

/** Every node used: shards of one master and `replicas` replicas, slots split evenly. */
export function presetShards(names: readonly string[], replicas: number): Assignment[] {
  const size = replicas + 1;
  const shards = Math.max(1, Math.floor(names.length / size));
  const per = Math.floor((MAX_SLOT + 1) / shards);
  return names.map((name, i) => {
    const shard = Math.floor(i / size);
    if (shard >= shards) return out(name);
    if (i % size !== 0) return { name, role: 'slave', slots: '', master: names[shard * size]! };
    const start = shard * per;
    const end = shard === shards - 1 ? MAX_SLOT : start + per - 1;
    return { name, role: 'master', slots: formatSlotRanges([{ start, end }]), master: '' };
  });
}
