/**
 * The source side of a slot migration (K-2024 src/cluster/slot_migrate.cc SlotMigrator): the one
 * job a node may run, the ranges it marks (migrating, write-forbidden, failed), the state CLUSTER
 * INFO prints, the `sync` caller waiting for the outcome, and the io the job machine runs on.
 */
import { type Actor, createActor } from 'xstate';
import { migrationMachine, type MigrationIo, type RestoreGroup } from '../../machines/migration.machine.ts';
import { err, NIL, OK, type Reply } from '../../protocol/reply.ts';
import { keySlot } from '../cluster/crc16.ts';
import type { SlotRange } from '../cluster/types.ts';
import { type Entry, isLive } from '../data/value.ts';
import type { ClientConn } from '../node/client.ts';
import { BlockedReply } from '../node/blocked-reply.ts';
import type { KvrocksNode } from '../node/node.ts';
import { wallMs } from '../time.ts';
import { freezePolicy } from './freeze-3576.ts';
import { rangeText, sameRange } from './importer.ts';
import { dialDestination } from './destination-link.ts';
import { snapshotGroups, walCommands } from './restore-commands.ts';

export type MigrationState = 'none' | 'start' | 'success' | 'fail';


const overlaps = (a: SlotRange | null, b: SlotRange | null) => a !== null && b !== null && a.end >= b.start && b.end >= a.start;
const contains = (range: SlotRange | null, slot: number) => range !== null && slot >= range.start && slot <= range.end;

export interface Destination {
  readonly id: string;
  readonly host: string;
  readonly port: number;
}

export class SlotMigrator {
  /** slot_range_: the job's range while it runs. */
  slotRange: SlotRange | null = null;
  /** forbidden_slot_range_: set for the last WAL pass and kept after success. */
  forbidden: SlotRange | null = null;
  failedRange: SlotRange | null = null;
  state: MigrationState = 'none';
  dstNodeId = '';
  /** stop_migration_: FLUSHDB/FLUSHALL during a job cancel it at its next check. */
  stopFlag = false;
  /** The range whose import acknowledgement never came (#3147), until SETSLOT/SETNODES arrives. */
  lostAck: SlotRange | null = null;
  /** A model fault (`.migration lose-ack`): the destination's answer to the next import success is lost. */
  loseNextAck = false;
  private job: Actor<typeof migrationMachine> | null = null;
  private waiter: { reply: BlockedReply; timer: number | null } | null = null;

  constructor(private readonly node: KvrocksNode) {}

  /**
   * PerformSlotRangeMigration: one job at a time, not over the forbidden range; `sync` blocks the
   * caller (returns null) until the job ends or `timeoutSec` (0: never) passes, then nil.
   */
  perform(dst: Destination, range: SlotRange, sync: { client: ClientConn; timeoutSec: number } | null): Reply | null {
    if (this.slotRange !== null) return err('There is already a migrating job');
    if (overlaps(range, this.forbidden)) return err("Can't migrate slot which has been migrated");
    this.slotRange = range;
    this.state = 'start';
    this.dstNodeId = dst.id;
    if (sync) this.suspend(sync.client, sync.timeoutSec);
    this.node.trace(`[migrate] Start migrating slot(s) ${rangeText(range)} to ${dst.host}:${dst.port}`);
    this.startJob(dst, range);
    return sync ? null : OK;
  }

  /** FLUSHDB and FLUSHALL stop a job in progress. // K-2024 src/commands/cmd_server.cc CommandFlushDB */
  requestStop(): void {
    if (this.state === 'start' && this.slotRange !== null) this.stopFlag = true;
  }

  /** The importing side received `cluster import <range> 0` for exactly the range we forbade. */
  releaseForbidden(range: SlotRange): void {
    if (sameRange(range, this.forbidden)) this.forbidden = null;
  }

  /** IsWriteForbiddenSlot; with the #3576 freeze, also a slot whose import acknowledgement was lost. */
  writeForbidden(slot: number, freezeOn: boolean): boolean {
    return contains(this.forbidden, slot) || (freezePolicy(freezeOn).sourceFreezesOnLostAck && contains(this.lostAck, slot));
  }

  /** SETSLOT or SETNODES arrived: what #3576 freezes until then is released. */
  topologyArrived(): void {
    this.lostAck = null;
  }

  /** GetMigrationInfo: nothing until a job has run; then the last job's range, destination and state. */
  infoText(): string {
    if (this.slotRange === null && this.forbidden === null && this.failedRange === null) return '';
    const range = this.state === 'start' ? this.slotRange : this.state === 'success' ? this.forbidden : this.state === 'fail' ? this.failedRange : null;
    return `migrating_slot(s): ${rangeText(range)}\r\ndestination_node: ${this.dstNodeId}\r\nmigrating_state: ${this.state}\r\n`;
  }

