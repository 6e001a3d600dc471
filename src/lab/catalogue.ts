/**
 * The catalogue of real Kvrocks cluster bugs the model can show: each with its story, the
 * upstream threads and changes it is modelled from, the named behaviour that switches it
 * (kvrocks/behaviours/switches.ts), what a user sees in each setting, its scenario script and its
 * guided lab. The sandbox's catalogue page and `kvlab catalogue` read it; pure data.
 */
import { findSwitch, type UpstreamRef } from '../kvrocks/behaviours/switches.ts';
import { canonicalMode } from '../kvrocks/mode.ts';

export interface CatalogueEntry {
  readonly id: string;
  readonly title: string;
  /** What goes wrong, in one line. */
  readonly story: string;
  readonly upstream: readonly UpstreamRef[];
  /** Which versions have it and which change fixes it (or that it is a proposal). */
  readonly versions: string;
  /** The named behaviours that decide it. */
  readonly switches: readonly string[];
  /** What a user sees, per setting (each a mode: a preset with switches on or off). */
  readonly settings: readonly { readonly setting: string; readonly sees: string }[];
  /** The scenario script (labs/scenarios/) and the guided lab (labs/), from the repository root. */
  readonly scenario: string;
  readonly lab: string | null;
}

const kvrocks = (n: number, pr = false): UpstreamRef => ({
  label: `apache/kvrocks${pr ? ' PR ' : ''}#${n}`,
  url: `https://github.com/apache/kvrocks/${pr ? 'pull' : 'issues'}/${n}`,
});

export const CATALOGUE: readonly CatalogueEntry[] = [
  {
    id: 'issue-2618',
    title: 'A removed replica keeps replicating',
    story: 'SETNODES removes a replica from the topology, yet it keeps replicating and its master keeps listing it in INFO replication.',
    upstream: [kvrocks(2618), kvrocks(2643, true)],
    versions: 'Kvrocks up to 5fccd57c (2024-10-24); fixed by PR #2643 (merged 2024-11-03).',
    switches: ['remove-master-2643'],
    settings: [
      { setting: 'buggy', sees: 'the removed kv3 stays role:slave with its link up; kv1 keeps connected_slaves:2' },
      { setting: 'fixed', sees: 'kv3 becomes role:master at once; kv1 drops it 2-4 s later (connected_slaves:1)' },
    ],
    scenario: 'labs/scenarios/issue-2618.kvlab',
    lab: 'labs/02-issue-2618.md',
  },
  {
    id: 'issue-2841',
    title: 'The orphan the fix misses',
    story: 'kvrocks-controller pushes the new topology only to the nodes still in it, so the removed replica is never told and keeps replicating, with or without #2643.',
    upstream: [kvrocks(2841), kvrocks(2850)],
    versions: 'Every released version; #2850 proposes that masters drop replicas missing from their newer topology (not merged).',
    switches: ['remove-master-2643', 'drop-orphans-2850'],
    settings: [
      { setting: 'buggy', sees: 'kv3 keeps version 1 and replicates kv1; kv1 lists it in INFO but not in CLUSTER NODES' },
      { setting: 'fixed', sees: 'the same: kv3 is never told, so #2643 cannot act' },
      { setting: 'guarded', sees: 'kv1 stops feeding kv3 when it applies version 2 and refuses its PSYNC; kv3 keeps retrying, link down' },
    ],
    scenario: 'labs/scenarios/issue-2841.kvlab',
    lab: 'labs/04-orphan-2841.md',
  },
];

/** Problems with the catalogue itself (a switch or a setting that does not exist), for tests. */
export function catalogueProblems(entries: readonly CatalogueEntry[] = CATALOGUE): string[] {
  const problems: string[] = [];
  for (const e of entries) {
    for (const id of e.switches) if (!findSwitch(id)) problems.push(`${e.id}: unknown switch ${id}`);
    for (const s of e.settings) if (canonicalMode(s.setting) !== s.setting) problems.push(`${e.id}: setting ${s.setting} is not a canonical mode`);
  }
  return problems;
}

/** `kvlab catalogue`: every entry as plain text. */
export function catalogueText(entries: readonly CatalogueEntry[] = CATALOGUE): string {
  const out: string[] = [];
  for (const e of entries) {
    out.push(`${e.id}: ${e.title}`, `  ${e.story}`, `  upstream: ${e.upstream.map((u) => u.label).join(', ')}`, `  versions: ${e.versions}`);
    out.push(`  switches: ${e.switches.join(', ')}`);
    for (const s of e.settings) out.push(`  in ${s.setting}: ${s.sees}`);
    out.push(`  scenario: npx kvlab run --mode ${e.settings[0]?.setting ?? 'buggy'} ${e.scenario}`);
    if (e.lab) out.push(`  lab: npx kvlab lab ${e.lab}`);
    out.push('');
  }
  return out.join('\n');
}
