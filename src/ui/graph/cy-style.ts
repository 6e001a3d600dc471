/**
 * The graph's Cytoscape stylesheet. Colours come from the page's CSS variables (theme.css), read
 * by the component, since Cytoscape styles cannot use var(). Animation is declared here as
 * transitions on classed, keyed elements; the adapter only switches classes.
 */
import type { StylesheetJson } from 'cytoscape';

export interface GraphColors {
  bg: string;
  panel: string;
  fg: string;
  muted: string;
  border: string;
  accent: string;
  ok: string;
  warn: string;
  err: string;
  ghost: string;
}

export const FALLBACK_COLORS: GraphColors = {
  bg: '#ffffff',
  panel: '#f6f7f9',
  fg: '#1b1f24',
  muted: '#667085',
  border: '#c9ced6',
  accent: '#2f6fdd',
  ok: '#1f8a4c',
  warn: '#b7791f',
  err: '#d0312d',
  ghost: '#9aa3ae',
};

const VARS: (keyof GraphColors)[] = ['bg', 'panel', 'fg', 'muted', 'border', 'accent', 'ok', 'warn', 'err', 'ghost'];

/** The theme's colours as computed on `element` (falls back per variable). */
export function readColors(element: Element): GraphColors {
  const style = getComputedStyle(element);
  const colors = { ...FALLBACK_COLORS };
  for (const name of VARS) {
    const value = style.getPropertyValue(`--${name}`).trim();
    if (value) colors[name] = value;
  }
  return colors;
}

/** Node boxes, normal and for large graphs; the layout spaces nodes by them. */
export const NODE_SIZE = { normal: { w: 138, h: 54 }, large: { w: 46, h: 26 } } as const;

const TRANSITION = { 'transition-property': 'line-color, target-arrow-color, width, background-color, border-color, opacity', 'transition-duration': 300 };

/**
 * `large` graphs (many nodes) drop the second label line, the transitions (hundreds running at once
 * redraw everything every frame) and curved edges (straight lines cost far less to route).
 */
