/**
 * The text mirror's rows: the graph as a table, one row per node, with the same facts the graph
 * draws (told role, running role, master link, ghost links), in words.
 */
import type { World } from '../../kvrocks/world.ts';
import { roleMismatch } from '../graph/elements.ts';
import { LINK_WORDS, replicationLinks, type ReplLink } from '../graph/links.ts';
import { runningRole, toldRole, TOLD_TEXT } from '../graph/roles.ts';

export interface MirrorRow {
  readonly name: string;
  readonly address: string;
  readonly process: string;
  readonly told: string;
  readonly running: string;
  /** The replica's link to its master in the legend's words (`kv1 link up (kReplConnected)`). */
  readonly masterLink: string;
  /** It runs a role its own topology does not give it (the graph's red halo). */
  readonly mismatch: boolean;
  readonly version: string;
  readonly replicas: string;
  /** Ghost links this node is an end of, in words; empty when none. */
  readonly ghosts: readonly string[];
}

export function mirrorRows(world: World, links: readonly ReplLink[] = replicationLinks(world)): MirrorRow[] {
  const ghostsOf = new Map<string, string[]>();
  const note = (name: string, text: string) => ghostsOf.set(name, [...(ghostsOf.get(name) ?? []), text]);
  const linkOf = new Map<string, ReplLink>();
  for (const link of links) {
    if (link.state !== null) linkOf.set(link.replica, link);
    if (!link.ghost) continue;
    if (link.state !== null) note(link.replica, `replicates ${link.master}`);
    if (link.fed) note(link.master, `feeds ${link.replica}`);
  }
  return world.nodes.map((node) => {
    const replica = node.replica;
    const master = replica ? world.find(`${replica.masterHost}:${replica.masterPort}`) : undefined;
    const link = linkOf.get(node.name);
    const words = link ? LINK_WORDS[link.linkClass] : replica?.state === 'kReplConnected' ? LINK_WORDS.connected : LINK_WORDS.connecting;
    const feeds = node.running ? node.master.live() : [];
    return {
      name: node.name,
      address: node.address,
      process: node.processState,
      told: TOLD_TEXT[toldRole(node)],
      running: runningRole(node) === 'unknown' ? '? (down)' : runningRole(node),
      masterLink: replica ? `${master?.name ?? `${replica.masterHost}:${replica.masterPort}`} ${words} (${replica.state})` : '-',
      mismatch: roleMismatch(toldRole(node), runningRole(node)),
      version: node.running ? String(node.cluster.version) : '?',
      replicas: feeds.length === 0 ? '0' : `${feeds.length}: ${feeds.map((f) => world.find(`${f.client.infoIp}:${f.client.infoPort}`)?.name ?? `${f.client.infoIp}:${f.client.infoPort}`).join(', ')}`,
      ghosts: ghostsOf.get(node.name) ?? [],
    };
  });
}
