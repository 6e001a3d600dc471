/**
 * A scenario playing into the console ("Reproduce #2618", a catalogue run), remembered in storage
 * while it plays, so a reload in the middle resumes it instead of abandoning it half-way. What
 * ran is in the saved session; this says which scenario it was and how to conclude it.
 */
import { isMode, type BehaviourMode } from '../../kvrocks/mode.ts';
import type { RunResult } from '../../lab/session.ts';
import type { Storage } from '../state/sandbox.svelte.ts';

export const SCENARIO_RUN_KEY = 'kvlab.scenario-run.v1';

/** How a run's conclusion is worded: #2618's own summary, or a catalogue entry's "what to look for". */
export type Conclusion = { readonly kind: 'issue-2618' } | { readonly kind: 'catalogue'; readonly entry: string } | { readonly kind: 'note'; readonly text: string };

export interface ScenarioRun {
  readonly file: string;
  readonly setting: BehaviourMode;
  readonly conclusion: Conclusion;
}

export function saveRun(storage: Storage | null, run: ScenarioRun): void {
  try {
    storage?.setItem(SCENARIO_RUN_KEY, JSON.stringify(run));
  } catch {
    // Storage full or disabled: the run plays on; only a reload would lose it.
  }
}

export function clearRun(storage: Storage | null): void {
  try {
    storage?.setItem(SCENARIO_RUN_KEY, '');
  } catch {
    // As above.
  }
}

/** The run a reload interrupted, or null (none, or not one this page wrote). */
export function loadRun(storage: Storage | null): ScenarioRun | null {
  const raw = storage?.getItem(SCENARIO_RUN_KEY);
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Record<string, unknown>;
    const c = d.conclusion as Record<string, unknown> | undefined;
    if (typeof d.file !== 'string' || !d.file.startsWith('labs/scenarios/') || typeof d.setting !== 'string' || !isMode(d.setting)) return null;
    if (c?.kind === 'issue-2618') return { file: d.file, setting: d.setting, conclusion: { kind: 'issue-2618' } };
    if (c?.kind === 'catalogue' && typeof c.entry === 'string') return { file: d.file, setting: d.setting, conclusion: { kind: 'catalogue', entry: c.entry } };
    if (c?.kind === 'note' && typeof c.text === 'string') return { file: d.file, setting: d.setting, conclusion: { kind: 'note', text: c.text.slice(0, 300) } };
    return null;
  } catch {
    return null;
  }
}

/** The one sentence that concludes a run (loaded on first use: not needed to start the console). */
export async function concludeRun(run: ScenarioRun, transcript: readonly RunResult[]): Promise<string | null> {
  if (run.conclusion.kind === 'issue-2618') {
    const { summarise2618 } = await import('./issue-2618.ts');
    return summarise2618(transcript);
  }
  if (run.conclusion.kind === 'note') return run.conclusion.text;
  const id = run.conclusion.entry;
  const [{ CATALOGUE }, { ranNotice }] = await Promise.all([import('../../lab/catalogue.ts'), import('../catalogue/catalogue-view.ts')]);
  const entry = CATALOGUE.find((e) => e.id === id);
  return entry ? ranNotice(entry, run.setting) : null;
}
