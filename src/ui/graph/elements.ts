/**
 * The cluster graph as plain element data (react-cytoscapejs style): computed from the model, never
 * from Cytoscape, so it is unit-tested on a World built in the test. The adapter (cy-adapter.ts)
 * patches one long-lived Cytoscape instance with it by id.
 *
 * Layers: nodes (id = node name); topology edges `topo:<replica>-><master>` from each node's OWN
 * view; live replication edges `repl:<replica>-><master>` (links.ts); message dots (messages.ts).
 */
import type { TraceEntry } from '../../engine/trace.ts';
import { CONTROLLER_HOST } from '../../kvrocks/hosts.ts';
import type { World } from '../../kvrocks/world.ts';
import type { ReplState } from '../../machines/repl-state.ts';
import { type LinkClass, linkLabel, replicationLinks, type ReplLink } from './links.ts';
import { InFlight, type InFlightOptions, type MessageData } from './messages.ts';
import { masterListsReplica, runningRole, toldMasterOf, toldRole, toldShards, TOLD_TEXT, type RunningRole, type ToldRole } from './roles.ts';
import { TraceCursor } from './trace-cursor.ts';

/** No topology version here: every push changes it on every node, and the graph does not show it. */
export interface NodeData {
  readonly id: string;
  /** The kvrocks-controller appears once it has talked to a node (it is not a Kvrocks node). */
  readonly kind: 'kvrocks' | 'controller';
  readonly label: string;
  readonly address: string;
  readonly told: ToldRole;
  readonly running: RunningRole;
  readonly replState: ReplState | null;
  readonly process: string;
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
      kind: 'kvrocks',
      label: `${node.name}\n${roleCaption(told, running, process)}`,
      address: node.address,
      told,
      running,
      replState: node.replica?.state ?? null,
      process,
      classes: classes.join(' '),
    };
  });
}

// kvrocks/controller-link.ts: host `controller` listens on 127.0.0.1:9379.
export const CONTROLLER_NODE: NodeData = {
  id: CONTROLLER_HOST,
  kind: 'controller',
  label: 'controller\n127.0.0.1:9379',
  address: '127.0.0.1:9379',
  told: 'none',
  running: 'unknown',
  replState: null,
  process: 'running',
  classes: 'controller',
};

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

export function replicationEdge(link: ReplLink): ReplEdgeData {
  const classes = ['repl', link.linkClass];
  if (link.ghost) classes.push('ghost');
  const label = linkLabel(link);
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

/** Data-plane traffic (idle pings, WAL batches) never changes a role, a link state or a topology. */
function mayChangeStructure(e: TraceEntry): boolean {
  return e.kind !== 'message' || !(e.label === 'ping' || e.label.startsWith('WAL'));
}

/**
 * The graph of one world over time: remembers its place in the trace (messages in flight, links
 * that have been up) so each frame costs O(nodes + links + new trace entries).
 */
export interface UpdateOptions extends InFlightOptions {
  /** The caller's wall clock (ms), for the throttle below; views pass performance.now(). */
  readonly wallNow?: number;
  /** Recompute nodes and edges at most this often in wall time (a big cluster in a burst). */
  readonly minStructureIntervalMs?: number;
}

export class GraphModel {
  private readonly cursor = new TraceCursor();
  private readonly inFlight = new InFlight();
  private controllerSeen = false;
  /** New entries may have changed nodes or edges since the last recompute. */
  private structureChanged = false;
  private lastStructureWall = -Infinity;
  private last: { nodes: NodeData[]; topoEdges: TopoEdgeData[]; replEdges: ReplEdgeData[]; at: number } | null = null;

  private structureDue(options: UpdateOptions): boolean {
    const { wallNow, minStructureIntervalMs } = options;
    return wallNow === undefined || !minStructureIntervalMs || wallNow - this.lastStructureWall >= minStructureIntervalMs;
  }

  /**
   * One frame. Nodes and edges are recomputed only when the new trace entries can have changed
   * them (anything but pings and WAL batches on the wire), and at least once a virtual second;
   * otherwise the previous arrays are returned as they are (the same objects), and only the
   * messages move.
   */
  update(world: World, options: UpdateOptions = {}): GraphElements {
    const { entries, restarted } = this.cursor.next(world);
    if (restarted) {
      this.inFlight.reset();
      this.controllerSeen = false;
      this.last = null;
      this.structureChanged = false;
      this.lastStructureWall = -Infinity;
    }
    this.inFlight.add(entries);
    if (!this.controllerSeen) this.controllerSeen = entries.some((e) => e.kind === 'message' && (e.from === CONTROLLER_HOST || e.to === CONTROLLER_HOST));
    const now = world.now();
    if (entries.some(mayChangeStructure)) this.structureChanged = true;
    if (this.last === null || now - this.last.at >= 1000 || (this.structureChanged && this.structureDue(options))) {
      this.structureChanged = false;
      this.lastStructureWall = options.wallNow ?? 0;
      const nodes = nodeElements(world);
      if (this.controllerSeen) nodes.push(CONTROLLER_NODE);
      this.last = { nodes, topoEdges: topologyEdges(world), replEdges: replicationLinks(world).map(replicationEdge), at: now };
    }
    const { nodes, topoEdges, replEdges } = this.last;
    const names = new Set(nodes.map((n) => n.id));
    const messages = this.inFlight.at(now, options).filter((m) => names.has(m.from) && names.has(m.to));
    return { nodes, topoEdges, replEdges, messages };
  }

  /** Node names by the shard their own topology puts them in (for arranging the layout). */
  shards(world: World): string[][] {
    return toldShards(world).map((shard) => shard.map((node) => node.name));
  }
}
