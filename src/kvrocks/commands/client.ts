/** CLIENT subcommands (K-2024 cmd_server.cc CommandClient, server.cc Server::KillClient, worker.cc Worker::KillClient). */
import { parseCIntBig } from '../cluster/c-int.ts';
import type { ClientConn } from '../node/client.ts';
import type { KvrocksNode } from '../node/node.ts';
import { bulk, err, integer, NIL, OK, verbatim, type Reply } from '../../protocol/reply.ts';
import { wallSeconds } from '../time.ts';
import { ERR_NOT_INTEGER, ERR_SYNTAX, parsed, parseError, type CommandContext, type Parsed } from './command.ts';

const USAGE = 'Syntax error, try CLIENT LIST|INFO|KILL ip:port|GETNAME|SETNAME';

type KillType = 'normal' | 'pubsub' | 'master' | 'slave';

interface KillFilter {
  addr: string;
  /** 0 matches nobody (an unset filter). */
  id: bigint;
  types: Set<KillType>;
  skipme: boolean;
}

type ClientArgs =
  | { sub: 'id' | 'getname' | 'list' | 'info' }
  | { sub: 'setname'; name: string }
  | { sub: 'kill'; filter: KillFilter; newFormat: boolean }
  /** A filter keyword as the last argument: Parse reads args[i + 1] past the end and the process dies. */
  | { sub: 'read-past-end'; keyword: string };

const KILL_TYPES: Readonly<Record<string, KillType>> = { normal: 'normal', pubsub: 'pubsub', master: 'master', replica: 'slave', slave: 'slave' };

function parseKill(argv: readonly string[]): Parsed<ClientArgs> {
  if (argv.length === 2) return parseError(ERR_SYNTAX);
  const filter: KillFilter = { addr: '', id: 0n, types: new Set(), skipme: false };
  if (argv.length === 3) return parsed({ sub: 'kill', filter: { ...filter, addr: argv[2]! }, newFormat: false });
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i]!.toLowerCase();
    const value = argv[i + 1];
    if (key !== 'addr' && key !== 'id' && key !== 'skipme' && key !== 'type') return parseError(ERR_SYNTAX);
    if (value === undefined) return parsed({ sub: 'read-past-end', keyword: argv[i]! });
    if (key === 'addr') filter.addr = value;
    else if (key === 'id') {
      // ParseInt<uint64_t>: strtoul, so -1 wraps to 2^64-1 and matches nobody.
      const id = parseCIntBig(value, 'uint64');
      if (!id.ok) return parseError(ERR_NOT_INTEGER);
      filter.id = id.value;
    } else if (key === 'skipme') {
      const v = value.toLowerCase();
      if (v !== 'yes' && v !== 'no') return parseError(ERR_SYNTAX);
      filter.skipme = v === 'yes';
    } else {
      const type = KILL_TYPES[value.toLowerCase()];
      if (!type) return parseError(ERR_SYNTAX);
      filter.types.add(type);
    }
  }
  return parsed({ sub: 'kill', filter, newFormat: true });
}

function parse(argv: readonly string[]): Parsed<ClientArgs> {
  const sub = argv[1]!.toLowerCase();
  if ((sub === 'id' || sub === 'getname' || sub === 'list' || sub === 'info') && argv.length === 2) return parsed({ sub });
  if (sub === 'setname' && argv.length === 3) {
    if ([...argv[2]!].some((ch) => ch < '!' || ch > '~')) return parseError('Client names cannot contain spaces, newlines or special characters');
    return parsed({ sub, name: argv[2]! });
  }
  if (sub === 'kill') return parseKill(argv);
  return parseError(USAGE);
}

/** Connection::ToString. fd is the model's own numbering; age and idle are whole wall seconds. */
export function clientLine(node: KvrocksNode, client: ClientConn): string {
  const now = wallSeconds(node.sim.now());
  const age = now - wallSeconds(client.createdAt);
  const idle = now - wallSeconds(client.lastInteractionAt);
  const namespace = client.authenticated ? '__namespace' : '';
  return `id=${client.id} addr=${client.addr} fd=${48 + client.id} name=${client.name} age=${age} idle=${idle} flags=${client.flags} namespace=${namespace} qbuf=0 obuf=0 cmd=${client.lastCommand}\n`;
}

/** Server::GetClientsStr: the workers' connections, then each feed thread's (reaped ones gone). */
function clientList(node: KvrocksNode): string {
  const feeds = node.master.feeds.map((feed) => feed.client);
  return [...node.normalClients(), ...feeds].map((client) => clientLine(node, client)).join('');
}

const matchesAddr = (client: ClientConn, addr: string) => addr !== '' && (client.addr === addr || client.announceAddr === addr);

function kill({ node, client: self }: CommandContext, filter: KillFilter): number {
  let killed = 0;
  // Normal clients: the caller too unless SKIPME yes; one already closing is left alone.
  for (const conn of node.normalClients()) {
    if ((filter.skipme && conn === self) || conn.closed) continue;
    if (filter.types.has('normal') || matchesAddr(conn, filter.addr) || (filter.id !== 0n && BigInt(conn.id) === filter.id)) {
      node.closeClient(conn, conn === self);
      killed++;
    }
  }
  // Feed threads: Stop() on each match, stopped-but-unreaped ones included.
  killed += node.master.kill((feed) => filter.types.has('slave') || matchesAddr(feed.client, filter.addr) || (filter.id !== 0n && BigInt(feed.client.id) === filter.id));
  // The master link: stop the replication thread and start a new one (AddMaster force).
  const replica = node.replica;
  if (replica && (filter.types.has('master') || filter.addr === `${replica.masterHost}:${replica.masterPort}`)) {
    node.addMaster(replica.masterHost, replica.masterPort, true, false);
    killed++;
  }
  return killed;
}

function run(ctx: CommandContext, args: ClientArgs): Reply | null {
  const { node, client } = ctx;
  switch (args.sub) {
    case 'id':
      return integer(client.id);
    case 'getname':
      return client.name === '' ? NIL : bulk(client.name);
    case 'setname':
      client.name = args.name;
      return OK;
    // conn->VerbatimString (K-2024 cmd_server.cc CommandClient)
    case 'list':
      return verbatim(clientList(node));
    case 'info':
      return verbatim(clientLine(node, client));
    case 'kill': {
      const killed = kill(ctx, args.filter);
      if (args.newFormat) return integer(killed);
      return killed === 0 ? err('No such client') : OK;
    }
    case 'read-past-end':
      node.trace(`got signal: Segmentation fault (11) in CommandClient::Parse: CLIENT KILL ... ${args.keyword} has no value`);
      node.crash();
      return null;
  }
}

export const clientCommand = { parse, run };
