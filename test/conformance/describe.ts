/**
 * Plain-text descriptions of a comparison for the terminal: each difference with both sides'
 * lines, and what changed in a real transcript since its recording.
 */
import { normalise } from './normalise.ts';
import type { CaseResult } from './report.ts';

const indent = (text: string, by: string) => text.split('\n').map((l) => `${by}${l}`).join('\n');

/** A line-by-line view of two outputs: lines only one side has, marked. */
export function lineDiff(real: string, model: string): string {
  const r = real.split('\n');
  const m = model.split('\n');
  const out: string[] = [];
  const inModel = new Set(m);
  const inReal = new Set(r);
  for (const line of r) if (!inModel.has(line)) out.push(`  real  | ${line}`);
  for (const line of m) if (!inReal.has(line)) out.push(`  model | ${line}`);
  return out.length > 0 ? out.join('\n') : `  (same lines, different order)\n${indent(real, '  real  | ')}\n${indent(model, '  model | ')}`;
}

export function describeDifferences(r: CaseResult): string | null {
  const parts: string[] = [];
  for (const e of r.comparison.entries) {
    if (e.verdict.kind !== 'different') continue;
    const argv = e.real.argv;
    parts.push(
      `${r.c.source}:${e.real.line} (${r.mode}) ${e.real.input.split('\n')[0]}\n  ${e.verdict.what}\n${lineDiff(normalise(argv, e.verdict.real), normalise(argv, e.verdict.model))}`,
    );
  }
  return parts.length > 0 ? `== ${r.c.id} ${r.mode}\n${parts.join('\n')}` : null;
}

/** What the real server now answers differently from its recording (normalised), or null. */
export function recordingChanges(r: CaseResult): string | null {
  const before = r.previous;
  if (!before) return `  ${r.c.id} ${r.mode}: new recording`;
  if (before.scriptSha256 !== r.recording.scriptSha256) return `  ${r.c.id} ${r.mode}: the script changed since it was recorded`;
  const changed: string[] = [];
  r.recording.entries.forEach((e, i) => {
    const old = before.entries[i];
    if (!old) return;
    if (normalise(e.argv, e.output) !== normalise(old.argv, old.output)) changed.push(`line ${e.line}`);
  });
  if (before.binary.sha256 !== r.recording.binary.sha256) changed.unshift(`binary ${before.binary.variant} -> ${r.recording.binary.variant} (${r.recording.binary.version})`);
  return changed.length > 0 ? `  ${r.c.id} ${r.mode}: ${changed.join(', ')}` : null;
}
