/**
 * kvrocks-controller's slot migration: the API call (MigrateSlot: checks on the store, then
 * `CLUSTERX MIGRATE <slot> <target master id>` to the source shard's master, then the shard is
 * stored as migrating, version + 1 and pushed), and the ClusterChecker's migration loop: every
 * second, `CLUSTER INFO` on each migrating shard's master; `success` moves the slots in the store,
 * `fail` (or a source that no longer reports the slot) drops the migration, both with version + 1
 * and a push to every node; `none`/`start` wait.
 * // kvrocks-controller store/cluster.go MigrateSlot, server/api/cluster.go MigrateSlot,
 * // controller/cluster.go migrationLoop, tryUpdateMigrationStatus
 */
import { fromCallback } from 'xstate';
import type { Reply } from '../protocol/reply.ts';
import type { SlotRange } from '../protocol/slots.ts';
import type { ControllerIo, ResultCallback } from './controller-io.ts';
import { parseSlotRange } from './controller-parse.ts';
import { nodeAddress, slotRangeText, type StoredCluster, type StoredShard, type StoreRequest } from './controller-store.ts';

/** migrationLoop's ticker. */
export const MIGRATION_CHECK_INTERVAL_MS = 1000;
/**
 * The API's UpdateCluster writes etcd before the push goes out (a model choice: 5 ms). The other
 * store writes are instant in the model; this one races a small slot's migration (about 1 ms), whose
 * destination would forget its import on a SETNODES arriving mid-way (K-2024 keeps the importing
 * range on the node object SETNODES replaces).
 */
export const MIGRATE_STORE_WRITE_MS = 5;

export type MigrationCommand = { type: 'MIGRATE'; cluster: StoredCluster; slot: SlotRange; target: number; reply?: ResultCallback };

export type MigrationEvent =
  | { type: 'MIGRATION_STARTED'; request: StoreRequest; reply?: ResultCallback }
  | { type: 'MIGRATION_CHECKED'; request: StoreRequest }
  | { type: 'NOTE'; text: string };

const overlap = (a: SlotRange, b: SlotRange) => a.end >= b.start && b.end >= a.start;
const masterOf = (shard: StoredShard) => shard.nodes.find((node) => node.role === 'master');

/** findShardIndexBySlot, then the same-shard and already-migrating refusals. // store/cluster.go MigrateSlot */
export function migrationPlan(cluster: StoredCluster, slot: SlotRange, target: number): { ok: true; source: number } | { ok: false; error: string } {
  if (target < 0 || target >= cluster.shards.length) return { ok: false, error: 'index out of range' };
  let source = -1;
  for (const [i, shard] of cluster.shards.entries()) {
    if (!shard.slotRanges.some((range) => overlap(range, slot))) continue;
    if (source !== -1) return { ok: false, error: 'slot range belongs to multiple shards' };
    source = i;
  }
  if (source === -1) return { ok: false, error: 'slot not belong to any shard' };
  if (source === target) return { ok: false, error: 'source and target shard is same' };
  if (cluster.shards[source]!.migratingSlot || cluster.shards[target]!.migratingSlot) return { ok: false, error: 'shard slot is migrating' };
  if (!masterOf(cluster.shards[source]!)) return { ok: false, error: 'not found' };
  return { ok: true, source };
}

function withShard(cluster: StoredCluster, index: number, shard: StoredShard): StoredCluster {
  return { ...cluster, shards: cluster.shards.map((s, i) => (i === index ? shard : s)) };
}

/** RemoveSlotFromSlotRanges: the range cut out of a shard's ranges. // store/slot.go */
function removeSlots(ranges: readonly SlotRange[], cut: SlotRange): SlotRange[] {
  return ranges.flatMap((r) => {
    if (!overlap(r, cut)) return [r];
    const parts: SlotRange[] = [];
    if (r.start < cut.start) parts.push({ start: r.start, end: cut.start - 1 });
    if (r.end > cut.end) parts.push({ start: cut.end + 1, end: r.end });
    return parts;
  });
}

/** AddSlotToSlotRanges: merged and sorted. // store/slot.go */
function addSlots(ranges: readonly SlotRange[], add: SlotRange): SlotRange[] {
  const sorted = [...ranges, add].sort((a, b) => a.start - b.start);
  const out: SlotRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end + 1) out[out.length - 1] = { start: last.start, end: Math.max(last.end, r.end) };
    else out.push(r);
  }
  return out;
}

const clearMigration = (shard: StoredShard): StoredShard => ({ ...shard, migratingSlot: undefined, targetShardIndex: undefined });

