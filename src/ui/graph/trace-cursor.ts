/**
 * An index into a world's trace, so each frame reads only the entries recorded since the last one
 * (O(new entries), not O(trace)). A different world (reset, seek) starts over from its beginning.
 */
import type { TraceEntry } from '../../engine/trace.ts';
import type { World } from '../../kvrocks/world.ts';

export class TraceCursor {
  private world: World | null = null;
  private index = 0;

  /** Entries recorded since the previous call; `restarted` is true when the world changed. */
  next(world: World): { entries: readonly TraceEntry[]; restarted: boolean } {
    const trace = world.sim.trace;
    let restarted = false;
    if (world !== this.world || trace.end < this.index) {
      this.world = world;
      this.index = 0;
      restarted = true;
    }
    const entries = trace.since(this.index);
    this.index = trace.end;
    return { entries, restarted };
  }
}
