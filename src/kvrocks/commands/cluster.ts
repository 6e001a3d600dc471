/** CLUSTER subcommands and READONLY/READWRITE (K-2024 src/commands/cmd_cluster.cc). */
import { keySlot } from '../cluster/crc16.ts';
import { clusterInfoText, clusterNodesText, clusterReplicasText, clusterSlotsEntries, ERR_CLUSTER_NOT_INITIALIZED } from '../cluster/describe.ts';
import { parseCInt } from '../cluster/c-int.ts';
import { parseSlotRanges } from '../cluster/slots.ts';
import type { SlotRange } from '../cluster/types.ts';
import { isLive } from '../data/value.ts';
import { array, bulk, err, error, integer, OK, verbatim, type Reply } from '../../protocol/reply.ts';
import { wallMs } from '../time.ts';
import { clusterGate } from './cluster-gate.ts';
import { defineCommand, ERR_SYNTAX, ERR_WRONG_ARGS, parsed, parseError, type CommandContext, type Parsed } from './command.ts';
import { nowMs } from './db.ts';
import { holdsNullEntry, isNullEntry, segfault } from './null-node-crash.ts';
import { importSlots } from './slot-migration.ts';
import { movingSlotLines, movingSlotMarks } from './slot-migration-text.ts';

const USAGE = 'CLUSTER command, CLUSTER INFO|NODES|SLOTS|KEYSLOT|RESET|REPLICAS';

type ClusterArgs =
  | { sub: 'nodes' | 'slots' | 'info' | 'reset' | 'keyslot' | 'replicas' }
  | { sub: 'import'; range: SlotRange; state: number };

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
    const state = parseCInt(argv[3]!, 'uint32', [0, 3]);
    if (!state.ok) return { ok: false, reply: err('Invalid import state') };
    // Only the first range is imported ("TODO: support multiple slot ranges").
    return parsed({ sub, range: ranges.ranges[0]!, state: state.value });
  }
  if (sub === 'replicas' && n === 3) return parsed({ sub });
  return parseError(USAGE);
}

function run(ctx: CommandContext, args: ClusterArgs, argv: readonly string[]): Reply | null {
  const refused = clusterGate(ctx);
  if (refused) return refused;
  const node = ctx.node;
  const cluster = node.cluster;
  if (args.sub === 'keyslot') return integer(keySlot(argv[2]!));
  if (args.sub === 'reset') return reset(ctx);
  if (args.sub === 'import') return importSlots(node, ctx.client, args.range, args.state);
  // GetClusterNodes/GetSlotsInfo/GetClusterInfo/GetReplicas refuse before the first topology.
  if (cluster.version < 0) return error(`CLUSTERDOWN ${ERR_CLUSTER_NOT_INITIALIZED}`);
  const now = wallMs(node.sim.now());
  switch (args.sub) {
    case 'nodes':
      return holdsNullEntry(node) ? segfault(node, 'Cluster::genNodesDescription') : verbatim(clusterNodesText(cluster, now, movingSlotMarks(node)));
    case 'info':
      return verbatim(clusterInfoText(cluster, movingSlotLines(node)));
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
      if (isNullEntry(node, argv[2]!)) return segfault(node, 'Cluster::GetReplicas');
      const result = clusterReplicasText(cluster, argv[2]!, now);
      return result.ok ? verbatim(result.text) : err(result.message);
    }
  }
}

/** CLUSTER RESET (#2210, #2259): refused while migrating, importing or on a non-empty DB; drops replication, forgets everything. */
function reset(ctx: CommandContext): Reply {
  const node = ctx.node;
  if (node.migrator.slotRange !== null) return err("Can't reset cluster while migrating slot");
  if (node.importer.importingRange !== null) return err("Can't reset cluster while importing slot");
  // Any key whose metadata has not expired counts. // K-2024 src/storage/storage.cc Storage::IsEmptyDB
  const now = nowMs(node);
  for (const entry of node.storage.keys.values()) {
    if (isLive(entry, now)) return err("Can't reset cluster while database is not empty");
  }
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
    name: 'asking',
    arity: 1,
    flags: [],
    summary: 'ASKING: let the next command reach a slot this node is importing',
    // Honoured for the slots being imported, by the next command only. // K-2024 src/commands/cmd_cluster.cc CommandAsking
    run: (ctx) => {
      ctx.client.asking = true;
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
