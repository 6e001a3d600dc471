/**
 * The catalogue of real Kvrocks cluster bugs the model can show: each with its story, the
 * upstream threads and changes it is modelled from, the named behaviour that switches it
 * (kvrocks/behaviours/switches.ts), what a user sees in each setting, its scenario script and its
 * guided lab. The sandbox's catalogue page and `kvlab catalogue` read it; pure data.
 */
import { controller, findSwitch, kvrocks, type UpstreamRef } from '../kvrocks/behaviours/switches.ts';
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
  readonly settings: readonly { readonly setting: string; readonly sees: string; /** An earlier setting this one reads exactly like (the bug is untouched by its switch). */ readonly sameAs?: string }[];
  /** The scenario script (labs/scenarios/) and the guided lab (labs/), from the repository root. */
  readonly scenario: string;
  readonly lab: string | null;
  /** The cluster size the scenario needs when it is not 3 (the script says so too: `# conformance: nodes 4`). */
  readonly nodes?: number;
}

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
      { setting: 'fixed', sees: 'the same: kv3 is never told, so #2643 cannot act', sameAs: 'buggy' },
      { setting: 'guarded', sees: 'kv1 stops feeding kv3 when it applies version 2 and refuses its PSYNC; kv3 keeps retrying, link down' },
    ],
    scenario: 'labs/scenarios/issue-2841.kvlab',
    lab: 'labs/04-orphan-2841.md',
  },
  {
    id: 'controller-395',
    title: 'A drifted view is never repaired',
    story: 'kvrocks-controller re-pushes a node only when its version is behind, never with force, and never retries a failed push: a node holding a different topology at the stored version keeps it for good.',
    upstream: [controller(395), controller(400, true)],
    versions: 'Every kvrocks-controller release; PR #400 (open, not merged) forces and retries pushes and repairs a node whose node or slot counts differ.',
    switches: ['force-resync-400'],
    settings: [
      { setting: 'buggy', sees: 'kv3 keeps a 2-node view at version 1 however long the controller probes; a re-push without force answers OK and changes nothing; kv2 waits for the next probe after a refused push' },
      { setting: 'buggy+force-resync-400', sees: 'the next probe reads cluster_known_nodes:2 and force-pushes version 1; the refused push reaches kv2 on its third attempt, 450 ms later; .controller sync works' },
    ],
    scenario: 'labs/scenarios/controller-395.kvlab',
    lab: 'labs/09-drift-395.md',
  },
  {
    id: 'controller-329',
    title: 'Two masters in one shard after a failover',
    story: 'A failed master restarts at its older version still a master (#109), or a master the controller cannot reach keeps serving clients (#329): after the failover both it and the promoted replica take writes, and the old master\'s never reach the new one.',
    upstream: [controller(109), controller(329), controller(374, true), kvrocks(3380)],
    versions: 'Every kvrocks-controller release; PR #374 (open) adds a quorum check of the other masters; a master lease (kvrocks#3380, PRs #3397 and controller #387, open) is not modelled.',
    switches: ['quorum-check-374'],
    settings: [
      { setting: 'buggy', sees: 'kv2 is promoted at version 2 while kv1 is down; restarted, kv1 is master at version 1 and takes a write kv2 never gets; cut off from the controller, kv3 keeps taking writes after kv4 is promoted, and keeps its own value when it rejoins' },
      { setting: 'buggy+quorum-check-374', sees: 'no failover at all: kv3 and kv1 never mark a master failed, so the check skips it probe after probe, even while kv1 is really down' },
    ],
    scenario: 'labs/scenarios/two-masters-329.kvlab',
    lab: 'labs/10-two-masters-329.md',
    nodes: 4,
  },
  {
    id: 'controller-340',
    title: 'The controller promotes an empty replica',
    story: 'With its master down, a replica that restarted empty (or is still restoring a full sync) answers INFO at sequence 0 and is made the master; when the old master returns it syncs the empty database.',
    upstream: [controller(340, true), controller(366), controller(377, true)],
    versions: 'kvrocks-controller before PR #340 (merged August 2025); PR #377 (February 2026, for #366) lets sequence 0 through again when the master reports 0 or cannot be asked.',
    switches: ['skip-unready-replica-340', 'empty-shard-failover-377'],
    settings: [
      { setting: 'buggy', sees: 'kv3, empty, is promoted at version 2; kv1 returns, full-syncs from kv3 and k1 is gone' },
      { setting: 'buggy+skip-unready-replica-340', sees: 'kv3 is skipped (no match new master in shard) at every failed probe; kv1 returns as master with k1' },
      { setting: 'buggy+skip-unready-replica-340+empty-shard-failover-377', sees: 'the dead master counts as sequence 0, so kv3 is promoted again and k1 is lost, as before #340' },
    ],
    scenario: 'labs/scenarios/controller-340.kvlab',
    lab: 'labs/11-empty-replica-340.md',
  },
  {
    id: 'issue-462',
    title: 'Same sequence, different data',
    story: 'An old master that missed a failover push takes a write the new master never sees; when it rejoins as a replica, PSYNC compares only sequence numbers, so it partially syncs and keeps its own data for good.',
    upstream: [kvrocks(462), kvrocks(538, true)],
    versions: 'Every version by default: PR #538 (merged 2022-05-24, in 5fccd57c) added replication ids behind use-rsid-psync, which defaults to no and is read-only (kvrocks.conf only).',
    switches: ['use-rsid-psync-538'],
    settings: [
      { setting: 'buggy', sees: 'kv1 and kv2 both at sequence 2; kv1 rejoins with PSYNC 3, partially syncs and keeps k=old while kv2 and kv3 have k=new' },
      { setting: 'buggy+use-rsid-psync-538', sees: 'kv2 answers wrong replication id of the last log; kv1 full-syncs and has k=new; every node starts at sequence 1 and each fresh replica (or restarted one) full-syncs' },
    ],
    scenario: 'labs/scenarios/issue-462.kvlab',
    lab: 'labs/12-rsid-psync-462.md',
  },
  {
    id: 'issue-3385',
    title: 'A failed replica still looks healthy',
    story: 'Kvrocks nodes do not gossip: when a replica dies, every CLUSTER NODES keeps printing it as a connected slave, so cluster clients keep reading from it; the controller had no way to say otherwise.',
    upstream: [kvrocks(3385), kvrocks(3386, true)],
    versions: 'Kvrocks up to PR #3386 (merged March 2026, after 5fccd57c), which accepts the role slave,fail in SETNODES and prints it in CLUSTER NODES.',
    switches: ['fail-flag-3386'],
    settings: [
      { setting: 'buggy', sees: 'SETNODES with slave,fail answers ERR Invalid cluster node role and the version stays 1; kv3 is printed as a plain slave' },
      { setting: 'buggy+fail-flag-3386', sees: 'kv1 and kv2 take version 2 and print kv3 as slave,fail; kv3 itself shows myself,slave,fail and still replicates' },
    ],
    scenario: 'labs/scenarios/issue-3385.kvlab',
    lab: 'labs/13-fail-flag-3386.md',
  },
  {
    id: 'issue-1224',
    title: 'A master feeds replicas its topology does not have',
    story: 'A master never checks a connecting replica against the cluster topology, so a removed replica, or one following a stale topology, replicates happily; #1224 proposes a host-and-port check at the replication request.',
    upstream: [kvrocks(1224), kvrocks(1219, true)],
    versions: 'Every released version; #1224 is an open proposal (not merged). Compare #2850 (mode guarded), which weighs topology versions.',
    switches: ['refuse-unknown-replicas-1224', 'drop-orphans-2850'],
    settings: [
      { setting: 'buggy', sees: 'the removed kv3 keeps replicating, and after a restart reconnects with a partial PSYNC' },
      { setting: 'buggy+refuse-unknown-replicas-1224', sees: 'kv3 is fed until it reconnects, then refused (link down, retry every 10 s); put back at version 3 it stays refused until kv1 itself has version 3' },
      { setting: 'guarded', sees: 'kv1 drops kv3 when it applies version 2; kv3 reporting version 3 is let in before kv1 has it' },
    ],
    scenario: 'labs/scenarios/issue-1224.kvlab',
    lab: 'labs/14-known-replicas-1224.md',
  },
  {
    id: 'issue-3147',
    title: 'A lost acknowledgement, two writable nodes',
    story: "A slot migration's last answer (import success) is lost: the source counts the migration as failed and takes writes again while the destination already serves the slot, so two nodes accept writes for one slot and one side's writes are lost when the controller decides.",
    upstream: [kvrocks(3147), kvrocks(3576, true)],
    versions: 'Every released version, 5fccd57c included; PR #3576 (open, 2026) freezes writes to the slot on both nodes until SETSLOT/SETNODES.',
    switches: ['freeze-after-migration-3576'],
    settings: [
      { setting: 'buggy', sees: 'kv1 shows migrating_state: fail, kv2 import_state: success, and both accept SET b; once the slot stays on kv1, the value written to kv2 is unreachable' },
      { setting: 'buggy+freeze-after-migration-3576', sees: 'both answer TRYAGAIN for slot 3300 until version 2 arrives; nothing is lost, and kv1 takes writes again once it is named the owner' },
    ],
    scenario: 'labs/scenarios/split-brain-3147.kvlab',
    lab: 'labs/15-split-brain-3147.md',
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
    out.push(`  scenario: npx kvlab run${e.nodes ? ` --nodes ${e.nodes}` : ''} --mode ${e.settings[0]?.setting ?? 'buggy'} ${e.scenario}`);
    if (e.lab) out.push(`  lab: npx kvlab lab ${e.lab}`);
    out.push('');
  }
  return out.join('\n');
}
