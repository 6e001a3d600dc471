/** Plain-text tables of the cluster: what each node was told next to what it runs. */
import { suggestedNodeId } from '../protocol/node-ids.ts';
import type { KvrocksNode } from '../kvrocks/node/node.ts';
import type { World } from '../kvrocks/world.ts';

export interface NodeRow {
  readonly name: string;
  readonly address: string;
  readonly process: string;
  readonly version: number;
  /** The role in this node's own topology: master, slave, or `-` when it is not in it. */
  readonly told: string;
  /** `role:` from INFO replication: the replication it actually runs. */
  readonly running: string;
  /** master host:port and link state when replicating. */
  readonly masterLink: string;
  readonly replicas: number;
}

export function nodeRow(node: KvrocksNode): NodeRow {
  const cluster = node.cluster;
  const myself = cluster.myself;
  const replica = node.replica;
  return {
    name: node.name,
    address: node.address,
    process: node.processState,
    version: cluster.version,
    told: node.running ? (myself ? myself.role : cluster.version < 0 ? '(none)' : '(not in topology)') : '?',
    running: node.running ? (node.isSlave ? 'slave' : 'master') : '?',
    masterLink: replica ? `${replica.masterHost}:${replica.masterPort} ${replica.state === 'kReplConnected' ? 'up' : 'down'} (${replica.state})` : '-',
    replicas: node.master.live().length,
  };
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function nodesTable(world: World): string {
  const rows = world.nodes.map(nodeRow).map((r) => [r.name, r.address, r.process, String(r.version), r.told, r.running, r.masterLink, String(r.replicas)]);
  return table(['node', 'address', 'process', 'version', 'told', 'running', 'master link', 'replicas'], rows);
}

export function idsTable(world: World): string {
  return table(
    ['node', 'address', 'suggested id'],
    world.nodes.map((n) => [n.name, n.address, suggestedNodeId(n.name)]),
  );
}
