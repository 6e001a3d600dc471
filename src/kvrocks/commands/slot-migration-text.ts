/**
 * What CLUSTER INFO and CLUSTER NODES show of a migration or an import on this node.
 * // K-2024 src/cluster/cluster.cc GetClusterInfo, genNodesDescription
 */
import { rangeText } from '../migration/importer.ts';
import type { KvrocksNode } from '../node/node.ts';

/** The migrating and importing lines, only when myself is a topology master that is not replicating. */
export function movingSlotLines(node: KvrocksNode): string {
  const myself = node.cluster.myself;
  if (myself === null || myself.role !== 'master' || node.isSlave) return '';
  return node.migrator.infoText() + node.importer.infoText();
}

/** ` [range->-<dst id>]` while a job runs, ` [range-<-<owner of its first slot>]` while importing. */
export function movingSlotMarks(node: KvrocksNode): string {
  const importing = node.importer.importingRange;
  const source = importing === null ? '' : (node.cluster.ownerOfSlot(importing.start)?.id ?? '');
  return node.migrator.annotation() + (importing === null ? '' : ` [${rangeText(importing)}-<-${source}]`);
}
