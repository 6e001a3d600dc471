/**
 * What a node's cluster view remembers about slots that are moving, besides the topology: the slots
 * it migrated away (answered with MOVED to the destination until SETSLOT/SETNODES moves them), the
 * slots it imported (served until then), and the range it is importing, which upstream keeps on
 * the `myself` node object (so a SETNODES, which makes new node objects, forgets it).
 * // K-2024 src/cluster/cluster.h migrated_slots_, imported_slots_, ClusterNode::importing_slot_range
 */
import type { SlotRange } from './types.ts';

export class SlotMarks {
  /** Slot -> `ip:port` of the destination. A std::map: ordered by slot. */
  readonly migrated = new Map<number, string>();
  readonly imported = new Set<number>();
  private importing: { readonly range: SlotRange; readonly nodeId: string } | null = null;

  /** SetSlotRangeMigrated, once the destination has acknowledged the import. */
  markMigrated(range: SlotRange, ipPort: string): void {
    for (let slot = range.start; slot <= range.end; slot++) this.migrated.set(slot, ipPort);
  }

  /** SetSlotRangeImported (CLUSTER IMPORT <range> 1). */
  markImported(range: SlotRange): void {
    for (let slot = range.start; slot <= range.end; slot++) this.imported.add(slot);
  }

  /** CLUSTER IMPORT <range> 0 sets it on the node object `myself` is. */
  setImporting(range: SlotRange, myselfId: string): void {
    this.importing = { range, nodeId: myselfId };
  }

  /** The importing range of the node object `myself` is now (SETNODEID can point at another one). */
  importingRangeOf(myselfId: string | null): SlotRange | null {
    return this.importing !== null && this.importing.nodeId === myselfId ? this.importing.range : null;
  }

  /**
   * MigrateSlotRange compares against one range from the lowest to the highest migrated slot, so a
   * slot between two migrated ones counts as migrated.
   * // K-2024 src/cluster/cluster.cc MigrateSlotRange (migrated_slots_.begin(), rbegin())
   */
  overlapsMigrated(range: SlotRange): boolean {
    if (this.migrated.size === 0) return false;
    const slots = [...this.migrated.keys()];
    return range.end >= Math.min(...slots) && Math.max(...slots) >= range.start;
  }

  /** SETNODES parses new node objects: the importing range goes with the old ones. */
  forgetImporting(): void {
    this.importing = null;
  }

  clear(): void {
    this.migrated.clear();
    this.imported.clear();
    this.importing = null;
  }
}
