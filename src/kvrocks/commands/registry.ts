/**
 * Every command the model implements, one file per family. `.help` lists this table. A command
 * the real server has but the model does not run is looked up as an `unmodelled` stand-in.
 */
import type { AnyCommand } from './command.ts';
import { clusterCommands } from './cluster.ts';
import { clusterxCommands } from './clusterx.ts';
import { hashCommands } from './hashes.ts';
import { keyCommands } from './keys.ts';
import { keyspaceCommands } from './keyspace.ts';
import { listCommands } from './lists.ts';
import { replicationCommands } from './replication.ts';
import { serverCommands } from './server.ts';
import { setCommands } from './sets.ts';
import { stringCommands } from './strings.ts';
import { unmodelledCommand } from './unmodelled.ts';

export const COMMANDS: readonly AnyCommand[] = [
  ...clusterxCommands,
  ...clusterCommands,
  ...serverCommands,
  ...replicationCommands,
  ...keyspaceCommands,
  ...keyCommands,
  ...stringCommands,
  ...hashCommands,
  ...listCommands,
  ...setCommands,
];

const byName = new Map(COMMANDS.map((command) => [command.name, command]));

export function lookupCommand(name: string): AnyCommand | undefined {
  return byName.get(name.toLowerCase()) ?? unmodelledCommand(name);
}
