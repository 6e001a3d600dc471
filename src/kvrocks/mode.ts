/**
 * Behaviour modes (design §2). They are read at the moment a decision is made, so switching acts
 * on what happens next.
 * - buggy:   K-2024, before PR #2643: a node missing from the topology leaves replication untouched.
 * - fixed:   PR #2643: a node missing from the topology drops its master (RemoveMaster).
 * - guarded: fixed + the #2850 PROPOSAL (not released Kvrocks behaviour): a master drops
 *            replicas that are absent from its newer topology.
 */
export const MODES = ['buggy', 'fixed', 'guarded'] as const;
export type BehaviourMode = (typeof MODES)[number];

export function isMode(value: string): value is BehaviourMode {
  return (MODES as readonly string[]).includes(value);
}

export const MODE_SUMMARY: Record<BehaviourMode, string> = {
  buggy: 'Kvrocks before PR #2643 (K-2024): a node removed from the topology keeps replicating',
  fixed: 'Kvrocks with PR #2643: a node removed from the topology stops replicating (RemoveMaster)',
  guarded: 'PR #2643 plus the #2850 proposal (not released): masters also drop replicas missing from their newer topology',
};
