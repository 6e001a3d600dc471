/**
 * CONFIG GET / SET / REWRITE over every K-2024 setting (../config/fields.ts).
 * // K-2024 src/commands/cmd_server.cc CommandConfig, src/config/config.cc Config::Get, Set, Rewrite
 */
import { configField, CONFIG_FIELDS } from '../config/fields.ts';
import { parseFieldValue } from '../config/field-set.ts';
import { CALLBACKS, VALIDATORS, type ConfigHost } from '../config/hooks.ts';
import { globMatch } from '../glob.ts';
import type { KvrocksNode } from '../node/node.ts';
import { bulk, err, map, OK, type Reply } from '../../protocol/reply.ts';
import { ERR_ADMIN, ERR_WRONG_ARGS, type CommandContext } from './command.ts';

function run({ node, client }: CommandContext, _args: unknown, argv: readonly string[]): Reply {
  if (node.config.requirepass !== null && !client.authenticated) return err(ERR_ADMIN);
  const sub = argv[1]!.toLowerCase();
  if ((sub === 'rewrite' && argv.length !== 2) || (sub === 'get' && argv.length !== 3) || (sub === 'set' && argv.length !== 4)) {
    return err(ERR_WRONG_ARGS);
  }
  if (sub === 'get') return configGet(node, argv[2]!);
  if (sub === 'set') {
    const problem = configSet(hostFor(node), argv[2]!, argv[3]!);
    return problem === null ? OK : err(`CONFIG SET '${argv[2]}' error: ${problem}`);
  }
  // The model's kvrocks.conf always exists, so REWRITE succeeds.
  if (sub === 'rewrite') {
    node.config.rewrite();
    return OK;
  }
  return err('CONFIG subcommand must be one of GET, SET, REWRITE');
}

/** Config::Get: every setting whose name the pattern matches (case-insensitive), by name. */
function configGet(node: KvrocksNode, pattern: string): Reply {
  const out: string[] = [];
  for (const field of CONFIG_FIELDS) {
    if (!globMatch(pattern, field.name, true)) continue;
    const value = node.config.get(field.name) ?? '';
    // A multi-value setting prints one pair per line of its value, so none when empty.
    if (field.spec.kind === 'multi') for (const line of value.split('\n').filter((l) => l !== '')) out.push(field.name, line);
    else out.push(field.name, value);
  }
  // conn->MapOfBulkStrings (K-2024 cmd_server.cc CommandConfig)
  return map(out.map(bulk));
}

/** Config::Set: null on success, else the message after `CONFIG SET '<name>' error: `. */
export function configSet(host: ConfigHost, rawName: string, value: string): string | null {
  const name = rawName.toLowerCase();
  const field = configField(name);
  if (!field || field.readonly) return `Unsupported CONFIG parameter: ${name}`;
  const invalid = VALIDATORS[name]?.(host.config, value);
  if (invalid) return `invalid value: ${invalid}`;
  const parsed = parseFieldValue(field.spec, value);
  if (!parsed.ok) return `failed to set new value: ${parsed.message}`;
  const previous = host.config.get(name)!;
  host.config.put(name, parsed.text);
  const failed = CALLBACKS[name]?.(host, value) ?? null;
  if (failed !== null) host.config.put(name, previous);
  return failed;
}

function hostFor(node: KvrocksNode): ConfigHost {
  return { config: node.config, persistNodesConf: (dump) => node.onPersistToggled(dump) };
}

export const configCommand = { run };
