/**
 * Where guided labs keep their state in localStorage, and the lazy door to the lab view. Tiny on
 * purpose: the page's start-up reads it, everything else about labs loads on demand.
 */
import type { Storage } from '../state/sandbox.svelte.ts';

export const LAB_KEYS = {
  /** The lab in progress, `{"id": ..., "mode": ...}`; empty when none. */
  active: 'kvlab.lab.active.v1',
  /** A lab's progress in one mode (LabRunner.progress() as JSON). */
  progress: (id: string, mode: string) => `kvlab.lab.progress.v1.${id}.${mode}`,
  /** What a lab's checks read in one mode (outcomes.ts), for the two-mode comparison. */
  outcomes: (id: string, mode: string) => `kvlab.lab.outcomes.v1.${id}.${mode}`,
  /** Appended to a key whose content could not be restored: kept there, never silently lost. */
  unreadable: '.unreadable',
} as const;

/** True when a lab was in progress at the last visit (the page then opens the lab view). */
export function labInProgress(storage: Storage | null): boolean {
  try {
    return Boolean(storage?.getItem(LAB_KEYS.active));
  } catch {
    return false;
  }
}

/** The lab list and panel, with the lab parser, Markdown and the sanitizer: loaded when first shown. */
export const loadLabsView = () => import('./LabsView.svelte');
