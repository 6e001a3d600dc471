/** Server commands (K-2024 src/commands/cmd_server.cc): INFO, ROLE, PING, ECHO, HELLO, TIME, QUIT, COMMAND, CLIENT, AUTH, SELECT, CONFIG. */
import { segfault } from './null-node-crash.ts';
import { infoText } from '../info.ts';
import { parseCInt } from '../cluster/c-int.ts';
import { array, bulk, bulks, err, error, integer, map, NIL_ARRAY, OK, status, verbatim, type Reply } from '../../protocol/reply.ts';
import { wallMs } from '../time.ts';
import { commandCommand } from './command-info.ts';
import { clientCommand } from './client.ts';
import { configCommand } from './config.ts';
import { defineCommand, ERR_SYNTAX, ERR_WRONG_ARGS, type CommandContext } from './command.ts';

/** GetRoleInfo: the replication truth, like INFO (§4.2). */
function role({ node }: CommandContext): Reply | null {
  // ROLE is ok-loading, and GetRoleInfo reads storage->LatestSeqNumber() even while a full-sync
  // restore has closed the DB: the process dies (seen on both 5fccd57c builds; server.cc GetRoleInfo).
  if (node.loading) return segfault(node, 'Server::GetRoleInfo', 'storage->LatestSeqNumber() while the full-sync restore has closed the DB');
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

/**
 * HELLO [protover [AUTH [user] password] [SETNAME name]]: a map. With resp3-enabled no (the
 * default) proto stays 2 even for HELLO 3; with yes, the connection speaks what HELLO asked for.
 * // K-2024 src/commands/cmd_server.cc CommandHello
 */
function hello({ node, client }: CommandContext, _args: unknown, argv: readonly string[]): Reply {
  let next = 1;
  let protocol: 2 | 3 = 2;
  if (argv.length >= 2) {
    const parsedVersion = parseCInt(argv[1]!, 'int');
    next++;
    if (!parsedVersion.ok) return err('Protocol version is not an integer or out of range');
    if (parsedVersion.value < 2 || parsedVersion.value > 3) return error('NOPROTO unsupported protocol version');
    protocol = parsedVersion.value as 2 | 3;
  }
  for (; next < argv.length; next++) {
    const more = argv.length - next - 1;
    const option = argv[next]!.toLowerCase();
    if (option === 'auth' && more !== 0) {
      if (more === 2 || more === 4) {
        if (argv[next + 1] !== 'default') return err('Invalid password');
        next++;
      }
      const password = node.config.requirepass;
      if (password === null) return err('Client sent AUTH, but no password is set');
      if (argv[next + 1] !== password) return err('Invalid password');
      client.authenticated = true;
      next++;
    } else if (option === 'setname' && more !== 0) {
      // Unlike CLIENT SETNAME, HELLO does not check the name's characters.
      client.name = argv[next + 1]!;
      next++;
    } else return err(`Syntax error in HELLO option ${argv[next]!}`);
  }
  const resp3 = node.config.get('resp3-enabled') === 'yes';
  if (resp3) client.protocol = protocol;
  // REDIS_VERSION: the Redis version Kvrocks claims compatibility with.
  return map([
    ...['server', 'redis', 'version', '4.0.0', 'proto'].map(bulk),
    integer(resp3 ? protocol : 2),
    ...['mode', node.config.clusterEnabled ? 'cluster' : 'standalone', 'role', node.isSlave ? 'slave' : 'master', 'modules'].map(bulk),
    NIL_ARRAY,
  ]);
}

/** TIME: Unix seconds and the microseconds past them, on the simulated wall clock. */
function time({ node }: CommandContext): Reply {
  const ms = wallMs(node.sim.now());
  return bulks([String(Math.floor(ms / 1000)), String((ms % 1000) * 1000)]);
}

export const serverCommands = [
  defineCommand({
    name: 'info',
    arity: -1,
    flags: ['read-only', 'ok-loading'],
    summary: 'INFO [section]: server clients memory persistence stats replication cpu commandstats cluster keyspace rocksdb',
    run: ({ node }, _args, argv) => {
      if (argv.length > 2) return err(ERR_SYNTAX);
      // conn->VerbatimString (K-2024 cmd_server.cc CommandInfo)
      return verbatim(infoText(node, argv.length === 2 ? argv[1]!.toLowerCase() : 'all'));
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
  defineCommand({ name: 'hello', arity: -1, flags: ['read-only', 'ok-loading'], summary: 'HELLO [2|3] [AUTH [default] password] [SETNAME name] (RESP2 replies)', run: hello }),
  defineCommand({ name: 'time', arity: 1, flags: ['read-only', 'ok-loading'], summary: 'TIME: the simulated wall clock', run: time }),
  defineCommand({
    name: 'quit',
    arity: 1,
    flags: ['read-only'],
    summary: 'QUIT: OK, then the server closes the connection',
    run: ({ node, client }) => {
      node.closeClient(client, true);
      return OK;
    },
  }),
  commandCommand,
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
    summary: 'CLIENT KILL ip:port | KILL [TYPE normal|master|slave|replica|pubsub] [ADDR ip:port] [ID id] [SKIPME yes|no] | ID | GETNAME | SETNAME name | LIST | INFO',
    ...clientCommand,
  }),
  defineCommand({ name: 'config', arity: -2, flags: ['read-only'], summary: 'CONFIG GET <name> | CONFIG SET <name> <value>', ...configCommand }),
];
