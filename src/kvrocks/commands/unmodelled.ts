/**
 * Commands the real server has but the model does not run. Each keeps Kvrocks' arity, write flag
 * and key positions from the command table, so lookup, arity, routing and read-only replicas
 * answer as they do upstream; running it says plainly that it is not modelled, never that the
 * server lacks it (docs/model.md, "Simplifications").
 */
import { err } from '../../protocol/reply.ts';
import { type AnyCommand, defineCommand } from './command.ts';
import { commandRow } from './command-info.ts';

const cache = new Map<string, AnyCommand>();

export const notModelled = (name: string) => err(`kvlab: ${name.toUpperCase()} is not modelled`);

/** A stand-in for a real command the model lacks; undefined when Kvrocks has no such command. */
export function unmodelledCommand(name: string): AnyCommand | undefined {
  const row = commandRow(name);
  if (!row) return undefined;
  const [lower, arity, flag, first, last, step] = row;
  let command = cache.get(lower);
  if (!command) {
    command = defineCommand({
      name: lower,
      arity,
      flags: [flag === 'write' ? 'write' : 'read-only'],
      ...(first > 0 ? { keys: [first, last, step] as const } : {}),
      summary: `${lower.toUpperCase()}: in Kvrocks, not modelled here`,
      run: () => notModelled(lower),
    });
    cache.set(lower, command);
  }
  return command;
}
