/** Export and import of a sandbox session as a JSON file (state/persistence.ts is the format). */
import { MAX_FILE_BYTES, serialise, validateSavedSession } from '../state/persistence.ts';
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

/** Reads, validates and replays a file; on any problem the sandbox is left as it was. */
export async function importSession(sandbox: Sandbox, file: File): Promise<{ ok: true } | { ok: false; error: string }> {
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: `the file is larger than ${MAX_FILE_BYTES / 1_000_000} MB` };
  const checked = validateSavedSession(await file.text());
  if (!checked.ok) return checked;
  try {
    sandbox.restore(checked.session);
    return { ok: true };
  } catch (e) {
    return { ok: false, error: `the session could not be replayed (${e instanceof Error ? e.message : String(e)})` };
  }
}
