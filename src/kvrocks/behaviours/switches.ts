/**
 * Named behaviours: each is one upstream change (a merged fix, an open PR, a proposal) that the
 * model can run with or without. The behaviour modes are presets over these (presets.ts). A
 * switch is read at the moment its decision is made, so flipping one acts on what happens next.
 */

export type SwitchLayer = 'node' | 'controller';
export type SwitchStatus = 'merged' | 'open' | 'proposal';

export interface UpstreamRef {
  /** e.g. `apache/kvrocks#2618`, `apache/kvrocks-controller PR #400`. */
  readonly label: string;
  readonly url: string;
}

export interface BehaviourSwitch {
  readonly id: string;
  readonly layer: SwitchLayer;
  /** What the model does with the switch on, in one line. */
  readonly on: string;
  /** What it does with it off (the behaviour before the change). */
  readonly off: string;
  readonly status: SwitchStatus;
  /** When it was merged upstream (merged switches), e.g. `2024-11-03`. */
  readonly merged?: string;
  /** The issue and the change, first the bug report. */
  readonly upstream: readonly UpstreamRef[];
}

const kvrocks = (n: number, pr = false): UpstreamRef => ({
  label: `apache/kvrocks${pr ? ' PR ' : ''}#${n}`,
  url: `https://github.com/apache/kvrocks/${pr ? 'pull' : 'issues'}/${n}`,
});

export const SWITCHES: readonly BehaviourSwitch[] = [
  {
    id: 'remove-master-2643',
    layer: 'node',
    on: 'a node missing from the topology it is given drops its master (RemoveMaster)',
    off: 'a node missing from the topology leaves its replication untouched: a removed replica keeps replicating (#2618)',
    status: 'merged',
    merged: '2024-11-03',
    upstream: [kvrocks(2618), kvrocks(2643, true)],
  },
  {
    id: 'drop-orphans-2850',
    layer: 'node',
    on: 'replicas send their node id and topology version in REPLCONF, and a master stops feeding (and refuses) a replica missing from its newer topology',
    off: 'a master never looks at the topology to decide whom it feeds',
    status: 'proposal',
    upstream: [kvrocks(2841), kvrocks(2850)],
  },
];

const byId = new Map(SWITCHES.map((s) => [s.id, s]));

export function findSwitch(id: string): BehaviourSwitch | undefined {
  return byId.get(id);
}
