/**
 * SLAVEOF/REPLICAOF and the master's side of the replication handshake
 * (K-2024 src/commands/cmd_replication.cc, cmd_server.cc CommandSlaveOf).
 */
import { parseCInt, parseCIntBig } from '../cluster/c-int.ts';
import { err, OK, status, type Reply } from '../../protocol/reply.ts';
import { defineCommand, ERR_WRONG_ARGS, parsed, parseError, type CommandContext, type Parsed } from './command.ts';

const ORPHAN_REFUSAL = "kvlab #2850 proposal: replica is not in this master's topology";

/** Transfer time of checkpoint files (a model choice: 1 ms per 1000 keys). */
const transferMs = (keys: number) => 1 + Math.ceil(keys / 1000);

const slaveOf = (name: string, summary: string) =>
  defineCommand<{ noOne: boolean }>({
    name,
    arity: 3,
    flags: ['exclusive'],
    summary,
    parse: (argv) => {
      if (argv[1]!.toLowerCase() === 'no' && argv[2]!.toLowerCase() === 'one') return parsed({ noOne: true });
      if (!parseCInt(argv[2]!, 'uint32').ok) return parseError('port should be number');
      return parsed({ noOne: false });
    },
    // In cluster mode the check comes first, before acting on NO ONE (§5).
    run: (ctx) => (ctx.node.config.clusterEnabled ? err("can't change to slave in cluster mode") : err('kvlab: standalone mode is not modelled')),
  });

interface ReplConfArgs {
  port: number;
  ip: string;
  nodeId: string;
  version: bigint;
}

function parseReplConf(argv: readonly string[], has: (switchId: string) => boolean): Parsed<ReplConfArgs> {
  if (argv.length % 2 === 0) return parseError(ERR_WRONG_ARGS);
  const args: ReplConfArgs = { port: 0, ip: '', nodeId: '', version: -1n };
  for (let i = 1; i < argv.length; i += 2) {
    const option = argv[i]!.toLowerCase();
    const value = argv[i + 1]!;
    if (option === 'listening-port') {
      const port = parseCInt(value, 'int', [1, 65534]);
      if (!port.ok) return parseError('listening-port should be number or out of range');
      args.port = port.value;
    } else if (option === 'ip-address') {
      if (value === '') return parseError('ip-address should not be empty');
      args.ip = value;
    } else if (option === 'node-id' || option === 'cluster-version') {
      // Only the #2850 proposal's replicas send these (drop-orphans-2850); released Kvrocks refuses them.
      const version = option === 'cluster-version' ? parseCIntBig(value, 'int64') : null;
      if (!has('drop-orphans-2850') || (version !== null && !version.ok)) return parseError('unknown option');
      if (version?.ok) args.version = version.value;
      else args.nodeId = value;
    } else {
      return parseError('unknown option');
    }
  }
  return parsed(args);
}

function parsePsync(argv: readonly string[]): Parsed<{ next: number }> {
  const seq = parseCInt(argv[argv.length === 3 ? 2 : 1]!, 'int64');
  if (!seq.ok || seq.value < 0) return parseError('value is not an unsigned long long or out of range');
  if (argv.length === 3 && argv[1]!.length !== 16) return parseError('Wrong replication id length');
  return parsed({ next: seq.value });
}

function psync(ctx: CommandContext, args: { next: number }): Reply | null {
  const { node, client, socket } = ctx;
  node.trace(`replica ${client.addr} (listening port ${client.listeningPort}) asks for synchronization with next sequence ${args.next}, local sequence ${node.storage.latestSeq}`);
  if (!node.storage.canServeFrom(args.next)) {
    node.stats.syncPartialErr++;
    return err('sequence out of range, please use fullsync');
  }
  if (!socket) return err('kvlab: PSYNC from the console would turn it into a replication stream; only replicas send it');
  node.stats.syncPartialOk++;
  node.master.addSlave(client, socket, args.next);
  return null;
}

/**
 * The #2850 PROPOSAL (switch drop-orphans-2850, in guarded mode): REPLCONF carries the replica's node id and topology
 * version; a master refuses a replica whose id is missing from a topology NEWER than the
 * replica's (if the master's is older, it treats the replica as still in the cluster).
 */
function refusesAsOrphan({ node, client }: CommandContext): boolean {
  if (!node.has('drop-orphans-2850') || client.replicaNodeId === '') return false;
  const topology = node.cluster.topology;
  if (!topology || node.cluster.versionBig <= client.replicaVersion) return false;
  return !topology.nodes.has(client.replicaNodeId);
}

export const replicationCommands = [
  slaveOf('slaveof', 'SLAVEOF host port | NO ONE (refused in cluster mode)'),
  defineCommand<ReplConfArgs>({
    name: 'replconf',
    arity: -3,
    flags: ['replication'],
    summary: 'REPLCONF listening-port <port> [ip-address <ip>] (sent by replicas)',
    parse: parseReplConf,
    run: (ctx, args) => {
      const { client } = ctx;
      if (args.port !== 0) client.listeningPort = args.port;
      if (args.ip !== '') client.announceIp = args.ip;
      if (args.nodeId !== '') client.replicaNodeId = args.nodeId;
      client.replicaVersion = args.version;
      return refusesAsOrphan(ctx) ? err(ORPHAN_REFUSAL) : OK;
    },
  }),
  defineCommand<{ next: number }>({
    name: 'psync',
    arity: -2,
    flags: ['replication'],
    summary: 'PSYNC [replid] <next-seq> (sent by replicas)',
    parse: parsePsync,
    run: psync,
  }),
  defineCommand({
    name: '_db_name',
    arity: 1,
    flags: ['replication'],
    summary: '_db_name (sent by replicas: answers the db-name as a raw line)',
    run: ({ node, socket }) => {
      if (!socket) return status(node.config.dbName);
      socket.send({ kind: 'line', text: node.config.dbName });
      return null;
    },
  }),
  defineCommand({
    name: '_fetch_meta',
    arity: 1,
    flags: ['replication'],
    summary: '_fetch_meta (sent by replicas: full sync, creates a checkpoint)',
    run: ({ node, socket }) => {
      node.stats.syncFull++;
      node.fullSyncCheckpoint = node.storage.checkpoint();
      if (!socket) return status('checkpoint');
      socket.send({ kind: 'line', text: 'checkpoint' });
      socket.close(); // kCloseAsync: the meta thread frees the connection after sending
      return null;
    },
  }),
  defineCommand({
    name: '_fetch_file',
    arity: 2,
    flags: ['replication'],
    summary: '_fetch_file <files> (sent by replicas: streams checkpoint files)',
    run: ({ node, socket }) => {
      const checkpoint = node.fullSyncCheckpoint;
      if (!socket || !checkpoint) return socket ? (socket.close(), null) : status('');
      node.sim.clock.schedule(() => {
        socket.send({ kind: 'files', checkpoint });
        socket.close();
      }, transferMs(checkpoint.keys.size));
      return null;
    },
  }),
];
