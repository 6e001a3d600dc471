/** CLUSTER subcommands and READONLY/READWRITE (K-2024 src/commands/cmd_cluster.cc). */
import { keySlot } from '../cluster/crc16.ts';
import { clusterInfoText, clusterNodesText, clusterReplicasText, clusterSlotsEntries, ERR_CLUSTER_NOT_INITIALIZED } from '../cluster/describe.ts';
import { parseCInt } from '../cluster/c-int.ts';
import { parseSlotRanges } from '../cluster/slots.ts';
import { array, bulk, err, error, integer, OK, type Reply } from '../reply.ts';
import { wallMs } from '../time.ts';
import { clusterGate } from './cluster-gate.ts';
import { defineCommand, ERR_SYNTAX, ERR_WRONG_ARGS, parsed, parseError, type CommandContext, type Parsed } from './command.ts';

const USAGE = 'CLUSTER command, CLUSTER INFO|NODES|SLOTS|KEYSLOT|RESET|REPLICAS';

type ClusterArgs = { sub: 'nodes' | 'slots' | 'info' | 'reset' | 'keyslot' | 'replicas' | 'import' };

function parse(argv: readonly string[]): Parsed<ClusterArgs> {
  const sub = argv[1]!.toLowerCase();
  const n = argv.length;
  if (n === 2 && (sub === 'nodes' || sub === 'slots' || sub === 'info')) return parsed({ sub });
  if (sub === 'reset' && (n === 2 || n === 3)) {
    const mode = argv[2]?.toLowerCase();
    if (n === 3 && mode !== 'hard' && mode !== 'soft') return parseError(ERR_SYNTAX);
    return parsed({ sub });
  }
  if (sub === 'keyslot' && n === 3) return parsed({ sub });
  if (sub === 'import') {
    if (n !== 4) return parseError(ERR_WRONG_ARGS);
    const ranges = parseSlotRanges(argv[2]!);
    if (!ranges.ok) return parseError(ranges.error);
    // ParseInt<unsigned> within {kImportStart (0) .. kImportNone (3)}.
    if (!parseCInt(argv[3]!, 'uint32', [0, 3]).ok) return { ok: false, reply: err('Invalid import state') };
    return parsed({ sub });
  }
  if (sub === 'replicas' && n === 3) return parsed({ sub });
  return parseError(USAGE);
}

function run(ctx: CommandContext, args: ClusterArgs, argv: readonly string[]): Reply {
  const refused = clusterGate(ctx);
  if (refused) return refused;
  const node = ctx.node;
  const cluster = node.cluster;
  if (args.sub === 'keyslot') return integer(keySlot(argv[2]!));
  if (args.sub === 'reset') return reset(ctx);
  if (args.sub === 'import') return err('kvlab: slot import is not modelled');
  // GetClusterNodes/GetSlotsInfo/GetClusterInfo/GetReplicas refuse before the first topology.
  if (cluster.version < 0) return error(`CLUSTERDOWN ${ERR_CLUSTER_NOT_INITIALIZED}`);
  const now = wallMs(node.sim.now());
  switch (args.sub) {
    case 'nodes':
      return bulk(clusterNodesText(cluster, now));
    case 'info':
      return bulk(clusterInfoText(cluster));
    case 'slots':
      return array(
        clusterSlotsEntries(cluster).map((entry) =>
          array([
            integer(entry.start),
            integer(entry.end),
            ...[entry.master, ...entry.replicas].map((n) => array([bulk(n.host), integer(n.port), bulk(n.id)])),
          ]),
        ),
      );
    case 'replicas': {
      const result = clusterReplicasText(cluster, argv[2]!, now);
      return result.ok ? bulk(result.text) : err(result.message);
    }
  }
}

/** CLUSTER RESET (#2210, #2259): refused on a non-empty DB; drops replication, forgets everything. */
function reset(ctx: CommandContext): Reply {
  const node = ctx.node;
  if (node.storage.keys.size > 0) return err("Can't reset cluster while database is not empty");
  node.removeMaster();
  node.cluster.reset();
  node.disk.nodesConf = null;
  return OK;
}

export const clusterCommands = [
  defineCommand<ClusterArgs>({
    name: 'cluster',
    arity: -2,
    flags: ['admin-only'],
    summary: 'CLUSTER INFO|NODES|SLOTS|KEYSLOT <key>|RESET [HARD|SOFT]|REPLICAS <master-id>',
    parse,
    run,
  }),
  defineCommand({
    name: 'readonly',
    arity: 1,
    flags: [],
    summary: 'READONLY: let this connection read its master\'s slots on a replica',
    run: (ctx) => {
      ctx.client.readOnly = true;
      return OK;
    },
  }),
  defineCommand({
    name: 'readwrite',
    arity: 1,
    flags: [],
    summary: 'READWRITE: undo READONLY',
    run: (ctx) => {
      ctx.client.readOnly = false;
      return OK;
    },
  }),
];
