/** Every command the model implements, one file per family. `.help` lists this table. */
import type { AnyCommand } from './command.ts';
import { clusterCommands } from './cluster.ts';
import { clusterxCommands } from './clusterx.ts';
import { keyCommands } from './keys.ts';
import { replicationCommands } from './replication.ts';
import { serverCommands } from './server.ts';

export const COMMANDS: readonly AnyCommand[] = [
  ...clusterxCommands,
  ...clusterCommands,
  ...serverCommands,
  ...replicationCommands,
  ...keyCommands,
];

const byName = new Map(COMMANDS.map((command) => [command.name, command]));

export function lookupCommand(name: string): AnyCommand | undefined {
  return byName.get(name.toLowerCase());
}
