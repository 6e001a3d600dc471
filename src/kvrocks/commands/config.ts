/**
 * CONFIG GET/SET over the settings the model reads (K-2024 src/config/config.cc). Other Kvrocks
 * settings are not modelled: GET does not list them and SET refuses them like an unknown name.
 */
import type { NodeConfig } from '../node/config.ts';
import type { KvrocksNode } from '../node/node.ts';
import { bulks, err, OK, type Reply } from '../reply.ts';
import { ERR_ADMIN, ERR_WRONG_ARGS, type CommandContext } from './command.ts';

interface Field {
  readonly readonly: boolean;
  get(node: KvrocksNode): string;
  set?(config: NodeConfig, value: string): string | null;
}

const yesNo = (key: 'slaveReadOnly' | 'slaveServeStaleData' | 'persistClusterNodesEnabled'): Field => ({
  readonly: false,
  get: (node) => (node.config[key] ? 'yes' : 'no'),
  set: (config, value) => {
    const v = value.toLowerCase();
    if (v !== 'yes' && v !== 'no') return "argument must be 'yes' or 'no'";
    config[key] = v === 'yes';
    return null;
  },
});

const text = (key: 'masterauth' | 'requirepass' | 'replicaAnnounceIp'): Field => ({
  readonly: false,
  get: (node) => node.config[key] ?? '',
  set: (config, value) => {
    config[key] = value === '' ? null : value;
    return null;
  },
});

const FIELDS: Record<string, Field> = {
  'cluster-enabled': { readonly: true, get: (node) => (node.config.clusterEnabled ? 'yes' : 'no') },
  'db-name': { readonly: true, get: (node) => node.config.dbName },
  port: { readonly: true, get: (node) => String(node.port) },
  bind: { readonly: true, get: (node) => node.host },
  masterauth: text('masterauth'),
  requirepass: text('requirepass'),
  'replica-announce-ip': text('replicaAnnounceIp'),
  'slave-read-only': yesNo('slaveReadOnly'),
  'slave-serve-stale-data': yesNo('slaveServeStaleData'),
  'persist-cluster-nodes-enabled': yesNo('persistClusterNodesEnabled'),
  'slave-priority': {
    readonly: false,
    get: (node) => String(node.config.slavePriority),
    set: (config, value) => {
      if (!/^\d+$/.test(value) || Number(value) > 2147483647) return 'value is not an integer or out of range';
      config.slavePriority = Number(value);
      return null;
    },
  },
};

/** util::StringMatch with `*`, `?` and `[...]`, case-insensitive (config names are lower case). */
function globToRegExp(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function run({ node, client }: CommandContext, _args: unknown, argv: readonly string[]): Reply {
  if (node.config.requirepass !== null && !client.authenticated) return err(ERR_ADMIN);
  const sub = argv[1]!.toLowerCase();
  if ((sub === 'rewrite' && argv.length !== 2) || (sub === 'get' && argv.length !== 3) || (sub === 'set' && argv.length !== 4)) {
    return err(ERR_WRONG_ARGS);
  }
  if (sub === 'get') {
    const match = globToRegExp(argv[2]!);
    return bulks(Object.entries(FIELDS).filter(([name]) => match.test(name)).flatMap(([name, field]) => [name, field.get(node)]));
  }
  if (sub === 'set') {
    const name = argv[2]!.toLowerCase();
    const field = FIELDS[name];
    if (!field || field.readonly || !field.set) return err(`CONFIG SET '${argv[2]}' error: Unsupported CONFIG parameter: ${name}`);
    const problem = field.set(node.config, argv[3]!);
    if (problem) return err(`CONFIG SET '${argv[2]}' error: failed to set new value: ${problem}`);
    if (name === 'persist-cluster-nodes-enabled') node.onPersistToggled();
    return OK;
  }
  if (sub === 'rewrite') return err('kvlab: CONFIG REWRITE is not modelled');
  return err('CONFIG subcommand must be one of GET, SET, REWRITE');
}

export const configCommand = { run };
