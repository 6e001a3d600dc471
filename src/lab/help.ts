/** `.help`: the console language, the dot-commands and every Kvrocks command the model implements. */
import { COMMANDS } from '../kvrocks/commands/registry.ts';
import { DOT_COMMANDS } from './dot-commands.ts';

export function helpText(): string {
  const dots = DOT_COMMANDS.map((c) => `  ${c.usage.padEnd(34)} ${c.summary}`);
  const commands = COMMANDS.filter((c) => !c.name.startsWith('_')).map((c) => `  ${c.summary}`);
  const internal = COMMANDS.filter((c) => c.name.startsWith('_')).map((c) => `  ${c.summary}`);
  return [
    'Console language',
    '  CMD args...                        run on the current node (split like redis-cli; "double quotes" may span lines)',
    '  @kv2 CMD args...                   run one command on another node (a name or host:port)',
    '  connect <host> <port>              change the current node, as in redis-cli',
    '  # comment                          ignored',
    '',
    'Dot-commands (never sent to a node)',
    ...dots,
    '',
    'Kvrocks commands modelled (another command Kvrocks has answers "ERR kvlab: <COMMAND> is not modelled"; a name it lacks, its unknown-command error)',
    ...commands,
    '',
    'Replication internals (sent by replicas; typing them shows the master side)',
    ...internal,
    '',
    'Not modelled: slot migration (MIGRATE/IMPORT), Lua, transactions, zsets, streams, pub/sub, RESP3, memory/CPU/RocksDB stats.',
    'DBSIZE reports the last `DBSIZE SCAN` (0 before any), as Kvrocks does.',
  ].join('\n');
}
