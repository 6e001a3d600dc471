/**
 * The text mirror's rows: the graph as a table, one row per node, with the same facts the graph
 * draws (told role, running role, master link, ghost links), in words.
 */
import type { World } from '../../kvrocks/world.ts';
import { replicationLinks, type ReplLink } from '../graph/links.ts';
import { runningRole, toldRole, TOLD_TEXT } from '../graph/roles.ts';

export interface MirrorRow {
  readonly name: string;
  readonly address: string;
  readonly process: string;
  readonly told: string;
  readonly running: string;
  readonly masterLink: string;
  readonly version: string;
  readonly replicas: string;
  /** Ghost links this node is an end of, in words; empty when none. */
  readonly ghosts: readonly string[];
}

export function mirrorRows(world: World, links: readonly ReplLink[] = replicationLinks(world)): MirrorRow[] {
  const ghostsOf = new Map<string, string[]>();
  const note = (name: string, text: string) => ghostsOf.set(name, [...(ghostsOf.get(name) ?? []), text]);
  for (const link of links) {
    if (!link.ghost) continue;
    if (link.state !== null) note(link.replica, `replicates ${link.master}`);
    if (link.fed) note(link.master, `feeds ${link.replica}`);
  }
  return world.nodes.map((node) => {
    const replica = node.replica;
    const master = replica ? world.find(`${replica.masterHost}:${replica.masterPort}`) : undefined;
    const up = replica?.state === 'kReplConnected';
    const feeds = node.running ? node.master.live() : [];
    return {
      name: node.name,
      address: node.address,
      process: node.processState,
      told: TOLD_TEXT[toldRole(node)],
      running: runningRole(node) === 'unknown' ? '? (down)' : runningRole(node),
      masterLink: replica ? `${master?.name ?? `${replica.masterHost}:${replica.masterPort}`} ${up ? 'up' : 'down'} (${replica.state})` : '-',
      version: node.running ? String(node.cluster.version) : '?',
      replicas: feeds.length === 0 ? '0' : `${feeds.length}: ${feeds.map((f) => world.find(`${f.client.infoIp}:${f.client.infoPort}`)?.name ?? `${f.client.infoIp}:${f.client.infoPort}`).join(', ')}`,
      ghosts: ghostsOf.get(node.name) ?? [],
    };
  });
}
