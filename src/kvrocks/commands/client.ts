/** CLIENT subcommands (K-2024 cmd_server.cc CommandClient, server.cc Server::KillClient). */
import { bulk, err, integer, NIL, OK, type Reply } from '../reply.ts';
import { ERR_NOT_INTEGER, ERR_SYNTAX, parsed, parseError, type CommandContext, type Parsed } from './command.ts';

const USAGE = 'Syntax error, try CLIENT LIST|INFO|KILL ip:port|GETNAME|SETNAME';

type KillType = 'normal' | 'pubsub' | 'master' | 'slave';

type ClientArgs =
  | { sub: 'id' | 'getname' | 'list' | 'info' }
  | { sub: 'setname'; name: string }
  | { sub: 'kill'; addr: string; id: number; types: Set<KillType>; skipme: boolean; newFormat: boolean };

function parse(argv: readonly string[]): Parsed<ClientArgs> {
  const sub = argv[1]!.toLowerCase();
  if ((sub === 'id' || sub === 'getname' || sub === 'list' || sub === 'info') && argv.length === 2) return parsed({ sub });
  if (sub === 'setname' && argv.length === 3) {
    if ([...argv[2]!].some((ch) => ch < '!' || ch > '~')) return parseError('Client names cannot contain spaces, newlines or special characters');
    return parsed({ sub, name: argv[2]! });
  }
  if (sub !== 'kill') return parseError(USAGE);
  if (argv.length === 2) return parseError(ERR_SYNTAX);
  if (argv.length === 3) return parsed({ sub, addr: argv[2]!, id: 0, types: new Set(), skipme: false, newFormat: false });
  const mutable = { sub: 'kill' as const, addr: '', id: 0, types: new Set<KillType>(), skipme: false, newFormat: true };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i]!.toLowerCase();
    const value = argv[i + 1];
    if (value === undefined) return parseError(ERR_SYNTAX);
    if (key === 'addr') mutable.addr = value;
    else if (key === 'id') {
      if (!/^\d+$/.test(value)) return parseError(ERR_NOT_INTEGER);
      mutable.id = Number(value);
    } else if (key === 'skipme') {
      const v = value.toLowerCase();
      if (v !== 'yes' && v !== 'no') return parseError(ERR_SYNTAX);
      mutable.skipme = v === 'yes';
    } else if (key === 'type') {
      const v = value.toLowerCase();
      const type: KillType | null = v === 'replica' || v === 'slave' ? 'slave' : v === 'normal' || v === 'pubsub' || v === 'master' ? v : null;
      if (!type) return parseError(ERR_SYNTAX);
      mutable.types.add(type);
    } else return parseError(ERR_SYNTAX);
  }
  return parsed(mutable);
}

function run(ctx: CommandContext, args: ClientArgs): Reply {
  const { node, client } = ctx;
  switch (args.sub) {
    case 'id':
      return integer(client.id);
    case 'getname':
      return client.name === '' ? NIL : bulk(client.name);
    case 'setname':
      client.name = args.name;
      return OK;
    case 'list':
    case 'info':
      return err('kvlab: CLIENT LIST/INFO are not modelled');
    case 'kill': {
      let killed = 0;
      // Feed threads: TYPE slave, or a matching address or id (Server::KillClient).
      killed += node.master.kill(
        (feed) =>
          args.types.has('slave') ||
          (args.addr !== '' && (feed.client.addr === args.addr || `${feed.client.infoIp}:${feed.client.infoPort}` === args.addr)) ||
          (args.id !== 0 && feed.client.id === args.id),
      );
      // The master link: stop the replication thread and start a new one (AddMaster force).
      const replica = node.replica;
      if (replica && (args.types.has('master') || (args.addr !== '' && args.addr === `${replica.masterHost}:${replica.masterPort}`))) {
        node.addMaster(replica.masterHost, replica.masterPort, true);
        killed++;
      }
      if (args.newFormat) return integer(killed);
      return killed === 0 ? err('No such client') : OK;
    }
  }
}

export const clientCommand = { parse, run };
