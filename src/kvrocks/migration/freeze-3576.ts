/**
 * apache/kvrocks#3147 and its fix PR #3576 (open): when the destination's answer to
 * `cluster import <range> 1` is lost, the source counts the migration as failed and takes writes
 * again, while the destination already serves the slot it recorded as imported: both nodes are
 * writable for one slot (split brain). The fix freezes writes to the slot, on the source when the
 * acknowledgement is lost and on the destination once it has imported, until SETSLOT/SETNODES
 * arrives. K-2024 (both reference builds) has no freeze.
 *
 * The decision takes the switch's value; callers read it with
 * `node.has(FREEZE_AFTER_MIGRATION)` at the moment they decide (behaviours/switches.ts).
 */
export const FREEZE_AFTER_MIGRATION = 'freeze-after-migration-3576';

export interface FreezePolicy {
  /** The source keeps the slot write-forbidden when the import acknowledgement never came. */
  readonly sourceFreezesOnLostAck: boolean;
  /** The destination refuses writes to a slot it imported until the topology gives it the slot. */
  readonly destinationFreezesImported: boolean;
}

export function freezePolicy(freezeOn: boolean): FreezePolicy {
  return { sourceFreezesOnLostAck: freezeOn, destinationFreezesImported: freezeOn };
}
