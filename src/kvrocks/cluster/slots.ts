/**
 * Slot lists and slot-range specs: the `0-2 4-8193 10000` run format of CLUSTER NODES and nodes.conf,
 * and the `<slots>` argument of CLUSTERX SETSLOT / MIGRATE / CLUSTER IMPORT.
 */
import { parseCInt } from './c-int.ts';
import { splitNonEmpty } from './text.ts';
import { SLOT_COUNT, type SlotRange } from './types.ts';

export const MAX_SLOT = SLOT_COUNT - 1;
const SLOT_BOUNDS = [0, MAX_SLOT] as const;

/** One run as printed: `N` for a single slot, `a-b` otherwise. // K-2024 src/cluster/cluster.cc getClusterNodeSlots */
export function formatSlotRange(range: SlotRange): string {
  return range.start === range.end ? `${range.start}` : `${range.start}-${range.end}`;
}

/** Runs joined by single spaces, e.g. `0-2 4-8193 10000`. */
export function formatSlotRanges(ranges: readonly SlotRange[]): string {
  return ranges.map(formatSlotRange).join(' ');
}

/** Sorted, de-duplicated maximal runs of consecutive slots. */
export function slotsToRanges(slots: Iterable<number>): SlotRange[] {
  const sorted = [...new Set(slots)].sort((a, b) => a - b);
  const ranges: SlotRange[] = [];
  for (const slot of sorted) {
    const last = ranges[ranges.length - 1];
    if (last !== undefined && last.end === slot - 1) ranges[ranges.length - 1] = { start: last.start, end: slot };
    else ranges.push({ start: slot, end: slot });
  }
  return ranges;
}

/** A list of slots in the CLUSTER NODES run format. */
export function slotListText(slots: Iterable<number>): string {
  return formatSlotRanges(slotsToRanges(slots));
}

export type SlotRangesResult =
  | { readonly ok: true; readonly ranges: readonly SlotRange[] }
  | { readonly ok: false; readonly error: string };

/**
 * Parse a SETSLOT/MIGRATE/IMPORT slot spec: space-separated `N` or `a-b` items, `a <= b` (so `5-5`
 * is fine, unlike SETNODES). Error texts are upstream's, without the `ERR ` prefix.
 * // K-2024 src/commands/commander.cc CommandTable::ParseSlotRanges
 */
export function parseSlotRanges(spec: string): SlotRangesResult {
  if (spec.length === 0) return { ok: false, error: 'No slots to parse.' };
  const items = splitNonEmpty(spec, ' ');
  if (items.length === 0) {
    return {
      ok: false,
      error: `Invalid slots: \`${spec}\`. No slots to parse. Please use spaces to separate slots.`,
    };
  }
  const ranges: SlotRange[] = [];
  for (const item of items) {
    const parsed = parseSlotItem(item);
    if (typeof parsed === 'string') return { ok: false, error: parsed };
    ranges.push(parsed);
  }
  return { ok: true, ranges };
}

function parseSlotItem(item: string): SlotRange | string {
  if (!item.includes('-')) {
    const slot = parseCInt(item, 'int', SLOT_BOUNDS);
    // Status::Prefixed joins with ": " // K-2024 src/common/status.h
    return slot.ok ? { start: slot.value, end: slot.value } : `Invalid slot id: ${slot.message}`;
  }
  if (item.startsWith('-') || item.endsWith('-')) {
    return `Invalid slot range: \`${item}\`. The character '-' can't appear in the first or last position.`;
  }
  // Empty pieces are dropped, so `5--7` reads as 5-7 and passes.
  const ends = splitNonEmpty(item, '-');
  if (ends.length !== 2) {
    return `Invalid slot range: \`${item}\`. The slot range should be of the form \`int1-int2\`.`;
  }
  const start = parseCInt(ends[0] ?? '', 'int', SLOT_BOUNDS);
  const end = parseCInt(ends[1] ?? '', 'int', SLOT_BOUNDS);
  if (!start.ok || !end.ok || start.value > end.value) {
    return `Invalid slot range: \`${item}\`. The slot range \`int1-int2\` needs to satisfy the condition (int1 <= int2).`;
  }
  return { start: start.value, end: end.value };
}
