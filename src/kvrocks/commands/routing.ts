/** Slot routing of keyed commands (K-2024 src/cluster/cluster.cc Cluster::CanExecByMySelf). */
import { keySlot } from '../cluster/crc16.ts';
import { error, type Reply } from '../../protocol/reply.ts';
import type { AnyCommand, CommandContext } from './command.ts';

export function keysOf(command: AnyCommand, argv: readonly string[]): string[] {
  if (!command.keys) return [];
  const [first, last, step] = command.keys;
  const end = last < 0 ? argv.length + last : last;
  const keys: string[] = [];
  for (let i = first; i <= end && i < argv.length; i += step) keys.push(argv[i]!);
  return keys;
}

export function routeKeys(ctx: CommandContext, command: AnyCommand, argv: readonly string[]): Reply | null {
  const keys = keysOf(command, argv);
  if (keys.length === 0) return null;
  let slot = -1;
  for (const key of keys) {
    const current = keySlot(key);
    if (slot === -1) slot = current;
    if (slot !== current) return error("CROSSSLOT Attempted to access keys that don't hash to the same slot");
  }
  const cluster = ctx.node.cluster;
  const owner = cluster.ownerOfSlot(slot);
  if (!owner) return error('CLUSTERDOWN Hash slot not served');
  const myself = cluster.myself;
  if (myself && myself === owner) return null;
  const readOnlyServe =
    myself !== null &&
    myself.role === 'slave' &&
    !command.flags.includes('write') &&
    myself.masterId !== null &&
    cluster.topology?.nodes.get(myself.masterId) === owner &&
    ctx.client.readOnly;
  if (readOnlyServe) return null;
  return error(`MOVED ${slot} ${owner.host}:${owner.port}`);
}
