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

/** An apache/kvrocks issue (or, with `pr`, pull request). */
export const kvrocks = (n: number, pr = false): UpstreamRef => ({
  label: `apache/kvrocks${pr ? ' PR ' : ''}#${n}`,
  url: `https://github.com/apache/kvrocks/${pr ? 'pull' : 'issues'}/${n}`,
});

/** An apache/kvrocks-controller issue (or, with `pr`, pull request). */
export const controller = (n: number, pr = false): UpstreamRef => ({
  label: `apache/kvrocks-controller${pr ? ' PR ' : ''}#${n}`,
  url: `https://github.com/apache/kvrocks-controller/${pr ? 'pull' : 'issues'}/${n}`,
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
  {
    id: 'use-rsid-psync-538',
    layer: 'node',
    on: 'every node runs with use-rsid-psync yes: a new replication id at start and on RemoveMaster (one sequence number), PSYNC <replid> <seq>, and a master answers `wrong replication id of the last log` to a replica whose history differs, which then full-syncs',
    off: "use-rsid-psync no, Kvrocks' default: PSYNC <seq> only, so a replica whose different writes took the same sequence numbers partially syncs and keeps them (#462)",
    status: 'merged',
    merged: '2022-05-24',
    upstream: [kvrocks(462), kvrocks(538, true)],
  },
  {
    id: 'fail-flag-3386',
    layer: 'node',
    on: 'SETNODES accepts the role `slave,fail` (a replica the controller found down), and CLUSTER NODES prints it as `slave,fail`',
    off: 'SETNODES refuses `slave,fail` with `ERR Invalid cluster node role`, as 5fccd57c does',
    status: 'merged',
    merged: '2026-03',
    upstream: [kvrocks(3385), kvrocks(3386, true)],
  },
  {
    id: 'refuse-unknown-replicas-1224',
    layer: 'node',
    on: 'a master refuses PSYNC from a replica whose announced address is not one of its replicas in its own topology (whatever the versions); the replica retries every 10 s; replicas already fed are kept',
    off: 'a master feeds any replica that completes the handshake',
    status: 'proposal',
    upstream: [kvrocks(1224), kvrocks(1219, true)],
  },
  {
    id: 'force-resync-400',
    layer: 'controller',
    on: 'the controller sends SETNODES with force, retries a failed push (150 ms, then 300 ms later), re-pushes a node at the stored version whose cluster_known_nodes or cluster_slots_ok differ, and has a sync endpoint (.controller sync)',
    off: 'one push per change, without force and never retried; the probe re-pushes only a node behind the stored version, so a node that drifted at that version keeps its view (#395)',
    status: 'open',
    upstream: [controller(395), controller(400, true)],
  },
  {
    id: 'skip-unready-replica-340',
    layer: 'controller',
    on: 'a failover candidate must answer CLUSTER INFO (a replica restoring a full sync answers LOADING) and show role:slave with a sequence above 0',
    off: 'a failover candidate only has to answer INFO, and the highest sequence wins: a loading or empty replica (sequence 0) can become master',
    status: 'merged',
    merged: '2025-08',
    upstream: [controller(340, true)],
  },
  {
    id: 'empty-shard-failover-377',
    layer: 'controller',
    on: 'with skip-unready-replica-340, a replica at sequence 0 may still be promoted when the master reports sequence 0 too, or cannot be asked',
    off: 'with skip-unready-replica-340, a replica at sequence 0 is never promoted, so an empty shard cannot fail over (#366)',
    status: 'merged',
    merged: '2026-02',
    upstream: [controller(366), controller(377, true)],
  },
  {
    id: 'quorum-check-374',
    layer: 'controller',
    on: 'before an automatic failover the controller asks the other masters for CLUSTER NODES and goes ahead only if most of those that answer mark the master failed (or none can be asked)',
    off: 'the controller fails a master over on its own probes alone, even when clients still reach that master (#329)',
    status: 'open',
    upstream: [controller(109), controller(329), controller(374, true)],
  },
  {
    id: 'freeze-after-migration-3576',
    layer: 'node',
    on: 'once a migration has moved a slot, the source (when the import acknowledgement was lost) and the destination refuse writes to it with TRYAGAIN until SETSLOT/SETNODES gives it an owner',
    off: 'a lost `cluster import ... 1` answer leaves the source counting the migration as failed and taking writes while the destination serves the slot too: two writable nodes for one slot (#3147)',
    status: 'open',
    upstream: [kvrocks(3147), kvrocks(3576, true)],
  },
];

const byId = new Map(SWITCHES.map((s) => [s.id, s]));

export function findSwitch(id: string): BehaviourSwitch | undefined {
  return byId.get(id);
}
