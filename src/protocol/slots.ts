/** Hash slots and node ids as every layer names them (K-2024 src/cluster/cluster_defs.h). */
export const SLOT_COUNT = 16384;
export const NODE_ID_LENGTH = 40;

/** An inclusive run of slots; `start === end` for a single slot. */
export interface SlotRange {
  readonly start: number;
  readonly end: number;
}
