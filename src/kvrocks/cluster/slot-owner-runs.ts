/**
 * Reading a node's slot -> owner table the way upstream does for CLUSTER NODES, CLUSTER SLOTS and
 * nodes.conf: runs are maximal stretches owned by the *same node object* (pointer identity), and
 * printed slot lists are gathered per owner *id*, so a stale owner object that shares an id with a
 * current master shows up on that master's line.
 * // K-2024 src/cluster/cluster.cc getClusterNodeSlots, GetSlotsInfo
 */
import { formatSlotRanges } from './slots.ts';
import type { ClusterNode, SlotRange } from './types.ts';

export interface OwnerRun {
  readonly start: number;
  readonly end: number;
  readonly owner: ClusterNode;
}

/** Runs of consecutive slots with an identical, non-null owner object, in slot order. */
export function ownerRuns(slotOwner: readonly (ClusterNode | null)[]): OwnerRun[] {
  const runs: OwnerRun[] = [];
  let current: ClusterNode | null = null;
  let start = 0;
  for (let slot = 0; slot <= slotOwner.length; slot++) {
    const owner = slot < slotOwner.length ? (slotOwner[slot] ?? null) : null;
    if (owner === current) continue;
    if (current !== null) runs.push({ start, end: slot - 1, owner: current });
    current = owner;
    start = slot;
  }
  return runs;
}

const textCache = new WeakMap<readonly (ClusterNode | null)[], ReadonlyMap<string, string>>();

/**
 * Owner id -> its runs as printed (`0-2 4-8193 10000`). Memoised by table identity: ClusterState
 * never mutates a table it has handed out (copy-on-write).
 */
export function slotTextByOwnerId(slotOwner: readonly (ClusterNode | null)[]): ReadonlyMap<string, string> {
  const cached = textCache.get(slotOwner);
  if (cached) return cached;
  const text = computeSlotText(slotOwner);
  textCache.set(slotOwner, text);
  return text;
}

const assignedCache = new WeakMap<readonly (ClusterNode | null)[], number>();

/** How many slots have an owner (CLUSTER INFO cluster_slots_assigned), memoised the same way: a controller probes every node every few seconds. */
export function assignedSlotCount(slotOwner: readonly (ClusterNode | null)[]): number {
  let count = assignedCache.get(slotOwner);
  if (count === undefined) {
    count = 0;
    for (const owner of slotOwner) if (owner !== null) count++;
    assignedCache.set(slotOwner, count);
  }
  return count;
}

function computeSlotText(slotOwner: readonly (ClusterNode | null)[]): Map<string, string> {
  const rangesById = new Map<string, SlotRange[]>();
  for (const run of ownerRuns(slotOwner)) {
    const ranges = rangesById.get(run.owner.id) ?? [];
    ranges.push({ start: run.start, end: run.end });
    rangesById.set(run.owner.id, ranges);
  }
  const text = new Map<string, string>();
  for (const [id, ranges] of rangesById) text.set(id, formatSlotRanges(ranges));
  return text;
}
