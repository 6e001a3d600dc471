/**
 * The destination side of a slot migration: the import state CLUSTER IMPORT moves through, and
 * what CLUSTER INFO and CLUSTER NODES print of it. Start and Fail clear the slots' keys first (one
 * DeleteRange each); the importing connection closing while the import is still starting fails it.
 * // K-2024 src/cluster/slot_import.cc SlotImport
 */
import type { SlotRange } from '../cluster/types.ts';
import { formatSlotRange } from '../cluster/slots.ts';

export type ImportStatus = 'start' | 'success' | 'failed' | 'none';

/** ImportStatus in its wire order: `cluster import <range> <n>`. // K-2024 src/cluster/slot_import.h */
export const IMPORT_STATES: readonly ImportStatus[] = ['start', 'success', 'failed', 'none'];

const INFO_STATE: Readonly<Record<ImportStatus, string>> = { start: 'start', success: 'success', failed: 'error', none: 'none' };

export type ImportOutcome = { readonly ok: true; readonly clearKeys: boolean } | { readonly ok: false; readonly message: string };

export const sameRange = (a: SlotRange | null, b: SlotRange | null) => a?.start === b?.start && a?.end === b?.end;
export const rangeText = (range: SlotRange | null) => (range === null ? '-1' : formatSlotRange(range));

export class SlotImporter {
  /** import_slot_range_: kept after the import ends, so INFO goes on showing it. */
  range: SlotRange | null = null;
  status: ImportStatus = 'none';

  /** Start: the same range again is a no-op; another one while starting is refused. */
  start(range: SlotRange): ImportOutcome {
    if (this.status === 'start') {
      if (sameRange(this.range, range)) return { ok: true, clearKeys: false };
      return { ok: false, message: `only one importing job is allowed, current importing: ${rangeText(this.range)}` };
    }
    this.status = 'start';
    this.range = range;
    return { ok: true, clearKeys: true };
  }

  /** Success and Fail must name the range being imported; Fail clears its keys. */
  finish(range: SlotRange, ok: boolean): ImportOutcome {
    if (!sameRange(this.range, range)) {
      return { ok: false, message: `mismatch slot, importing slot(s): ${rangeText(this.range)}, but got: ${rangeText(range)}` };
    }
    this.status = ok ? 'success' : 'failed';
    return { ok: true, clearKeys: !ok };
  }

  /** StopForLinkError: the importing connection closed; keys are cleared unless the node now replicates. */
  linkLost(): { failed: boolean } {
    if (this.status !== 'start') return { failed: false };
    this.status = 'failed';
    return { failed: true };
  }

  /** GetSlotRange: only while starting (what CLUSTER NODES and CLUSTER RESET look at). */
  get importingRange(): SlotRange | null {
    return this.status === 'start' ? this.range : null;
  }

  /** GetImportInfo: `importing_slot(s): <range>` and `import_state: <state>`, CRLF each. */
  infoText(): string {
    if (this.range === null) return '';
    return `importing_slot(s): ${rangeText(this.range)}\r\nimport_state: ${INFO_STATE[this.status]}\r\n`;
  }
}
