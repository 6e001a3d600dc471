/** Export and import of a sandbox session as a JSON file (state/persistence.ts is the format). */
import { MAX_FILE_BYTES, serialise, validateSavedSession, type SavedSession } from '../state/persistence.ts';
import { replay } from '../state/replay.ts';
import type { Sandbox } from '../state/sandbox.svelte.ts';

export function sessionFileName(seed: number | string, date: Date): string {
  const safeSeed = String(seed).replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 32) || 'seed';
  const stamp = date.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return `kvlab-session-${safeSeed}-${stamp}.json`;
}

export function downloadSession(sandbox: Sandbox): string {
  const name = sessionFileName(sandbox.options.seed, new Date());
  const url = URL.createObjectURL(new Blob([serialise(sandbox.snapshot())], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/**
 * Reads and validates a file, and replays it on a scratch session to be sure it replays: on any
 * problem it says what (naming the field) and nothing else has been touched.
 */
export async function readSessionFile(file: File): Promise<{ ok: true; session: SavedSession } | { ok: false; error: string }> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: `the file is larger than ${MAX_FILE_BYTES / 1_000_000} MB` };
  const checked = validateSavedSession(await file.text());
  if (!checked.ok) return checked;
  try {
    replay(checked.session, checked.session.log, checked.session.time);
    return checked;
  } catch (e) {
    return { ok: false, error: `the session could not be replayed (${e instanceof Error ? e.message : String(e)})` };
  }
}
