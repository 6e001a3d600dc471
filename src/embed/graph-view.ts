/**
 * The embed's graph: the sandbox's Cytoscape adapter and element model (src/ui/graph) on one
 * container inside the shadow root, without the page-level hooks ClusterGraph has (a test hook on
 * window, observers on <html> and <body>, the fault menu). Loaded on demand.
 */
import { GraphAdapter } from '../ui/graph/cy-adapter.ts';
import { readColors } from '../ui/graph/cy-style.ts';
import { GraphModel } from '../ui/graph/elements.ts';
import type { EmbedSandbox } from './embed-sandbox.ts';

/** Cytoscape prepends `<style id="__________cytoscape_stylesheet">` to document.head (renderer init). */
const CYTOSCAPE_STYLE_ID = '__________cytoscape_stylesheet';

export interface GraphView {
  update(): void;
  recolor(): void;
  resized(): void;
  fit(): void;
  destroy(): void;
}

/** `rate`: virtual ms per real ms while things move (message dots stay visible ~350 ms of real time). */
export function createGraphView(container: HTMLElement, sandbox: EmbedSandbox, rate: number, onSelect: (name: string) => void): GraphView {
  // The page's own Cytoscape (if any) keeps its stylesheet; the one ours would leave is taken back:
  // our container's position comes from the shadow root's styles.
  const pageHadStyle = document.getElementById(CYTOSCAPE_STYLE_ID) !== null;
  const adapter = new GraphAdapter({ container, colors: readColors(container), handlers: { onSelect } });
  if (!pageHadStyle) document.getElementById(CYTOSCAPE_STYLE_ID)?.remove();
  const model = new GraphModel();
  return {
    update() {
      const world = sandbox.session.world;
      const minShowMs = Math.min(1500, Math.max(20, rate * 350));
      adapter.patch(model.update(world, { minShowMs }), sandbox.selected, () => model.shards(world));
    },
    recolor: () => adapter.setColors(readColors(container)),
    resized: () => adapter.resized(),
    fit: () => adapter.fit(),
    destroy: () => adapter.destroy(),
  };
}
