/** Server commands (K-2024 src/commands/cmd_server.cc): INFO, ROLE, PING, ECHO, DBSIZE, CLIENT, AUTH, CONFIG. */
import { infoText } from '../info.ts';
import { array, bulk, bulks, err, integer, OK, status, type Reply } from '../reply.ts';
import { clientCommand } from './client.ts';
import { configCommand } from './config.ts';
import { defineCommand, ERR_SYNTAX, ERR_WRONG_ARGS, type CommandContext } from './command.ts';

/** GetRoleInfo: the replication truth, like INFO (§4.2). */
function role({ node }: CommandContext): Reply {
  const seq = String(node.storage.latestSeq);
  const replica = node.replica;
  if (replica) {
    const state = replica.state;
    const link = state === 'kReplConnected' ? 'connected' : state === 'kReplFetchMeta' || state === 'kReplFetchSST' ? 'sync' : 'connecting';
    return bulks(['slave', replica.masterHost, String(replica.masterPort), link, seq]);
  }
  const feeds = node.master.live();
  const head = [bulk('master'), bulk(seq)];
  if (feeds.length === 0) return array(head);
  // ROLE uses the REPLCONF listening port (0 if never sent), unlike INFO.
  return array([...head, array(feeds.map((f) => bulks([f.client.infoIp, String(f.client.listeningPort), String(f.offset)])))]);
}

/** DBSIZE reports the last `DBSIZE SCAN` (0 before any), not a live count (GetLatestKeyNumStats). */
function dbsize({ node }: CommandContext, _args: unknown, argv: readonly string[]): Reply {
  if (argv.length === 1) return integer(node.keyNumStats.keys);
  if (argv.length === 2 && argv[1]!.toLowerCase() === 'scan') {
    if (node.keyNumStats.scanning) return err('scanning the db now');
    node.startKeyScan();
    return OK;
  }
  return err('DBSIZE subcommand only supports scan');
}

export const serverCommands = [
  defineCommand({
    name: 'info',
    arity: -1,
    flags: ['read-only', 'ok-loading'],
    summary: 'INFO [section]: server clients memory persistence stats replication cpu commandstats cluster keyspace rocksdb',
    run: ({ node }, _args, argv) => {
      if (argv.length > 2) return err(ERR_SYNTAX);
      return bulk(infoText(node, argv.length === 2 ? argv[1]!.toLowerCase() : 'all'));
    },
  }),
  defineCommand({ name: 'role', arity: 1, flags: ['read-only', 'ok-loading'], summary: 'ROLE: the replication role this node runs', run: role }),
  defineCommand({
    name: 'ping',
    arity: -1,
    flags: ['read-only'],
    summary: 'PING [message]',
    run: (_ctx, _args, argv) => {
      if (argv.length === 1) return status('PONG');
      if (argv.length === 2) return bulk(argv[1]!);
      return err(ERR_WRONG_ARGS);
    },
  }),
  defineCommand({ name: 'echo', arity: 2, flags: ['read-only'], summary: 'ECHO message', run: (_ctx, _args, argv) => bulk(argv[1]!) }),
  defineCommand({ name: 'dbsize', arity: -1, flags: ['read-only'], summary: 'DBSIZE [SCAN]: keys counted by the last DBSIZE SCAN', run: dbsize }),
  defineCommand({
    name: 'auth',
    arity: 2,
    flags: ['read-only', 'ok-loading'],
    summary: 'AUTH password',
    run: ({ node, client }, _args, argv) => {
      const password = node.config.requirepass;
      if (password === null) return err('Client sent AUTH, but no password is set');
      if (argv[1] !== password) return err('Invalid password');
      client.authenticated = true;
      return OK;
    },
  }),
  defineCommand({ name: 'select', arity: 2, flags: ['read-only'], summary: 'SELECT db (accepted, no effect, as in Kvrocks)', run: () => OK }),
  defineCommand({
    name: 'client',
    arity: -2,
    flags: ['read-only'],
    summary: 'CLIENT KILL [TYPE normal|master|slave|replica|pubsub] [ADDR ip:port] [ID id] [SKIPME yes|no] | ID | GETNAME | SETNAME | LIST',
    ...clientCommand,
  }),
  defineCommand({ name: 'config', arity: -2, flags: ['read-only'], summary: 'CONFIG GET <name> | CONFIG SET <name> <value>', ...configCommand }),
];
