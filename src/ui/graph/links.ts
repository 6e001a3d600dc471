/**
 * Live replication links as the graph and the mirror show them: one per (replica, master) pair that
 * either side still runs (the replica's ReplicationThread, or the master's FeedSlaveThread), with
 * a display class from the replica's kRepl* state, and the #2618 "ghost" flag when a topology no
 * longer has the link (kvrocks-semantics §2.2, §3.2: the master never looks at the topology).
 */
import type { KvrocksNode } from '../../kvrocks/node/node.ts';
import type { World } from '../../kvrocks/world.ts';
import type { ReplState } from '../../machines/repl-state.ts';
import { masterListsReplica, nodeAt, toldMasterOf } from './roles.ts';

export type LinkClass = 'connecting' | 'handshake' | 'fullsync' | 'connected' | 'broken' | 'feed-only';

export interface ReplLink {
  /** `repl:<replica>-><master>` */
  readonly id: string;
  readonly replica: string;
  readonly master: string;
  /** The replica's state, or null when only the master still feeds it. */
  readonly state: ReplState | null;
  readonly linkClass: LinkClass;
  /** The master has a live feed thread for this replica (it is listed in the master's INFO). */
  readonly fed: boolean;
  readonly ghost: boolean;
  /** Why it is a ghost, in words (empty when it is not). */
  readonly ghostReason: string;
}

/**
 * A link's state in the words every view uses (graph labels, legend, text view, findings): one
 * word per look (cy-style.ts gives each class one line style).
 */
export const LINK_WORDS: Record<LinkClass, string> = {
  connecting: 'connecting',
  handshake: 'handshake',
  fullsync: 'full sync',
  connected: 'link up',
  broken: 'link down',
  'feed-only': 'fed only',
};

/**
 * The one rule for an edge's words: its state first (a link to a crashed master reads "link down"
 * on every replica), then "ghost" when a topology no longer has it. An up link says only "ghost"
 * (or nothing): the green line already says it is up.
 */
export function linkLabel(link: Pick<ReplLink, 'linkClass' | 'ghost'>): string {
  const state = link.linkClass === 'connected' ? '' : LINK_WORDS[link.linkClass];
  if (!link.ghost) return state;
  return state === '' ? 'ghost' : `${state} · ghost`;
}

export function linkClass(state: ReplState, wasUp: boolean): LinkClass {
  switch (state) {
    case 'kReplConnected':
      return 'connected';
    case 'kReplConnecting':
      return wasUp ? 'broken' : 'connecting';
    case 'kReplFetchMeta':
    case 'kReplFetchSST':
    case 'kReplError': // flashes only at the hand-off between the PSYNC and full-sync sequences
      return 'fullsync';
    default:
      return 'handshake';
  }
}

function ghostReason(world: World, replica: KvrocksNode, master: KvrocksNode): string {
  const reasons: string[] = [];
  if (replica.running && toldMasterOf(world, replica) !== master) reasons.push(`${replica.name}'s topology does not make it a slave of ${master.name}`);
  if (masterListsReplica(master, replica) === false) reasons.push(`${master.name}'s topology does not list ${replica.name} as its slave`);
  return reasons.join('; ');
}

/** Every live replication link in the world, in node order (replica side first, then feeds only). */
export function replicationLinks(world: World): ReplLink[] {
  const links = new Map<string, { replica: KvrocksNode; master: KvrocksNode; state: ReplState | null; wasUp: boolean; fed: boolean }>();
  for (const node of world.nodes) {
    const link = node.replica;
    if (!link) continue;
    const master = nodeAt(world, `${link.masterHost}:${link.masterPort}`);
    if (!master || master === node) continue;
    links.set(`repl:${node.name}->${master.name}`, { replica: node, master, state: link.state, wasUp: link.everConnected, fed: false });
  }
  for (const master of world.nodes) {
    for (const feed of master.master.feeds) {
      if (feed.stopped) continue;
      const replica = nodeAt(world, `${feed.client.infoIp}:${feed.client.infoPort}`);
      if (!replica || replica === master) continue;
      const id = `repl:${replica.name}->${master.name}`;
      const known = links.get(id);
      if (known) known.fed = true;
      else links.set(id, { replica, master, state: null, wasUp: false, fed: true });
    }
  }
  return [...links].map(([id, l]) => {
    const reason = ghostReason(world, l.replica, l.master);
    return {
      id,
      replica: l.replica.name,
      master: l.master.name,
      state: l.state,
      linkClass: l.state === null ? 'feed-only' : linkClass(l.state, l.wasUp),
      fed: l.fed,
      ghost: reason !== '',
      ghostReason: reason,
    };
  });
}
