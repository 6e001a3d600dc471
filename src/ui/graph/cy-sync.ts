/**
 * Keeps a Cytoscape instance's elements equal to plain element data, by stable id: adds what is
 * new, updates only the data keys and classes that changed, removes what is gone. Called inside
 * the adapter's cy.batch(), between `begin` and `end`.
 */
import type { Core, ElementDefinition } from 'cytoscape';
import type { Point } from './layout.ts';

export interface PatchStats {
  added: number;
  removed: number;
  updated: number;
}

type Applied = { data: Record<string, unknown>; classes: string };

/** The keys of `next` whose values differ from `prev` (null when none do). */
export function changedData(prev: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> | null {
  let changes: Record<string, unknown> | null = null;
  for (const key in next) if (prev[key] !== next[key]) (changes ??= {})[key] = next[key];
  return changes;
}

export class ElementSync {
  private applied = new Map<string, Applied>();
  private wanted = new Set<string>();
  stats: PatchStats = { added: 0, removed: 0, updated: 0 };

  constructor(private readonly cy: Core) {}

  has(id: string): boolean {
    return this.applied.has(id);
  }

  /** A data value as last applied (undefined for an unknown element). */
  appliedValue(id: string, key: string): unknown {
    return this.applied.get(id)?.data[key];
  }

  begin(): void {
    this.wanted = new Set();
    this.stats = { added: 0, removed: 0, updated: 0 };
  }

  /** Adds the element (at `position`, for a new node) or updates what changed. */
  upsert(group: 'nodes' | 'edges', id: string, data: object, classes: string, position?: Point): void {
    this.wanted.add(id);
    const next = data as Record<string, unknown>;
    const prev = this.applied.get(id);
    if (!prev) {
      const def: ElementDefinition = { group, data: data as ElementDefinition['data'], classes };
      if (position) def.position = { ...position };
      this.cy.add(def);
      this.applied.set(id, { data: next, classes });
      this.stats.added++;
      return;
    }
    const changes = changedData(prev.data, next);
    if (!changes && prev.classes === classes) return;
    const element = this.cy.getElementById(id);
    if (changes) element.data(changes);
    if (prev.classes !== classes) element.classes(classes);
    this.applied.set(id, { data: next, classes });
    this.stats.updated++;
  }

  /** Removes every element not upserted since `begin`. */
  end(): PatchStats {
    for (const id of [...this.applied.keys()]) {
      if (this.wanted.has(id)) continue;
      this.cy.getElementById(id).remove();
      this.applied.delete(id);
      this.stats.removed++;
    }
    return this.stats;
  }
}
