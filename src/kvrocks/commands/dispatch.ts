/**
 * The checks every command goes through, in Kvrocks' order (K-2024 src/server/redis_connection.cc
 * Connection::ExecuteCommands): lookup, auth, loading, arity, parse, cluster routing, read-only
 * replica, stale data; then execute.
 */
import { error, err, type Reply } from '../../protocol/reply.ts';
import { ERR_RESTORING, ERR_WRONG_ARGS, type AnyCommand, type CommandContext } from './command.ts';
import type { Preparation } from './prepared.ts';
import type { KvrocksNode } from '../node/node.ts';
import { lookupCommand } from './registry.ts';
import { manyKeys, prepareSlot, routeKeys } from './routing.ts';

export function execute(ctx: CommandContext, argv: readonly string[]): Reply | null {
  const { node, client } = ctx;
  const name = argv[0] ?? '';
  // Connection::OnRead: any request counts as interaction (CLIENT LIST idle=).
  client.lastInteractionAt = node.sim.now();
  const command = lookupCommand(name);
  const has = node.hasSwitch;
  if (!command || (command.availableIn && !command.availableIn(has))) return unknownCommand(argv);

  // Only a connection without a namespace is checked: one that ran a command while no password
  // was set became admin with the default namespace and stays so (redis_connection.cc).
  if (!client.authenticated) {
    if (node.config.requirepass === null) client.authenticated = true;
    else if (command.name !== 'auth' && command.name !== 'hello') return error('NOAUTH Authentication required.');
  }
  if (node.loading && !command.flags.includes('ok-loading')) return error(`LOADING ${ERR_RESTORING}`);
  if (!arityHolds(command, argv.length)) return err(ERR_WRONG_ARGS);

  const args = command.parse ? command.parse(argv, has) : { ok: true as const, value: argv };
  if (!args.ok) return args.reply;

  if (node.config.clusterEnabled && command.keys) {
    const refusal = routeKeys(ctx, command, argv);
    if (refusal) return refusal;
  }
  // The ASKING flag lasts for the next command that passes routing. // K-2024 redis_connection.cc ExecuteCommands
  client.asking = false;
  const writes = command.flags.includes('write');
  // isSlave first: a master's commands skip the two setting look-ups (the order of pure reads only).
  if (node.isSlave && writes && node.config.slaveReadOnly) {
    return error("READONLY You can't write against a read only slave.");
  }
  if (node.isSlave && !node.config.slaveServeStaleData && command.name !== 'info' && command.name !== 'slaveof' && node.replica?.state !== 'kReplConnected') {
    return error("MASTERDOWN Link with MASTER is down and slave-serve-stale-data is set to 'no'.");
  }
  client.lastCommand = command.name;
  node.stats.totalCommands++;
  node.commandCalls.set(command.name, (node.commandCalls.get(command.name) ?? 0) + 1);
  return command.run(ctx, args.value, argv);
}

/**
 * The command's work prepared ahead (prepared.ts), or null when it has none; no check is made here.
 * The slot of a huge key list is worked out first, in slices too (routing.ts).
 */
export function prepareCommand(node: KvrocksNode, argv: readonly string[]): Preparation | null {
  const command = lookupCommand(argv[0] ?? '');
  if (!command || !arityHolds(command, argv.length)) return null;
  const own = command.prepare ? settledThen(node, command.prepare(node, argv)) : null;
  return manyKeys(command, argv) ? slotThen(command, argv, own) : own;
}

/** What a huge write left to apply (data/keyspace.ts) is applied first, a shard per slice, not by the reads of one slice. */
function* settledThen(node: KvrocksNode, work: Preparation): Preparation {
  yield* node.storage.keys.settling();
  return yield* work;
}

function* slotThen(command: AnyCommand, argv: readonly string[], own: Preparation | null): Preparation {
  yield* prepareSlot(command, argv);
  return own === null ? null : yield* own;
}

function arityHolds(command: AnyCommand, tokens: number): boolean {
  return command.arity >= 0 ? tokens === command.arity : tokens >= -command.arity;
}

/** K-2024 redis_connection.cc: "unknown command `x`, with args beginning with: `a`, `b`". */
function unknownCommand(argv: readonly string[]): Reply {
  const rest = argv.slice(1).map((arg) => `\`${arg}\``).join(', ');
  return err(`unknown command \`${argv[0] ?? ''}\`, with args beginning with: ${rest}`);
}
