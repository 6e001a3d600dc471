/**
 * A node's keys in metadata column family order: by slot (the slot id is encoded before the key in
 * cluster mode), then by bytes (K-2024 redis_metadata.cc ComposeNamespaceKey). SCAN seeks in it
 * page by page. Sorting every key for each page cost 2.6 s per SCAN at 500,000 keys; here the order
 * is built when first read and then kept: a write of a new key or a delete is put in place, and a
 * huge batch, a slot range cleared or more than PATCHES_BEFORE_REBUILD such edits drop it, to be
 * built again on the next read.
 */
import { keySlot } from '../cluster/crc16.ts';
import { compareBytes } from './bytes.ts';

export interface Row {
  readonly slot: number;
  readonly key: string;
}

export const compareRows = (a: Row, b: Row): number => a.slot - b.slot || compareBytes(a.key, b.key);

/** Each edit in place moves up to every row after it; past this many a rebuild is cheaper. */
const PATCHES_BEFORE_REBUILD = 256;

/** The index of the first row at or after `target` (Iterator::Seek), rows.length when none is. */
export function seekRow(rows: readonly Row[], target: Row): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareRows(rows[mid]!, target) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class KeyOrder {
  private rows: Row[] | null = null;
  private patches = 0;

  /** Whether the order is built (edits then have to keep it right). */
  get built(): boolean {
    return this.rows !== null;
  }

  /** Every key of `keys` in order, built from them unless already built. */
  of(keys: Iterable<string>): readonly Row[] {
    if (this.rows === null) {
      const rows: Row[] = [];
      for (const key of keys) rows.push({ slot: keySlot(key), key });
      this.rows = rows.sort(compareRows);
      this.patches = 0;
    }
    return this.rows;
  }

  /** A key that was not stored now is. */
  added(key: string): void {
    if (this.rows === null || this.patched()) return;
    const row = { slot: keySlot(key), key };
    this.rows.splice(seekRow(this.rows, row), 0, row);
  }

  /** A stored key is gone. */
  removed(key: string): void {
    if (this.rows === null || this.patched()) return;
    const at = seekRow(this.rows, { slot: keySlot(key), key });
    if (this.rows[at]?.key === key) this.rows.splice(at, 1);
  }

  /** Forgets the order; the next read builds it again. */
  drop(): void {
    this.rows = null;
  }

  /** Counts an edit; true (and the order dropped) once a rebuild is the cheaper way. */
  private patched(): boolean {
    if (++this.patches <= PATCHES_BEFORE_REBUILD) return false;
    this.rows = null;
    return true;
  }
}