  /** The CLUSTER NODES annotation on the myself line while a job runs: ` [3300->-<dst id>]`. */
  annotation(): string {
    return this.slotRange === null ? '' : ` [${rangeText(this.slotRange)}->-${this.dstNodeId}]`;
  }

  /** The process died: the thread and its socket are gone with it. */
  halt(): void {
    this.job?.stop();
    this.job = null;
    if (this.waiter?.timer != null) this.node.sim.clock.cancel(this.waiter.timer);
    this.waiter = null;
  }

  /** SyncMigrateContext::Suspend: the reply comes with the outcome, or nil at the timeout. */
  private suspend(client: ClientConn, timeoutSec: number): void {
    const reply = new BlockedReply();
    client.blocked = reply;
    const timer = timeoutSec > 0 ? this.node.sim.clock.schedule(() => this.resume(NIL), timeoutSec * 1000) : null;
    this.waiter = { reply, timer };
  }

  /** resumeSyncCtx / the timeout's CancelSyncCtx: the waiting caller gets its one reply. */
  private resume(reply: Reply): void {
    const waiter = this.waiter;
    if (!waiter) return;
    this.waiter = null;
    if (waiter.timer !== null) this.node.sim.clock.cancel(waiter.timer);
    waiter.reply.resolve(reply);
  }

  private startJob(dst: Destination, range: SlotRange): void {
    const node = this.node;
    const inRange = (key: string) => contains(range, keySlot(key));
    // startMigration takes a RocksDB snapshot; the WAL is read from its sequence on.
    const snapshot = node.storage.orderedKeys().filter(inRange).map((key) => [key, node.storage.entry(key)!] as const);
    const sent = new Map<string, Entry | undefined>(snapshot);
    let next = 0;
    let pending: RestoreGroup[] = [];
    const io: MigrationIo = {
      now: () => node.sim.now(),
      dial: (address, handlers) =>
        dialDestination(node, address, handlers, () => {
          if (!this.loseNextAck) return false;
          this.loseNextAck = false;
          return true;
        }),
      password: () => node.config.requirepass,
      rangeText: () => rangeText(range),
      maxSpeed: () => Number(node.config.get('migrate-speed')),
      maxPipeline: () => Number(node.config.get('migrate-pipeline-size')),
      seqGap: () => Number(node.config.get('migrate-sequence-gap')),
      stopRequested: () => this.stopFlag,
      nextSnapshotGroup: () => {
        while (pending.length === 0 && next < snapshot.length) {
          const [key, entry] = snapshot[next++]!;
          // Expired and emptied keys are skipped (metadata.Expired() at iteration time).
          if (isLive(entry, wallMs(node.sim.now()))) pending = snapshotGroups(key, entry);
          else sent.delete(key);
        }
        const [group, ...rest] = pending;
        pending = rest;
        return group ?? null;
      },
      latestSeq: () => node.storage.latestSeq,
      walGroups: (from, to) => {
        const groups: RestoreGroup[] = [];
        for (const batch of node.storage.batchesFrom(from, Number.MAX_SAFE_INTEGER)) {
          if (batch.seq > to) break;
          const commands: (readonly string[])[] = [];
          for (const op of batch.ops) {
            if ((op.op !== 'put' && op.op !== 'delete') || !inRange(op.key)) continue;
            const after = op.op === 'put' ? op.entry : undefined;
            commands.push(...walCommands(op.key, sent.get(op.key), after));
            sent.set(op.key, after);
          }
          if (commands.length > 0) groups.push({ commands, describe: () => '' });
        }
        return groups;
      },
      forbidWrites: () => {
        this.forbidden = range;
        node.trace(`[migrate] Setting forbidden slot(s) ${rangeText(range)}`);
      },
      markMigrated: () => {
        node.cluster.marks.markMigrated(range, `${dst.host}:${dst.port}`);
        this.failedRange = null;
      },
      succeeded: () => {
        this.state = 'success';
        node.trace(`[migrate] Succeed to migrate slot(s) ${rangeText(range)}`);
        this.resume(OK);
      },
      failed: (message, confirming) => {
        node.trace(`[migrate] Failed to migrate slot(s) ${rangeText(range)}. Error: ${message}`);
        // The caller hears first; `cluster import <range> 2` follows (resumeSyncCtx, then kFailed).
        this.resume(err(message));
        this.failedRange = range;
        // #3147: the destination may have imported; the #3576 freeze (routing) keys on this.
        if (confirming) this.lostAck = range;
        this.forbidden = null;
      },
      log: (text) => node.trace(text),
      finished: () => {
        if (this.state === 'start') this.state = 'fail';
        this.slotRange = null;
        this.stopFlag = false;
        this.job = null;
      },
    };
    this.job = createActor(migrationMachine, { clock: node.sim.clock, input: { io, address: `${dst.host}:${dst.port}`, walBegin: node.storage.latestSeq } });
    this.job.start();
  }
}
