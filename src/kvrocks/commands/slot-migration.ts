/**
 * CLUSTERX MIGRATE and CLUSTER IMPORT after parsing: upstream's checks in upstream's order, then
 * the source's migration job (migration/migrator.ts) or the destination's import state
 * (migration/importer.ts).
 * // K-2024 src/cluster/cluster.cc MigrateSlotRange, ImportSlotRange, IsNotMaster
 */
import type { SlotRange } from '../cluster/types.ts';
import { commit } from './db.ts';
import { rangeText } from '../migration/importer.ts';
import type { ClientConn } from '../node/client.ts';
import type { KvrocksNode } from '../node/node.ts';
import { err, OK, type Reply } from '../../protocol/reply.ts';
import { isNullEntry, segfault } from './null-node-crash.ts';

/** IsNotMaster: not in the topology, not a topology master, or replicating (whatever the topology says). */
function isNotMaster(node: KvrocksNode): boolean {
  const myself = node.cluster.myself;
  return myself === null || myself.role !== 'master' || node.isSlave;
}

export interface MigrateRequest {
  readonly range: SlotRange;
  readonly dstId: string;
  /** `sync [timeout]`: the caller waits (timeout in seconds, 0 for none). */
  readonly sync: { readonly timeoutSec: number } | null;
}

/** Upstream migrates only the first range of the spec ("TODO: support multiple slot ranges"). */
export function migrateSlots(node: KvrocksNode, client: ClientConn, request: MigrateRequest): Reply | null {
  const { range, dstId } = request;
  const cluster = node.cluster;
  const dst = cluster.topology?.nodes.get(dstId);
  if (dst === undefined && !isNullEntry(node, dstId)) return err("Can't find the destination node id");
  if (cluster.marks.overlapsMigrated(range)) return err("Can't migrate slot which has been migrated");
  // Compared by object: a slot a newer payload left unlisted points at an older node object.
  for (let slot = range.start; slot <= range.end; slot++) {
    if (cluster.ownerOfSlot(slot) !== cluster.myself) return err("Can't migrate slot which doesn't belong to me");
  }
  if (isNotMaster(node)) return err("Slave can't migrate slot");
  if (dst === undefined) return segfault(node, 'Cluster::MigrateSlotRange');
  if (dst.role !== 'master') return err("Can't migrate slot to a slave");
  if (dst === cluster.myself) return err("Can't migrate slot to myself");
  const sync = request.sync === null ? null : { client, timeoutSec: request.sync.timeoutSec };
  return node.migrator.perform({ id: dstId, host: dst.host, port: dst.port }, range, sync);
}

/** ClearKeysOfSlotRange: one DeleteRange, written even when the slots hold nothing. */
function clearKeys(node: KvrocksNode, range: SlotRange): void {
  commit(node, [{ op: 'clearSlots', start: range.start, end: range.end }], 1);
}

/** CLUSTER IMPORT <range> <state>; state is 0..3 (checked at parse). // K-2024 src/cluster/slot_import.cc */
export function importSlots(node: KvrocksNode, client: ClientConn, range: SlotRange, state: number): Reply {
  const cluster = node.cluster;
  if (isNotMaster(node)) return err("Slave can't import slot");
  for (let slot = range.start; slot <= range.end; slot++) {
    // Compared by id here, unlike MIGRATE's object comparison.
    if (cluster.ownerOfSlot(slot)?.id === cluster.myId) return err("Can't import slot which belongs to me");
  }
  const importer = node.importer;
  if (state === 0) {
    const started = importer.start(range);
    if (!started.ok) return err(started.message);
    if (started.clearKeys) clearKeys(node, range);
    client.importing = true;
    cluster.marks.setImporting(range, cluster.myId);
    // close_cb: the connection going away while the import starts fails it (StopForLinkError).
    client.onClose = () => {
      if (!importer.linkLost().failed) return;
      if (!node.isSlave && importer.range) clearKeys(node, importer.range);
      node.trace(`[import] the importing connection closed: slot(s) import failed`);
    };
    node.migrator.releaseForbidden(range);
    node.trace(`[import] Start importing slot(s) ${rangeText(range)}`);
    return OK;
  }
  if (state === 3) return err('Invalid import state');
  const finished = importer.finish(range, state === 1);
  if (!finished.ok) return err(finished.message);
  if (state === 1) cluster.marks.markImported(range);
  if (finished.clearKeys) clearKeys(node, range);
  node.trace(`[import] Mark the importing slot(s) ${rangeText(range)} as ${state === 1 ? 'succeed' : 'failed'}`);
  return OK;
}

/**
 * After SETNODES is applied: keys of migrated slots no longer ours are deleted (one DeleteRange
 * per slot), and the migrated and imported marks are forgotten.
 * // K-2024 src/cluster/cluster.cc SetClusterNodes
 */
export function forgetMovedSlots(node: KvrocksNode): void {
  const cluster = node.cluster;
  for (const slot of cluster.marks.migrated.keys()) {
    if (cluster.ownerOfSlot(slot) !== cluster.myself) clearKeys(node, { start: slot, end: slot });
  }
  cluster.marks.migrated.clear();
  cluster.marks.imported.clear();
  node.migrator.topologyArrived();
}

/** After SETSLOT: the keys of migrated slots it gave away are deleted, one DeleteRange per slot. */
export function clearMigratedAway(node: KvrocksNode, slots: readonly number[]): void {
  for (const slot of slots) clearKeys(node, { start: slot, end: slot });
  node.migrator.topologyArrived();
}
