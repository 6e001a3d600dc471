/**
 * The one place Cytoscape is imported. One long-lived instance; each frame, `patch` diffs the plain
 * element data (elements.ts) against what it applied last time, by id, and adds, removes or updates
 * data and classes inside one cy.batch(). Positions are set only when nodes first appear or when
 * `arrange` is asked for; message dots are placed by interpolating their progress along the line
 * between sender and receiver, and drawn on their own layer (dot-layer.ts).
 */
import cytoscape, { type Core, type NodeSingular } from 'cytoscape';
import { graphStyle, NODE_SIZE, type GraphColors } from './cy-style.ts';
import { ElementSync, type PatchStats } from './cy-sync.ts';
import { DotLayer, dotPositions, type Dot } from './dot-layer.ts';
import type { GraphElements } from './elements.ts';
import { shardIndex, shardLayout, splitsShards, type Point } from './layout.ts';

export interface GraphHandlers {
  onSelect?(name: string): void;
  onMenu?(name: string, at: Point): void;
  /** A tap on the empty background. */
  onBackground?(): void;
}

export interface GraphOptions {
  /** Omit for a headless instance (tests). */
  readonly container?: HTMLElement;
  readonly colors: GraphColors;
  readonly handlers?: GraphHandlers;
  /** Cytoscape's WebGL renderer (3.31+) instead of its 2D canvas (`?renderer=webgl`; the bench compares them). */
  readonly webgl?: boolean;
}

/** Above this many nodes, node labels shrink to the name and dots lose their labels. */
export const LARGE_GRAPH = 40;
const PULSE_MS = 450;
const MAX_FIT_ZOOM = 1.1;
/** A framed node is shown at least this big (its name readable). */
const READ_ZOOM = 1;
/** Below this zoom the dots are hidden (a 4 px dot would cover a 5 px node). */
const MIN_DOT_ZOOM = 0.3;
const MAX_DOTS = 150;

function abovePoints(points: readonly Point[]): Point {
  if (points.length === 0) return { x: 0, y: -200 };
  const xs = points.map((p) => p.x);
  return { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: Math.min(...points.map((p) => p.y)) - 130 };
}

export type { PatchStats } from './cy-sync.ts';

export class GraphAdapter {
  readonly cy: Core;
  private readonly sync: ElementSync;
  private nodeIds = '';
  /** The shard each node was laid out in (layout.ts `splitsShards` says when to lay out again). */
  private laidOut = new Map<string, number>();
  private large = false;
  private styledLarge = false;
  private colors: GraphColors;
  private timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly dotLayer: DotLayer | null = null;
  /** The view shows everything as `fit` left it (the person has not panned or zoomed since). */
  fitted = true;
  /** The message dots of the last patch (model coordinates). */
  dots: readonly Dot[] = [];
  /** Whether dots are drawn at all (the view hides them while time is paused: none frozen on the canvas). */
  showDots = true;
  private previous: { nodes: unknown; topoEdges: unknown; replEdges: unknown; selected: string | null } | null = null;

  constructor(options: GraphOptions) {
    this.colors = options.colors;
    this.cy = cytoscape({
      ...(options.container ? { container: options.container } : { headless: true, styleEnabled: true }),
      ...(options.container && options.webgl ? { renderer: { name: 'canvas', webgl: true } } : {}),
      style: graphStyle(options.colors, false),
      minZoom: 0.02,
      maxZoom: 4,
      // While panning or zooming, move a snapshot of the graph instead of redrawing 1,000 nodes:
      // the map-like zoom (the full drawing comes back when the gesture stops).
      textureOnViewport: true,
      boxSelectionEnabled: false,
      autoungrabify: false,
    });
    this.sync = new ElementSync(this.cy);
    if (options.container) this.dotLayer = new DotLayer(options.container, this.cy, options.colors);
    const h = options.handlers;
    this.cy.on('tap', 'node.kvnode', (e) => h?.onSelect?.(e.target.id()));
    this.cy.on('cxttap', 'node.kvnode', (e) => h?.onMenu?.(e.target.id(), e.renderedPosition ?? e.target.renderedPosition()));
    this.cy.on('tap cxttap', (e) => {
      if (e.target === this.cy) h?.onBackground?.();
    });
    // Once the person pans or zooms, a resize keeps their view instead of fitting again.
    this.cy.on('dragpan scrollzoom pinchzoom', () => (this.fitted = false));
  }

