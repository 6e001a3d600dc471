/** Slot routing of keyed commands (K-2024 src/cluster/cluster.cc Cluster::CanExecByMySelf). */
import { keySlot } from '../cluster/crc16.ts';
import { FREEZE_AFTER_MIGRATION, freezePolicy } from '../migration/freeze-3576.ts';
import { error, type Reply } from '../../protocol/reply.ts';
import type { AnyCommand, CommandContext } from './command.ts';
import { finish, PREPARE_SLICE } from './prepared.ts';

const TRYAGAIN = "TRYAGAIN Can't write to slot being migrated which is in write forbidden phase";

/**
 * The one slot every key of argv hashes to; -1 without keys, -2 when they span slots. Read in
 * place (a million-key MGET builds no list of its keys); yields every PREPARE_SLICE keys.
 */
function* slotOfKeys(command: AnyCommand, argv: readonly string[]): Generator<void, number, void> {
  if (!command.keys) return -1;
  const [first, last, step] = command.keys;
  const end = Math.min(last < 0 ? argv.length + last : last, argv.length - 1);
  let slot = -1;
  for (let i = first, n = 1; i <= end; i += step, n++) {
    const current = keySlot(argv[i]!);
    if (slot === -1) slot = current;
    else if (slot !== current) return -2;
    if (n % PREPARE_SLICE === 0) yield;
  }
  return slot;
}

/** Slots worked out ahead for an argv (a pure function of it, so kept by identity). */
const preparedSlots = new WeakMap<readonly string[], number>();

/** Whether argv has so many keys that their slot is worth working out ahead. */
export const manyKeys = (command: AnyCommand, argv: readonly string[]): boolean => command.keys !== undefined && argv.length > PREPARE_SLICE;

/** Works out argv's slot in slices ahead of execution (prepared.ts), for routeKeys to find. */
export function* prepareSlot(command: AnyCommand, argv: readonly string[]): Generator<void, void, void> {
  preparedSlots.set(argv, yield* slotOfKeys(command, argv));
}

export function routeKeys(ctx: CommandContext, command: AnyCommand, argv: readonly string[]): Reply | null {
  const slot = preparedSlots.get(argv) ?? finish(slotOfKeys(command, argv));
  if (slot === -1) return null;
  if (slot === -2) return error("CROSSSLOT Attempted to access keys that don't hash to the same slot");
  const cluster = ctx.node.cluster;
  const owner = cluster.ownerOfSlot(slot);
  if (!owner) return error('CLUSTERDOWN Hash slot not served');
  const myself = cluster.myself;
  const writes = command.flags.includes('write');
  const node = ctx.node;
  const freezeOn = node.has(FREEZE_AFTER_MIGRATION);
  if (myself && myself === owner) {
    // The topology still says it is ours: a migrated slot is moved to its destination.
    const migratedTo = cluster.marks.migrated.get(slot);
    if (migratedTo !== undefined) return error(`MOVED ${slot} ${migratedTo}`);
    if (writes && node.migrator.writeForbidden(slot, freezeOn)) return error(TRYAGAIN);
    return null;
  }
  const importing = cluster.marks.importingRangeOf(myself?.id ?? null);
  if (myself && importing && slot >= importing.start && slot <= importing.end && (ctx.client.importing || ctx.client.asking)) return null;
  if (myself && cluster.marks.imported.has(slot)) {
    // PR #3576 (open, with its switch): an imported slot takes no writes until the topology gives it to us.
    if (writes && freezePolicy(freezeOn).destinationFreezesImported) return error(TRYAGAIN);
    return null;
  }
  const readOnlyServe =
    myself !== null &&
    myself.role === 'slave' &&
    !writes &&
    myself.masterId !== null &&
    cluster.topology?.nodes.get(myself.masterId) === owner &&
    ctx.client.readOnly;
  if (readOnlyServe) return null;
  return error(`MOVED ${slot} ${owner.host}:${owner.port}`);
}
