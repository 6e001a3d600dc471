/**
 * A request to open one guided lab, made outside the Labs tab (the catalogue page) and taken by
 * the Labs view once its lab files have loaded: the tab may not exist yet when the request is made.
 */
import type { Lab } from '../../lab/labs/index.ts';
import type { LabEntry } from './catalog.ts';

export interface LabRequest {
  /** As the lab files name themselves: labs/02-issue-2618.md. */
  readonly file: string;
  /** The mode to open it in; null: the lab's own (or the one in force, when the lab has it). */
  readonly mode: string | null;
}

export class LabRequests {
  pending: LabRequest | null = $state.raw(null);
  /** Bumped when the lab panel needs to be seen (a question waits there): the side panel shows Labs. */
  revealed = $state(0);

  reveal(): void {
    this.revealed++;
  }

  open(file: string, mode: string | null = null): void {
    this.pending = { file, mode };
  }

  take(): LabRequest | null {
    const request = this.pending;
    this.pending = null;
    return request;
  }
}

/** The lab a request names and the mode to start it in, or why it cannot open. */
export function resolveLabRequest(entries: readonly LabEntry[], request: LabRequest): { lab: Lab; mode: string } | { error: string } {
  const entry = entries.find((e) => e.file === request.file);
  if (!entry) return { error: `${request.file} is not one of the guided labs in this build` };
  if (!entry.ok) return { error: entry.error };
  const mode = request.mode !== null && entry.lab.modes.includes(request.mode) ? request.mode : entry.lab.mode;
  return { lab: entry.lab, mode };
}
