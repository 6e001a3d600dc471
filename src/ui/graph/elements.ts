/**
 * The cluster graph as plain element data (react-cytoscapejs style): computed from the model, never
 * from Cytoscape, so it is unit-tested on a World built in the test. The adapter (cy-adapter.ts)
 * patches one long-lived Cytoscape instance with it by id.
 *
 * Layers: nodes (id = node name); topology edges `topo:<replica>-><master>` from each node's OWN
 * view; live replication edges `repl:<replica>-><master>` (links.ts); message dots (messages.ts).
 */
import type { World } from '../../kvrocks/world.ts';
import type { ReplState } from '../../machines/repl-state.ts';
import { type LinkClass, LinkHistory, replicationLinks, type ReplLink } from './links.ts';
import { InFlight, type InFlightOptions, type MessageData } from './messages.ts';
import { masterListsReplica, runningRole, toldMasterOf, toldRole, toldShards, TOLD_TEXT, type RunningRole, type ToldRole } from './roles.ts';
import { TraceCursor } from './trace-cursor.ts';

export interface NodeData {
  readonly id: string;
  readonly label: string;
  readonly address: string;
  readonly told: ToldRole;
  readonly running: RunningRole;
  readonly replState: ReplState | null;
  readonly process: string;
  readonly version: number;
  /** Space-separated Cytoscape classes: `kvnode`, `run-*`, `told-*`, `down`, `mismatch`. */
  readonly classes: string;
}

export interface TopoEdgeData {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** The master's own topology lists the replica too (both views agree). */
  readonly agreed: boolean;
  readonly classes: string;
}

export interface ReplEdgeData {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly state: ReplState | null;
  readonly linkClass: LinkClass;
  readonly ghost: boolean;
  readonly ghostReason: string;
  readonly label: string;
  readonly classes: string;
}

export interface GraphElements {
  readonly nodes: readonly NodeData[];
  readonly topoEdges: readonly TopoEdgeData[];
  readonly replEdges: readonly ReplEdgeData[];
  readonly messages: readonly MessageData[];
}

/** Running slave without being told so, or running master while told slave: the #2618 shape. */
export function roleMismatch(told: ToldRole, running: RunningRole): boolean {
  return (running === 'slave' && told !== 'slave') || (running === 'master' && told === 'slave');
}

/** The label lines under a node's name: the role it runs, and what it was told when that differs. */
export function roleCaption(told: ToldRole, running: RunningRole, process: string): string {
  if (running === 'unknown') return `down (${process})`;
  if (roleMismatch(told, running)) return `runs ${running}\ntold: ${TOLD_TEXT[told]}`;
  if (told === 'none') return `${running} · no topology`;
  if (told === 'not-in-topology') return `${running}\nnot in topology`;
  return running;
}

export function nodeElements(world: World): NodeData[] {
  return world.nodes.map((node) => {
    const told = toldRole(node);
    const running = runningRole(node);
    const process = node.processState;
    const mismatch = roleMismatch(told, running);
    const classes = ['kvnode', `run-${running}`, `told-${told}`];
    if (!node.running) classes.push('down');
    if (mismatch) classes.push('mismatch');
    return {
      id: node.name,
      label: `${node.name}\n${roleCaption(told, running, process)}`,
      address: node.address,
      told,
      running,
      replState: node.replica?.state ?? null,
      process,
      version: node.cluster.version,
      classes: classes.join(' '),
    };
  });
}

export function topologyEdges(world: World): TopoEdgeData[] {
  const edges: TopoEdgeData[] = [];
  for (const node of world.nodes) {
    const master = toldMasterOf(world, node);
    if (!master || master === node) continue;
    const agreed = masterListsReplica(master, node) !== false;
    edges.push({ id: `topo:${node.name}->${master.name}`, source: node.name, target: master.name, agreed, classes: agreed ? 'topo' : 'topo one-sided' });
  }
  return edges;
}

const LINK_LABEL: Record<LinkClass, string> = {
  connecting: 'connecting',
  handshake: 'handshake',
  fullsync: 'full sync',
  connected: '',
  broken: 'link down',
  'feed-only': 'master still feeds',
};

export function replicationEdge(link: ReplLink): ReplEdgeData {
  const classes = ['repl', link.linkClass];
  if (link.ghost) classes.push('ghost');
  const label = link.ghost ? `ghost${LINK_LABEL[link.linkClass] ? ` · ${LINK_LABEL[link.linkClass]}` : ''}` : LINK_LABEL[link.linkClass];
  return {
    id: link.id,
    source: link.replica,
    target: link.master,
    state: link.state,
    linkClass: link.linkClass,
    ghost: link.ghost,
    ghostReason: link.ghostReason,
    label,
    classes: classes.join(' '),
  };
}

/**
 * The graph of one world over time: remembers its place in the trace (messages in flight, links
 * that have been up) so each frame costs O(nodes + links + new trace entries).
 */
export class GraphModel {
  private readonly cursor = new TraceCursor();
  private readonly inFlight = new InFlight();
  private readonly history = new LinkHistory();

  update(world: World, options: InFlightOptions = {}): GraphElements {
    const { entries, restarted } = this.cursor.next(world);
    if (restarted) {
      this.inFlight.reset();
      this.history.reset();
    }
    this.inFlight.add(entries);
    this.history.add(entries);
    const names = new Set(world.nodes.map((n) => n.name));
    const messages = this.inFlight.at(world.now(), options).filter((m) => names.has(m.from) && names.has(m.to));
    return {
      nodes: nodeElements(world),
      topoEdges: topologyEdges(world),
      replEdges: replicationLinks(world, this.history).map(replicationEdge),
      messages,
    };
  }

  /** Node names by the shard their own topology puts them in (for arranging the layout). */
  shards(world: World): string[][] {
    return toldShards(world).map((shard) => shard.map((node) => node.name));
  }
}
