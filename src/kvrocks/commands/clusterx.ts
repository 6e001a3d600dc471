/** CLUSTERX: the controller's topology commands (K-2024 src/commands/cmd_cluster.cc CommandClusterX). */
import { parseCInt, parseCIntBig } from '../cluster/c-int.ts';
import { parseSlotRanges } from '../cluster/slots.ts';
import { byteLength } from '../cluster/text.ts';
import { NODE_ID_LENGTH, type SlotRange } from '../cluster/types.ts';
import { applyTopology, setMasterSlaveRepl } from '../node/apply-topology.ts';
import { bulk, err, OK, type Reply } from '../../protocol/reply.ts';
import { defineCommand, ERR_NOT_INTEGER, ERR_WRONG_ARGS, parsed, parseError, type CommandContext, type Parsed } from './command.ts';
import { clusterGate } from './cluster-gate.ts';
import { isNullEntry, persistNodesConfOrCrash, segfault } from './null-node-crash.ts';
import { clearMigratedAway, forgetMovedSlots, migrateSlots, type MigrateRequest } from './slot-migration.ts';

const USAGE = 'CLUSTERX command, CLUSTERX VERSION|MYID|SETNODEID|SETNODES|SETSLOT|MIGRATE';

type ClusterxArgs =
  | { sub: 'version' | 'myid' }
  | { sub: 'setnodeid'; id: string }
  | { sub: 'setnodes'; payload: string; version: bigint; force: boolean }
  | { sub: 'setslot'; ranges: readonly SlotRange[]; nodeId: string; version: bigint }
  | ({ sub: 'migrate' } & MigrateRequest);

function parse(argv: readonly string[]): Parsed<ClusterxArgs> {
  const sub = argv[1]!.toLowerCase();
  const n = argv.length;
  if (n === 2 && (sub === 'version' || sub === 'myid')) return parsed({ sub });
  // Id checks count bytes (std::string::size), not UTF-16 units.
  if (sub === 'setnodeid' && n === 3 && byteLength(argv[2]!) === NODE_ID_LENGTH) return parsed({ sub, id: argv[2]! });
  if (sub === 'migrate') return parseMigrate(argv);
  if (sub === 'setnodes' && n >= 4) {
    const version = parseCIntBig(argv[3]!, 'int64');
    if (!version.ok) return parseError('Invalid version');
    if (n === 4) return parsed({ sub, payload: argv[2]!, version: version.value, force: false });
    if (n === 5 && argv[4]!.toLowerCase() === 'force') return parsed({ sub, payload: argv[2]!, version: version.value, force: true });
    return parseError('Invalid setnodes options');
  }
  if (sub === 'setslot' && n === 6) {
    const ranges = parseSlotRanges(argv[2]!);
    if (!ranges.ok) return parseError(ranges.error);
    if (argv[3]!.toLowerCase() !== 'node') return parseError('Invalid setslot options');
    if (byteLength(argv[4]!) !== NODE_ID_LENGTH) return parseError('Invalid node id');
    const version = parseCIntBig(argv[5]!, 'int64');
    if (!version.ok) return parseError(ERR_NOT_INTEGER);
    if (version.value < 0n) return parseError('Invalid version');
    return parsed({ sub, ranges: ranges.ranges, nodeId: argv[4]!, version: version.value });
  }
  return parseError(USAGE);
}

function parseMigrate(argv: readonly string[]): Parsed<ClusterxArgs> {
  if (argv.length < 4 || argv.length > 6) return parseError(ERR_WRONG_ARGS);
  const ranges = parseSlotRanges(argv[2]!);
  if (!ranges.ok) return parseError(ranges.error);
  let sync: MigrateRequest['sync'] = null;
  if (argv.length >= 5) {
    const flag = argv[4]!.toLowerCase();
    if (flag === 'async') {
      if (argv.length === 6) return parseError('Async migration does not support timeout');
    } else if (flag === 'sync') {
      sync = { timeoutSec: 0 };
      if (argv.length === 6) {
        const timeout = parseCInt(argv[5]!, 'int');
        if (!timeout.ok) return parseError('timeout is not an integer or out of range');
        if (timeout.value < 0) return parseError('timeout is negative');
        sync = { timeoutSec: timeout.value };
      }
    } else {
      return parseError('Invalid sync flag');
    }
  }
  return parsed({ sub: 'migrate', range: ranges.ranges[0]!, dstId: argv[3]!, sync });
}

function run(ctx: CommandContext, args: ClusterxArgs): Reply | null {
  const refused = clusterGate(ctx);
  if (refused) return refused;
  const node = ctx.node;
  const self = { host: node.host, port: node.port };
  switch (args.sub) {
    case 'version':
      return bulk(node.cluster.versionText);
    case 'myid':
      return bulk(node.cluster.myId);
    case 'setnodes': {
      // #3386 (switch fail-flag-3386): `slave,fail` is a role only with the switch on.
      const outcome = node.cluster.setClusterNodes(args.payload, args.version, args.force, self, undefined, { failFlag: node.has('fail-flag-3386') });
      if (outcome.kind === 'error') return err(outcome.message);
      applyTopology(node, outcome);
      if (outcome.kind === 'applied') forgetMovedSlots(node);
      node.persistNodesConf();
      return OK;
    }
    case 'setnodeid': {
      const result = node.cluster.setNodeId(args.id);
      const myself = result.myself;
      // SetMasterSlaveRepl finds a slave's master_id in the map, then reads the null entry's host.
      if (myself?.role === 'slave' && myself.masterId !== null && isNullEntry(node, myself.masterId)) {
        return segfault(node, 'Cluster::SetMasterSlaveRepl');
      }
      // SetNodeId applies the role only when the id is found in an existing topology (§1.3).
      if (myself) setMasterSlaveRepl(node, myself);
      return persistNodesConfOrCrash(node) ? OK : null;
    }
    case 'setslot': {
      const outcome = node.cluster.setSlot(args.ranges, args.nodeId, args.version);
      if (!outcome.ok) return err(outcome.message);
      clearMigratedAway(node, outcome.migratedAway);
      return persistNodesConfOrCrash(node) ? OK : null;
    }
    case 'migrate':
      return migrateSlots(node, ctx.client, args);
  }
}

export const clusterxCommands = [
  defineCommand<ClusterxArgs>({
    name: 'clusterx',
    arity: -2,
    flags: ['admin-only'],
    summary: 'CLUSTERX VERSION|MYID|SETNODEID <id>|SETNODES <nodes> <version> [force]|SETSLOT <slots> NODE <id> <version>|MIGRATE <slots> <dst-id> [async|sync [timeout]]',
    parse,
    run,
  }),
];
