/**
 * The embed build's graph source: Cytoscape and the graph adapter live in kvrocks-lab-graph.js, an
 * ES module next to kvrocks-lab.js, imported when an element's graph first comes into view. Its
 * address is taken from the embed script's own (script-base.ts).
 */
import type * as GraphViewModule from './graph-view.ts';
import { SCRIPT_BASE } from './script-base.ts';

export const GRAPH_FILE = 'kvrocks-lab-graph.js';

export const loadGraphView = (): Promise<typeof GraphViewModule> => import(/* @vite-ignore */ new URL(GRAPH_FILE, SCRIPT_BASE ?? location.href).href);