export function graphStyle(c: GraphColors, large: boolean): StylesheetJson {
  const transition = large ? {} : TRANSITION;
  return [
    {
      selector: 'node.kvnode',
      style: {
        shape: 'round-rectangle',
        width: large ? NODE_SIZE.large.w : NODE_SIZE.normal.w,
        height: large ? NODE_SIZE.large.h : NODE_SIZE.normal.h,
        'background-color': c.panel,
        'border-width': 2,
        'border-color': c.border,
        label: large ? 'data(id)' : 'data(label)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-size': large ? 10 : 10.5,
        'text-max-width': large ? '60px' : '134px',
        'font-family': 'ui-monospace, SFMono-Regular, Menlo, monospace',
        color: c.fg,
        'min-zoomed-font-size': 5,
        ...transition,
      },
    },
    {
      selector: 'node.controller',
      style: {
        shape: 'round-hexagon',
        width: large ? 60 : 130,
        height: large ? 34 : 46,
        'background-color': c.muted,
        'background-opacity': 0.18,
        'border-width': 2,
        'border-color': c.muted,
        label: large ? 'data(id)' : 'data(label)',
        'text-wrap': 'wrap',
        'text-valign': 'center',
        'font-size': 10,
        'font-family': 'ui-monospace, SFMono-Regular, Menlo, monospace',
        color: c.fg,
      },
    },
    { selector: 'node.run-master', style: { 'background-color': c.accent, 'background-opacity': 0.16 } },
    { selector: 'node.run-slave', style: { 'background-color': c.ok, 'background-opacity': 0.14 } },
    { selector: 'node.told-master', style: { 'border-color': c.accent, 'border-width': 3 } },
    { selector: 'node.told-slave', style: { 'border-color': c.ok, 'border-width': 3 } },
    // One look, one meaning (Legend.svelte says the same): dashes are only ever a link that is
    // not up, amber only a link coming up, red only a topology that disagrees with what runs,
    // a halo only a warning, and the selection a ring outside the halo that hides nothing.
    { selector: 'node.told-not-in-topology', style: { 'border-color': c.muted, 'border-style': 'double', 'border-width': 6 } },
    { selector: 'node.told-none', style: { 'border-color': c.muted } },
    // The compare view only: this node's state differs from the other setting's (a double outline close in; the selection ring sits further out).
    { selector: 'node.differs', style: { 'outline-width': 5, 'outline-style': 'double', 'outline-color': c.fg, 'outline-offset': 3, 'outline-opacity': 0.85 } },
    { selector: 'node.mismatch', style: { 'underlay-color': c.err, 'underlay-opacity': 0.3, 'underlay-padding': 7, 'underlay-shape': 'round-rectangle' } },
    { selector: 'node.down', style: { 'background-color': c.ghost, 'background-opacity': 0.25, 'border-color': c.ghost, color: c.muted, opacity: 0.75 } },
    { selector: 'node.selected', style: { 'outline-width': 2.5, 'outline-color': c.fg, 'outline-offset': 11, 'outline-opacity': 0.85 } },
    {
      selector: 'edge',
      style: { 'curve-style': large ? 'straight' : 'bezier', 'control-point-step-size': 36, width: 2, 'target-arrow-shape': 'triangle', 'arrow-scale': 0.9, ...transition },
    },
    {
      selector: 'edge.topo',
      style: {
        'line-color': c.muted,
        'target-arrow-color': c.muted,
        width: 1.5,
        'target-arrow-shape': 'chevron',
        opacity: 0.85,
        // Large graphs: a haystack line, drawn off-centre, so it does not hide under the link.
        ...(large ? { 'curve-style': 'haystack', 'haystack-radius': 0.6, 'target-arrow-shape': 'none' } : {}),
      },
    },
    { selector: 'edge.topo.one-sided', style: { 'line-color': c.err, 'target-arrow-color': c.err } },
    {
      selector: 'edge.repl',
      style: {
        width: 4,
        label: 'data(label)',
        'font-size': 10,
        color: c.fg,
        'text-background-color': c.bg,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
        'text-rotation': 'autorotate',
        'min-zoomed-font-size': 7,
        ...(large ? { label: '' } : {}),
      },
    },
    { selector: 'edge.connected', style: { 'line-color': c.ok, 'target-arrow-color': c.ok } },
    { selector: 'edge.connecting', style: { 'line-color': c.warn, 'target-arrow-color': c.warn, 'line-style': 'dashed' } },
    { selector: 'edge.handshake', style: { 'line-color': c.warn, 'target-arrow-color': c.warn } },
    { selector: 'edge.fullsync', style: { 'line-color': c.warn, 'target-arrow-color': c.warn, 'line-style': 'dashed', 'line-dash-pattern': [14, 4] } },
    { selector: 'edge.broken', style: { 'line-color': c.muted, 'target-arrow-color': c.muted, 'line-style': 'dotted' } },
    { selector: 'edge.feed-only', style: { 'line-color': c.muted, 'target-arrow-color': c.muted, 'line-style': 'dashed', 'line-dash-pattern': [2, 4, 10, 4] } },
    {
      selector: 'edge.ghost',
      style: {
        // Red says ghost; the line style still says the link's state (solid up, dotted down).
        'line-color': c.err,
        'target-arrow-color': c.err,
        width: 5,
        color: c.err,
        'font-weight': 'bold',
        'font-size': 12,
        'text-background-color': c.bg,
        'text-background-opacity': 1,
        'text-border-width': 1.5,
        'text-border-color': c.err,
        'text-border-opacity': 1,
        'z-index': 5,
      },
    },
    // Zoomed out over hundreds of nodes, a ghost must still jump out: wider, with a halo.
    {
      selector: 'edge.ghost',
      style: large ? { label: 'data(label)', width: 12, 'underlay-color': c.err, 'underlay-opacity': 0.3, 'underlay-padding': 8, 'font-size': 28 } : { label: 'data(label)' },
    },
    // A state change pulses wider for a moment; no halo (a halo is a warning).
    { selector: 'edge.pulse', style: { width: 9 } },
  ] as StylesheetJson;
}