  /** The container changed size: keep a fitted view fitted. */
  resized(): void {
    this.cy.resize();
    if (this.fitted) this.fit();
    this.dotLayer?.draw();
  }

  setColors(colors: GraphColors): void {
    this.colors = colors;
    this.cy.style(graphStyle(colors, this.styledLarge));
    this.dotLayer?.setColors(colors);
  }

  private nodeSize() {
    return this.large ? NODE_SIZE.large : NODE_SIZE.normal;
  }

  /** Applies one frame. `shards` is asked for only when the set of nodes changed (a new layout). */
  patch(g: GraphElements, selected: string | null, shards: () => string[][]): PatchStats {
    // The model hands back the same arrays when nothing structural changed: only the dots move.
    const p = this.previous;
    const same = p !== null && p.nodes === g.nodes && p.topoEdges === g.topoEdges && p.replEdges === g.replEdges && p.selected === selected;
    const stats = same ? { added: 0, removed: 0, updated: 0 } : this.patchElements(g, selected, shards);
    this.previous = { nodes: g.nodes, topoEdges: g.topoEdges, replEdges: g.replEdges, selected };
    this.dots = dotPositions(g.messages, (id) => {
      const node = this.cy.getElementById(id);
      return node.empty() ? undefined : node.position();
    });
    this.dotLayer?.set(this.visibleDots(), g.nodes.length <= LARGE_GRAPH && this.dots.length <= 40);
    return stats;
  }

  private patchElements(g: GraphElements, selected: string | null, shards: () => string[][]): PatchStats {
    const nodeIds = g.nodes
      .filter((n) => n.kind === 'kvrocks')
      .map((n) => n.id)
      .join(',');
    const newNodes = nodeIds !== this.nodeIds;
    const current = shards();
    // New nodes, or the topologies regrouped them (a controller created the shards): lay out again.
    const relayout = newNodes || splitsShards(this.laidOut, current);
    const controllerArrives = !this.sync.has('controller') && g.nodes.some((n) => n.kind === 'controller');
    if (relayout) this.large = g.nodes.length > LARGE_GRAPH;
    let stats: PatchStats = { added: 0, removed: 0, updated: 0 };
    this.cy.batch(() => {
      this.sync.begin();
      const positions = relayout ? this.layOut(current) : null;
      const above = positions ? abovePoints([...positions.values()]) : null;
      for (const { classes, ...n } of g.nodes) {
        const placeController = n.kind === 'controller' && (positions !== null || !this.sync.has(n.id));
        const at = placeController ? (above ?? this.aboveEverything()) : positions?.get(n.id);
        this.sync.upsert('nodes', n.id, n, n.id === selected ? `${classes} selected` : classes, at);
        if (positions) this.cy.getElementById(n.id).position(at ?? { x: 0, y: 0 });
      }
      for (const { classes, ...e } of g.topoEdges) this.sync.upsert('edges', e.id, e, classes);
      for (const { classes, ...e } of g.replEdges) {
        const before = this.sync.appliedValue(e.id, 'linkClass');
        this.sync.upsert('edges', e.id, e, classes);
        if (before !== undefined && before !== e.linkClass) this.pulse(e.id);
      }
      stats = this.sync.end();
    });
    if (relayout) {
      this.nodeIds = nodeIds;
      if (this.styledLarge !== this.large) {
        this.styledLarge = this.large;
        this.cy.style(graphStyle(this.colors, this.large));
      }
      // A regrouping keeps a view the person chose; new nodes are shown whole.
      if (newNodes || this.fitted) this.fit();
    } else if (controllerArrives && this.fitted) this.fit();
    return stats;
  }

