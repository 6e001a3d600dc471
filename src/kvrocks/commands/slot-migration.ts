/**
 * CLUSTERX MIGRATE and CLUSTER IMPORT after parsing: every check upstream makes before a migration
 * or an import starts is modelled; starting one is not (docs/model.md), and says so.
 * No migration or import ever runs here, so the checks that need one to have run
 * (`Can't migrate slot which has been migrated`, `There is already a migrating job`, a second
 * import) cannot be reached.
 * // K-2024 src/cluster/cluster.cc MigrateSlotRange, ImportSlotRange, IsNotMaster
 */
import type { SlotRange } from '../cluster/types.ts';
import { formatSlotRange } from '../cluster/slots.ts';
import type { KvrocksNode } from '../node/node.ts';
import { err, type Reply } from '../../protocol/reply.ts';
import { isNullEntry, segfault } from './null-node-crash.ts';

export const ERR_MIGRATION_NOT_MODELLED = 'kvlab: slot migration is not modelled (its argument and topology checks are; moving the keys is not)';
export const ERR_IMPORT_NOT_MODELLED = 'kvlab: slot import is not modelled (its argument and topology checks are; importing is not)';

/** IsNotMaster: not in the topology, not a topology master, or replicating (whatever the topology says). */
function isNotMaster(node: KvrocksNode): boolean {
  const myself = node.cluster.myself;
  return myself === null || myself.role !== 'master' || node.isSlave;
}

/** Upstream migrates only the first range of the spec ("TODO: support multiple slot ranges"). */
export function migrateSlots(node: KvrocksNode, range: SlotRange, dstId: string): Reply | null {
  const cluster = node.cluster;
  const dst = cluster.topology?.nodes.get(dstId);
  if (dst === undefined && !isNullEntry(node, dstId)) return err("Can't find the destination node id");
  // Compared by object: a slot a newer payload left unlisted points at an older node object.
  for (let slot = range.start; slot <= range.end; slot++) {
    if (cluster.ownerOfSlot(slot) !== cluster.myself) return err("Can't migrate slot which doesn't belong to me");
  }
  if (isNotMaster(node)) return err("Slave can't migrate slot");
  if (dst === undefined) return segfault(node, 'Cluster::MigrateSlotRange');
  if (dst.role !== 'master') return err("Can't migrate slot to a slave");
  if (dst === cluster.myself) return err("Can't migrate slot to myself");
  return err(ERR_MIGRATION_NOT_MODELLED);
}

/** CLUSTER IMPORT <range> <state>; state is 0..3 (checked at parse). // K-2024 src/cluster/slot_import.cc */
export function importSlots(node: KvrocksNode, range: SlotRange, state: number): Reply {
  const cluster = node.cluster;
  if (isNotMaster(node)) return err("Slave can't import slot");
  for (let slot = range.start; slot <= range.end; slot++) {
    // Compared by id here, unlike MIGRATE's object comparison.
    if (cluster.ownerOfSlot(slot)?.id === cluster.myId) return err("Can't import slot which belongs to me");
  }
  // kImportStart would start importing; kImportSuccess/kImportFailed need the range being imported
  // (none: "-1"); kImportNone falls to the switch's default.
  if (state === 0) return err(ERR_IMPORT_NOT_MODELLED);
  if (state === 3) return err('Invalid import state');
  return err(`mismatch slot, importing slot(s): -1, but got: ${formatSlotRange(range)}`);
}
