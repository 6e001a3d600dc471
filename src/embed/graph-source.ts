/**
 * Where the graph code comes from. Here (dev server, tests) it is an ordinary lazy import; the
 * embed build swaps in graph-source.remote.ts, which loads the separate kvrocks-lab-graph.js
 * beside the embed script.
 */
import type * as GraphViewModule from './graph-view.ts';

export const loadGraphView = (): Promise<typeof GraphViewModule> => import('./graph-view.ts');
