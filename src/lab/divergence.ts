/**
 * The same seed and inputs in two behaviour settings, side by side: after each input, the two
 * runs' replies and every node's told/running state (the `.nodes` row) are compared, and the
 * first input after which they differ is the divergence. The compare view and `kvlab compare`
 * both read it. Pure.
 */
import { nodeRow, type NodeRow } from './node-table.ts';
import type { ScriptInput } from './script.ts';

/** An input of a script (run back to back), or of a session's log (run at its time, `at`). */
export type ComparedInput = ScriptInput & { readonly at?: number };
import { Session, type RunResult } from './session.ts';

export interface FieldDifference {
  /** kv3, or null for a field of the reply. */
  readonly node: string | null;
  /** A `.nodes` column (running, told, version, master link, ...) or an INFO field (role, connected_slaves, ...). */
  readonly field: string;
  readonly values: readonly [string, string];
}

export interface Divergence {
  /** Index into the inputs. */
  readonly index: number;
  readonly input: ComparedInput;
  readonly at: number;
  /** The two replies, when they differ. */
  readonly outputs: readonly [string, string] | null;
  /** INFO-style `field:value` lines of the replies that differ, then node state that differs. */
  readonly fields: readonly FieldDifference[];
}

export interface ComparedRuns {
  readonly settings: readonly [string, string];
  readonly results: readonly [RunResult[], RunResult[]];
  readonly divergence: Divergence | null;
}

const ROW_FIELDS: readonly (keyof NodeRow)[] = ['process', 'version', 'told', 'running', 'masterLink', 'replicas'];
const FIELD_NAMES: Partial<Record<keyof NodeRow, string>> = { masterLink: 'master link' };

/** `field:value` lines of an output (INFO sections), as a map. */
function infoFields(output: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of output.split('\n')) {
    const m = /^([a-z_][a-z0-9_]*):(.*)$/.exec(line);
    if (m) fields.set(m[1]!, m[2]!);
  }
  return fields;
}

function replyFields(a: string, b: string): FieldDifference[] {
  const fa = infoFields(a);
  const fb = infoFields(b);
  const names = [...new Set([...fa.keys(), ...fb.keys()])];
  return names.filter((n) => fa.get(n) !== fb.get(n)).map((n) => ({ node: null, field: n, values: [fa.get(n) ?? '(absent)', fb.get(n) ?? '(absent)'] as const }));
}

function stateFields(a: Session, b: Session): FieldDifference[] {
  const out: FieldDifference[] = [];
  for (const [i, na] of a.world.nodes.entries()) {
    const nb = b.world.nodes[i];
    if (!nb) continue;
    const ra = nodeRow(na);
    const rb = nodeRow(nb);
    for (const f of ROW_FIELDS) if (String(ra[f]) !== String(rb[f])) out.push({ node: ra.name, field: FIELD_NAMES[f] ?? f, values: [String(ra[f]), String(rb[f])] });
  }
  return out;
}

/** Runs `inputs` in both settings (same seed and node count) and finds the first divergence. */
export function compareRuns(inputs: readonly ComparedInput[], options: { nodes: number; seed: number | string; settings: readonly [string, string] }): ComparedRuns {
  const sessions = options.settings.map((mode) => new Session({ nodes: options.nodes, seed: options.seed, mode })) as [Session, Session];
  const results: [RunResult[], RunResult[]] = [[], []];
  let divergence: Divergence | null = null;
  for (const [index, input] of inputs.entries()) {
    for (const session of sessions) if (input.at !== undefined && input.at > session.now()) session.runUntil(input.at);
    const ra = sessions[0].run(input.text);
    const rb = sessions[1].run(input.text);
    results[0].push(ra);
    results[1].push(rb);
    if (divergence !== null) continue;
    const oa = ra.error ?? ra.output;
    const ob = rb.error ?? rb.output;
    const fields = [...(oa === ob ? [] : replyFields(oa, ob)), ...stateFields(sessions[0], sessions[1])];
    if (oa !== ob || fields.length > 0) divergence = { index, input, at: ra.at, outputs: oa === ob ? null : [oa, ob], fields };
  }
  return { settings: options.settings, results, divergence };
}

/** What `kvlab compare` prints about a divergence. */
export function describeDivergence(runs: ComparedRuns, file: string): string {
  const [a, b] = runs.settings;
  const d = runs.divergence;
  if (d === null) return `${a} and ${b} agree on every input of ${file}: the same replies and the same state after each.\n`;
  const lines = [`first divergence: ${file}:${d.input.line} (input ${d.index + 1}, t=${(d.at / 1000).toFixed(3)}s)`, `  ${d.input.text.split('\n')[0]}${d.input.text.includes('\n') ? ' ...' : ''}`];
  if (d.outputs) {
    lines.push(`the replies differ:`);
    for (const [i, setting] of runs.settings.entries()) lines.push(`  ${setting}:`, ...d.outputs[i]!.split('\n').map((l) => `    ${l}`));
  }
  if (d.fields.length > 0) {
    const width = Math.max(...d.fields.map((f) => (f.node ? `${f.node} ${f.field}` : f.field).length));
    lines.push(`what differs (${a} | ${b}):`);
    for (const f of d.fields) lines.push(`  ${(f.node ? `${f.node} ${f.field}` : f.field).padEnd(width)}  ${f.values[0]} | ${f.values[1]}`);
  }
  return `${lines.join('\n')}\n`;
}