  private layOut(shards: readonly (readonly string[])[]): Map<string, Point> {
    this.laidOut = shardIndex(shards);
    return shardLayout(shards, this.nodeSize()).positions;
  }

  /** Moves every node to its shard's place (asked for by the person). */
  arrange(shards: string[][], animate = true): void {
    const positions = this.layOut(shards);
    this.cy.nodes('.kvnode').forEach((node) => {
      const to = positions.get(node.id());
      if (!to) return;
      if (animate) node.animate({ position: to }, { duration: 450, easing: 'ease-in-out-cubic' });
      else node.position(to);
    });
    if (animate) this.later(() => this.fit(), 480);
    else this.fit();
  }

  /**
   * The dots worth drawing: none while paused or when zoomed out so far that a dot is bigger than
   * the node it travels between (clutter); at most MAX_DOTS otherwise (the newest, which come last).
   */
  private visibleDots(): readonly Dot[] {
    if (!this.showDots || this.cy.zoom() < MIN_DOT_ZOOM) return [];
    return this.dots.length <= MAX_DOTS ? this.dots : this.dots.slice(this.dots.length - MAX_DOTS);
  }

  setShowDots(show: boolean): void {
    if (this.showDots === show) return;
    this.showDots = show;
    this.dotLayer?.set(this.visibleDots(), false);
  }

  /**
   * Brings one node into view, animated: centred, at a zoom where its label reads (zoomed out
   * past READ_ZOOM it zooms in to that; a closer view is kept).
   */
  focus(name: string): void {
    const node = this.cy.getElementById(name);
    if (node.empty() || this.showsReadably(node)) return;
    this.fitted = false;
    const zoom = Math.min(Math.max(this.cy.zoom(), READ_ZOOM), 2);
    this.cy.stop(true, true);
    this.cy.animate({ center: { eles: node }, zoom }, { duration: 300, easing: 'ease-in-out-cubic' });
  }

  /**
   * Already framed: wholly in view at a zoom where its label reads. Then a selection leaves the
   * view alone (moving it would only jolt a small cluster; see `focus`).
   */
  private showsReadably(node: NodeSingular): boolean {
    // A small cluster fitted to the view shows every node already. (Moving it also left labels
    // that changed meanwhile drawn garbled by Cytoscape 3.34's label texture cache.)
    if (this.fitted && !this.large) return true;
    if (this.cy.zoom() < READ_ZOOM) return false;
    const box = node.renderedBoundingBox({ includeLabels: false });
    return box.x1 >= 0 && box.y1 >= 0 && box.x2 <= this.cy.width() && box.y2 <= this.cy.height();
  }

  /** Fits every node in view, the controller's included, but never zooms past 1.1 (three nodes would fill the screen). */
  fit(): void {
    this.fitted = true;
    const nodes = this.cy.nodes();
    this.cy.fit(nodes, 40);
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center(nodes);
    }
  }

  /** Frames the named nodes (a finding's), as `fit` does for all; the view stays where it is put. */
  frame(names: readonly string[]): void {
    let nodes = this.cy.collection();
    for (const name of names) nodes = nodes.union(this.cy.getElementById(name));
    if (nodes.empty()) return;
    this.fitted = false;
    this.cy.fit(nodes, 50);
    if (this.cy.zoom() > MAX_FIT_ZOOM) {
      this.cy.zoom(MAX_FIT_ZOOM);
      this.cy.center(nodes);
    }
  }

  destroy(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.dotLayer?.destroy();
    this.cy.destroy();
  }

  /** Where the controller sits: above the middle of the Kvrocks nodes. */
  private aboveEverything(): Point {
    return abovePoints(this.cy.nodes('.kvnode').map((n) => n.position()));
  }

  private pulse(id: string): void {
    const ele = this.cy.getElementById(id);
    ele.addClass('pulse');
    this.later(() => {
      if (!this.cy.destroyed()) this.cy.getElementById(id).removeClass('pulse');
    }, PULSE_MS);
  }

  private later(fn: () => void, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
  }
}