/** `migrating_slot(s)` and `migrating_state` of a source's CLUSTER INFO. // store/cluster_node.go GetClusterInfo */
export function parseMigrating(text: string): { slot: SlotRange | null; state: string } {
  let slot: SlotRange | null = null;
  let state = '';
  for (const line of text.split('\r\n')) {
    const fields = line.split(':');
    if (fields.length !== 2) continue;
    const key = fields[0]!.trim().toLowerCase();
    const value = fields[1]!.trim();
    if (key === 'migrating_slot' || key === 'migrating_slot(s)') {
      const parsed = parseSlotRange(value);
      slot = typeof parsed === 'string' ? null : parsed;
    } else if (key === 'migrating_state') state = value;
  }
  return { slot, state };
}

/** What one check of a migrating shard does to the store, or null when it waits. // controller/cluster.go tryUpdateMigrationStatus */
export function afterCheck(cluster: StoredCluster, index: number, info: { slot: SlotRange | null; state: string }): { next: StoredCluster; text: string } | null {
  const shard = cluster.shards[index]!;
  const migrating = shard.migratingSlot!;
  const label = slotRangeText(migrating);
  if (info.slot === null || info.slot.start !== migrating.start || info.slot.end !== migrating.end) {
    return { next: withShard(cluster, index, clearMigration(shard)), text: `shard ${index}: mismatch migrating slot ${label}, migration cleared` };
  }
  const target = shard.targetShardIndex ?? -1;
  if (target < 0 || target >= cluster.shards.length) return null;
  if (info.state === 'none' || info.state === 'start') return null;
  if (info.state !== 'success') {
    const why = info.state === 'fail' ? `failed to migrate slot ${label}` : `unknown migrating state ${info.state}`;
    return { next: withShard(cluster, index, clearMigration(shard)), text: `shard ${index}: ${why}, migration cleared` };
  }
  const moved = withShard(cluster, index, { ...clearMigration(shard), slotRanges: removeSlots(shard.slotRanges, migrating) });
  const to = moved.shards[target]!;
  return { next: withShard(moved, target, { ...to, slotRanges: addSlots(to.slotRanges, migrating) }), text: `slot ${label} migrated from shard ${index} to shard ${target}` };
}

type Call = (address: string, argv: readonly string[], done: (reply: Reply | null) => void) => void;

/** One pass over the migrating shards, one after the other, as upstream loops. */
function checkShards(call: Call, cluster: StoredCluster, index: number, report: (event: MigrationEvent) => void): void {
  const shard = cluster.shards[index];
  if (!shard) return;
  const next = () => checkShards(call, cluster, index + 1, report);
  const master = masterOf(shard);
  if (!shard.migratingSlot || !master) return next();
  call(nodeAddress(master), ['CLUSTER', 'INFO'], (reply) => {
    if (reply === null || reply.type !== 'bulk') {
      report({ type: 'NOTE', text: `failed to get the cluster info from the source node ${nodeAddress(master)}` });
      return next();
    }
    const change = afterCheck(cluster, index, parseMigrating(reply.text));
    // UpdateCluster ends the pass: the next tick reads the cluster it stored.
    if (change) return report({ type: 'MIGRATION_CHECKED', request: { kind: 'migration', basis: cluster, next: change.next, text: change.text } });
    next();
  });
}

export const controllerMigrations = fromCallback<MigrationCommand, { io: ControllerIo; cluster: () => StoredCluster | null }>(({ input, sendBack, receive }) => {
  let live = true;
  const report = (event: MigrationEvent) => live && sendBack(event);
  const call: Call = (address, argv, done) => input.io.call(address, argv, (reply) => live && done(reply));
  // A stopped controller's ticker fires once more and stops there.
  const tick = () => {
    if (!live) return;
    input.io.after(MIGRATION_CHECK_INTERVAL_MS, tick);
    const cluster = input.cluster();
    if (cluster) checkShards(call, cluster, 0, report);
  };
  input.io.after(MIGRATION_CHECK_INTERVAL_MS, tick);
  receive(({ cluster, slot, target, reply }) => {
    const plan = migrationPlan(cluster, slot, target);
    if (!plan.ok) return reply?.({ ok: false, error: plan.error });
    const source = cluster.shards[plan.source]!;
    const dst = masterOf(cluster.shards[target]!)!;
    call(nodeAddress(masterOf(source)!), ['CLUSTERX', 'MIGRATE', slotRangeText(slot), dst.id], (answer) => {
      if (answer === null || answer.type === 'error') return reply?.({ ok: false, error: answer?.type === 'error' ? answer.text : 'the source node did not answer' });
      const next = withShard(cluster, plan.source, { ...source, migratingSlot: slot, targetShardIndex: target });
      const text = `migrating slot ${slotRangeText(slot)} from shard ${plan.source} to shard ${target}`;
      input.io.after(MIGRATE_STORE_WRITE_MS, () => report({ type: 'MIGRATION_STARTED', request: { kind: 'migration', basis: cluster, next, text }, reply }));
    });
  });
  return () => {
    live = false;
  };
});
