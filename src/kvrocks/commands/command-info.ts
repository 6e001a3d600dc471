/** COMMAND [COUNT | INFO name... | GETKEYS cmd args...] (K-2024 src/commands/cmd_server.cc CommandCommand, commander.cc). */
import { parseCInt } from '../cluster/c-int.ts';
import { array, bulk, bulks, err, integer, NIL, type Reply } from '../../protocol/reply.ts';
import { ERR_WRONG_ARGS, defineCommand } from './command.ts';
import { type CommandInfoRow, KVROCKS_COMMANDS } from './command-table.ts';

const byName = new Map(KVROCKS_COMMANDS.map((row) => [row[0], row]));

/** The real command table's row for a name (any case), if Kvrocks has that command. */
export const commandRow = (name: string): CommandInfoRow | undefined => byName.get(name.toLowerCase());

/** CommandTable::GetCommandInfo: [name, arity, [flag], first, last, step]. */
const infoOf = ([name, arity, flag, first, last, step]: CommandInfoRow): Reply =>
  array([bulk(name), integer(arity), bulks([flag]), integer(first), integer(last), integer(step)]);

/** Commands whose keys come from a key-range function, not from fixed positions (the `0 0 0` rows). */
const SCRIPT_KEYS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);
const OTHER_KEY_FUNCTIONS = new Set([
  'georadius', 'georadiusbymember', 'geosearchstore', 'blmpop', 'lmpop', 'sintercard', 'zinterstore', 'zinter',
  'zintercard', 'zmpop', 'bzmpop', 'zunionstore', 'zunion', 'zdiff', 'zdiffstore',
]);

const arityHolds = (arity: number, argc: number) => (arity >= 0 ? argc === arity : argc >= -arity);

/** CommandKeyRange::ForEachKeyIndex over the command's own tokens. */
function keyIndexes(first: number, last: number, step: number, argc: number): number[] {
  const out: number[] = [];
  for (let i = first; last > 0 ? i <= last : i <= argc + last; i += step) if (i < argc) out.push(i);
  return out;
}

/** CommandTable::GetKeysFromCommand, then the keys themselves. */
function getKeys(tokens: readonly string[]): Reply {
  const row = commandRow(tokens[0]!);
  if (!row) return err('Invalid command specified');
  const [name, arity, , first, last, step] = row;
  if (!arityHolds(arity, tokens.length)) return err('Invalid number of arguments specified for command');
  let indexes: number[];
  if (first > 0) indexes = keyIndexes(first, last, step, tokens.length);
  // K-2024 cmd_script.cc GetScriptEvalKeyRange: {3, 2 + numkeys, 1}, numkeys 0 when unparsable.
  else if (SCRIPT_KEYS.has(name)) indexes = keyIndexes(3, 2 + scriptNumKeys(tokens[2]!), 1, tokens.length);
  else if (OTHER_KEY_FUNCTIONS.has(name)) return err(`kvlab: COMMAND GETKEYS ${name.toUpperCase()} is not modelled`);
  else return err('The command has no key arguments');
  if (indexes.length === 0) return err('Invalid arguments specified for command');
  return bulks(indexes.map((i) => tokens[i]!));
}

function scriptNumKeys(text: string): number {
  const numkeys = parseCInt(text, 'int');
  return numkeys.ok ? numkeys.value : 0;
}

export const commandCommand = defineCommand({
  name: 'command',
  arity: -1,
  flags: ['read-only'],
  summary: 'COMMAND [COUNT | INFO name ... | GETKEYS command args ...]: the real command table',
  run: (_ctx, _args, argv) => {
    if (argv.length === 1) return array(KVROCKS_COMMANDS.map(infoOf));
    const sub = argv[1]!.toLowerCase();
    if ((sub === 'count' && argv.length !== 2) || ((sub === 'getkeys' || sub === 'info') && argv.length < 3)) return err(ERR_WRONG_ARGS);
    if (sub === 'count') return integer(KVROCKS_COMMANDS.length);
    if (sub === 'info') return array(argv.slice(2).map((name) => { const row = commandRow(name); return row ? infoOf(row) : NIL; }));
    if (sub === 'getkeys') return getKeys(argv.slice(2));
    return err('Command subcommand must be one of COUNT, GETKEYS, INFO');
  },
});
