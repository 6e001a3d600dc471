/**
 * Real transcripts recorded into the repository (test/conformance/recordings/), so `npm test`
 * compares the model with the real server on any machine, with no binary. Each names the binary
 * it came from and the script it ran; a recording of a script that has changed since is stale.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RealMode } from './cases.ts';
import type { Entry } from './entry.ts';

export const RECORDINGS_DIR = join(import.meta.dirname, 'recordings');
export const RECORDING_FORMAT = 1;

export interface BinaryInfo {
  /** `k2024` or `post2643` for the builds in ../shared/kvrocks, else `custom`. */
  readonly variant: string;
  /** What `kvrocks -v` prints. */
  readonly version: string;
  readonly sha256: string;
}

interface StoredEntry extends Omit<Entry, 'output'> {
  readonly output: readonly string[];
}

export interface Recording {
  readonly format: number;
  readonly case: string;
  readonly mode: RealMode;
  readonly binary: BinaryInfo;
  /** UTC date of the run. */
  readonly recorded: string;
  readonly scriptSha256: string;
  readonly entries: readonly Entry[];
}

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

export function recordingPath(caseId: string, mode: RealMode): string {
  return join(RECORDINGS_DIR, `${caseId.replace(/\//g, '__')}.${mode}.json`);
}

export function readRecording(caseId: string, mode: RealMode): Recording | null {
  const path = recordingPath(caseId, mode);
  if (!existsSync(path)) return null;
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Omit<Recording, 'entries'> & { entries: StoredEntry[] };
  if (raw.format !== RECORDING_FORMAT) throw new Error(`${path}: recording format ${raw.format}, expected ${RECORDING_FORMAT}`);
  return { ...raw, entries: raw.entries.map((e) => ({ ...e, output: e.output.join('\n') })) };
}

export function writeRecording(r: Recording): void {
  mkdirSync(RECORDINGS_DIR, { recursive: true });
  // Outputs as arrays of lines, so a re-recording's diff reads line by line.
  const stored = { ...r, entries: r.entries.map((e) => ({ ...e, output: e.output.split('\n') })) };
  writeFileSync(recordingPath(r.case, r.mode), `${JSON.stringify(stored, null, 1)}\n`);
}
