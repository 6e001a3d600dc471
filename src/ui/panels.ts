/**
 * The views built beside the shell (graph, inspector, topology, text mirror, event log), loaded
 * lazily so Cytoscape and friends stay out of the bundle the console needs to start.
 *
 * `import.meta.glob` with literal paths is a dynamic `import()` per file that also tolerates a
 * file that does not exist yet: its loader is then null and the slot says so, instead of the
 * build failing. Each panel takes one prop, `sandbox`.
 */
import type { Component } from 'svelte';
import type { Sandbox } from './state/sandbox.svelte.ts';

export type PanelComponent = Component<{ sandbox: Sandbox }>;
export type PanelLoader = () => Promise<PanelComponent>;

const modules = import.meta.glob<{ default: PanelComponent }>([
  './graph/ClusterGraph.svelte',
  './inspector/Inspector.svelte',
  './topology/TopologyPanel.svelte',
  './mirror/TextMirror.svelte',
  './mirror/EventLog.svelte',
  './spacetime/SpaceTime.svelte',
]);

function loader(path: string): PanelLoader | null {
  const load = modules[path];
  return load ? () => load().then((module) => module.default) : null;
}

export const PANELS = {
  graph: loader('./graph/ClusterGraph.svelte'),
  inspector: loader('./inspector/Inspector.svelte'),
  topology: loader('./topology/TopologyPanel.svelte'),
  mirror: loader('./mirror/TextMirror.svelte'),
  eventLog: loader('./mirror/EventLog.svelte'),
  spaceTime: loader('./spacetime/SpaceTime.svelte'),
} satisfies Record<string, PanelLoader | null>;
