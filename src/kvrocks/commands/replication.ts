/**
 * SLAVEOF/REPLICAOF and the master's side of the replication handshake
 * (K-2024 src/commands/cmd_replication.cc, cmd_server.cc CommandSlaveOf).
 */
import { parseCInt, parseCIntBig } from '../cluster/c-int.ts';
import { err, OK, status, type Reply } from '../../protocol/reply.ts';
import { REPL_ID_LENGTH } from '../../protocol/wal.ts';
import { ORPHAN_REFUSAL, refusesAsOrphan, refusesAsUnknownReplica, unknownReplicaRefusal } from '../node/replica-admission.ts';
import { defineCommand, ERR_WRONG_ARGS, parsed, parseError, type CommandContext, type Parsed } from './command.ts';

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

interface PsyncArgs {
  next: number;
  /** Only in the three-argument form (`PSYNC <replid> <next>`, #538). */
  replId: string | null;
}

// K-2024 cmd_replication.cc CommandPSync::Parse: three arguments are the new form; the sequence is parsed first.
function parsePsync(argv: readonly string[]): Parsed<PsyncArgs> {
  const seq = parseCInt(argv[argv.length === 3 ? 2 : 1]!, 'int64');
  if (!seq.ok || seq.value < 0) return parseError('value is not an unsigned long long or out of range');
  if (argv.length === 3 && argv[1]!.length !== REPL_ID_LENGTH) return parseError('Wrong replication id length');
  return parsed({ next: seq.value, replId: argv.length === 3 ? argv[1]! : null });
}

/**
 * K-2024 CommandPSync::Execute: with use-rsid-psync on the master, the id the replica names must
 * match the one logged with the master's batch at next-1, when the WAL has that batch (#538);
 * then the sequence must be servable. Either failure makes the replica full-sync.
 */
function psyncRefusal(ctx: CommandContext, args: PsyncArgs): string | null {
  const storage = ctx.node.storage;
  if (args.replId !== null && ctx.node.config.useRsidPsync) {
    const inWal = storage.replIdAt(args.next - 1);
    if (inWal.length === REPL_ID_LENGTH && inWal !== args.replId) return 'wrong replication id of the last log';
  }
  return storage.canServeFrom(args.next) ? null : 'sequence out of range, please use fullsync';
}

function psync(ctx: CommandContext, args: PsyncArgs): Reply | null {
  const { node, client, socket } = ctx;
  if (refusesAsUnknownReplica(node, client)) return err(unknownReplicaRefusal(client));
  node.trace(
    `replica ${client.addr} (listening port ${client.listeningPort}) asks for synchronization with next sequence ${args.next}, replication id: ${args.replId ?? 'not supported'}, local sequence ${node.storage.latestSeq}`,
  );
  const refusal = psyncRefusal(ctx, args);
  if (refusal !== null) {
    node.stats.syncPartialErr++;
    return err(refusal);
  }
  if (!socket) return err('kvlab: PSYNC from the console would turn it into a replication stream; only replicas send it');
  node.stats.syncPartialOk++;
  node.master.addSlave(client, socket, args.next);
  return null;
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
      // The #2850 proposal (replica-admission.ts): not released Kvrocks behaviour.
      return refusesAsOrphan(ctx.node, client) ? err(ORPHAN_REFUSAL) : OK;
    },
  }),
  defineCommand<PsyncArgs>({
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
