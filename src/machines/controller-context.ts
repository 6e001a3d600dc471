/**
 * The controller machine's types and the pure helpers its actions share: what it holds, which
 * events it takes, and what a request does to the store.
 */
import type { ControllerIo, ResultCallback, SessionEvent } from './controller-io.ts';
import type { MigrationEvent } from './controller-migration.ts';
import type { SlotRange } from '../protocol/slots.ts';
import { changeStore, type StoreChange, type StoredCluster } from './controller-store.ts';

/** `ping_interval_seconds` and `max_ping_count` defaults. // kvrocks-controller config/config.go */
export const PING_INTERVAL_MS = 3000;
export const MAX_PING_COUNT = 5;
export const ACTION_LOG_LIMIT = 20;

export type ActionEntry = { readonly at: number; readonly text: string };

export interface ControllerInput {
  readonly io: ControllerIo;
  /** A cluster already in the store (a restored session); the controller still starts `off`. */
  readonly cluster?: StoredCluster | null;
  readonly pingIntervalMs?: number;
  readonly maxPingCount?: number;
}

export interface ControllerContext {
  readonly io: ControllerIo;
  readonly pingIntervalMs: number;
  readonly maxPingCount: number;
  readonly cluster: StoredCluster | null;
  /** Consecutive failed probes per node id. */
  readonly failures: Readonly<Record<string, number>>;
  /** The last things the controller did, oldest first. */
  readonly actions: readonly ActionEntry[];
  /** A tick or a sync that comes during a round runs right after it (Go's ticker keeps one tick). */
  readonly tickQueued: boolean;
  readonly syncQueued: boolean;
}

export type ControllerEvent =
  | { type: 'START' }
  | { type: 'STOP' }
  | { type: 'CREATE'; cluster: StoredCluster; reply?: ResultCallback }
  | { type: 'REMOVE_NODE'; id: string; reply?: ResultCallback }
  | { type: 'FAILOVER'; shard: number; reply?: ResultCallback }
  /** POST .../clusters/:cluster/sync, which only kvrocks-controller PR #400 (open) adds. */
  | { type: 'SYNC_API'; reply?: ResultCallback }
  | { type: 'PROBE_TICK' }
  | { type: 'QUEUED_TICK' }
  | { type: 'SYNC' }
  /** POST .../clusters/:cluster/migrate with `slot_only: false`. // kvrocks-controller server/api/cluster.go MigrateSlot */
  | { type: 'MIGRATE_SLOT'; slot: SlotRange; target: number; reply?: ResultCallback }
  | Exclude<MigrationEvent, { type: 'NOTE' }>
  | SessionEvent;

export type ControllerStatus = Pick<ControllerContext, 'cluster' | 'failures' | 'actions'> & { readonly running: boolean; readonly probing: boolean };

/** What a start forgets: a fresh ClusterChecker per start. // kvrocks-controller controller/controller.go resume */
export const FRESH = { failures: {}, tickQueued: false, syncQueued: false } as const;
export const without = (record: Readonly<Record<string, number>>, key: string) => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));
/** // kvrocks-controller controller/cluster.go increaseFailureCount: at the 5th failure and every one after */
export const failoverDue = (count: number, max: number) => count % max === 0 || count > max;
export const note = (text: string) => ({ type: 'NOTE', text }) as const;
export const replyOf = (event: ControllerEvent): ResultCallback | undefined => ('reply' in event ? event.reply : undefined);
export const LABELS: Partial<Record<ControllerEvent['type'], string>> = {
  CREATE_CHECKED: 'CREATE',
  INFOS_COLLECTED: 'FAILOVER',
  ROUND_DONE: 'adoption',
  MIGRATION_STARTED: 'MIGRATE',
  MIGRATION_CHECKED: 'migration check',
};

/** What an API call, a finished check or a finished probe round does to the store ('' when nothing). */
export function changeOf({ cluster }: ControllerContext, event: ControllerEvent): StoreChange {
  if (event.type === 'CREATE') return changeStore(cluster, { kind: 'create', cluster: event.cluster });
  if (event.type === 'REMOVE_NODE') return changeStore(cluster, { kind: 'remove', id: event.id });
  if (event.type === 'CREATE_CHECKED' && event.error !== null) return { ok: false, error: event.error };
  if ('request' in event) return event.request ? changeStore(cluster, event.request) : { ok: false, error: '' };
  return { ok: false, error: 'cluster: not found' };
}
