/**
 * The embed build's graph source: Cytoscape and the graph adapter live in kvrocks-lab-graph.js, an
 * ES module next to kvrocks-lab.js, imported when an element's graph first comes into view. Its
 * address is taken from the embed script's own (read once, while the script runs).
 */
import type * as GraphViewModule from './graph-view.ts';

export const GRAPH_FILE = 'kvrocks-lab-graph.js';

function scriptBase(): string {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current.src;
  // Loaded as a module (no currentScript): the last script tag that names the embed script.
  const tags = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].reverse();
  return tags.find((s) => /kvrocks-lab[^/]*\.js(?:[?#]|$)/.test(s.src))?.src ?? location.href;
}

const GRAPH_URL = new URL(GRAPH_FILE, scriptBase()).href;

export const loadGraphView = (): Promise<typeof GraphViewModule> => import(/* @vite-ignore */ GRAPH_URL);
