/**
 * The harness renders real replies with the model's redis-cli renderer; this checks that renderer
 * against Debian's redis-cli itself on the same real server: each command is sent once through the
 * harness's connection and once by `redis-cli --no-raw` (the terminal formatting), and the two
 * printed texts must be the same, up to what differs between two calls (CLUSTER NODES' stamps,
 * CLIENT INFO's id and address).
 */
import { utf8ToBytes } from '../../../src/protocol/bytes.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { renderReply } from '../../../src/kvrocks/render.ts';
import { RealCluster } from './cluster.ts';
import { RespConnection } from './resp-client.ts';

const run = promisify(execFile);

const ID = (c: string) => c.repeat(40);

/** Every reply shape redis-cli formats differently, from commands Kvrocks answers. */
export const RENDER_COMMANDS = (port: number): string[][] => [
  ['CLUSTER', 'NODES'],
  ['CLUSTER', 'INFO'],
  ['CLUSTERX', 'SETNODEID', ID('a')],
  ['CLUSTERX', 'SETNODES', `${ID('a')} 127.0.0.1 ${port} master - 0-100 200-16383\n${ID('b')} 127.0.0.1 ${port + 1} slave ${ID('a')}`, '1'],
  ['PING'],
  ['ECHO', 'tab\there "quoted" back\\slash é 🙂 \x07\x01'],
  ['ECHO', ''],
  ['SET', 'k', 'v'],
  ['GET', 'k'],
  ['GET', 'missing'],
  ['INCR', 'k'],
  ['CLUSTER', 'KEYSLOT', 'k'],
  ['GET', 'foo'],
  ['NOSUCHCOMMAND', 'x'],
  ['CONFIG', 'GET', 'no-such-setting'],
  ['CONFIG', 'GET', 'slave*'],
  ['CONFIG', 'GET', '*'],
  ['ROLE'],
  ['CLUSTER', 'SLOTS'],
  ['CLUSTER', 'NODES'],
  ['CLUSTER', 'INFO'],
  ['CLUSTER', 'REPLICAS', ID('a')],
  ['CLUSTERX', 'VERSION'],
  ['INFO', 'replication'],
  ['INFO', 'keyspace'],
  ['HELLO', '2'],
  ['COMMAND', 'INFO', 'get', 'set'],
  ['MGET', 'k', 'missing'],
  ['CLIENT', 'INFO'],
  ['CLIENT', 'GETNAME'],
];

/** What differs between two calls of the same command, not between two renderers. */
const stable = (text: string) =>
  text
    .replace(/ \d{13} \d{13} /g, ' <ping> <pong> ')
    .replace(/\bid=\d+ addr=\S+ fd=\d+/g, 'id=<id> addr=<addr> fd=<fd>')
    .replace(/\bage=\d+ idle=\d+/g, 'age=<age> idle=<idle>')
    .replace(/^(\w*uptime\w*|used_\w+|disk_\w+):.*$/gm, '$1:<x>');

export interface RenderMismatch {
  readonly argv: readonly string[];
  readonly harness: string;
  readonly redisCli: string;
}

export async function checkRendering(binary: string, basePort: number, workdir: string): Promise<{ checked: number; mismatches: RenderMismatch[] }> {
  const cluster = await RealCluster.start(binary, 2, basePort, workdir);
  const mismatches: RenderMismatch[] = [];
  const commands = RENDER_COMMANDS(basePort);
  try {
    const conn = await RespConnection.connect('127.0.0.1', basePort);
    try {
      for (const argv of commands) {
        // The command line is text; the harness sends its UTF-8 bytes, as redis-cli does.
        const harness = renderReply(await conn.command(argv.map(utf8ToBytes)), argv);
        const { stdout } = await run('redis-cli', ['--no-raw', '-p', String(basePort), ...argv], { encoding: 'utf8' });
        // redis-cli ends what it prints with a newline; the console's rendering leaves it out.
        const redisCli = stdout.replace(/\r\n/g, '\n').replace(/\n$/, '');
        if (stable(harness) !== stable(redisCli)) mismatches.push({ argv, harness, redisCli });
      }
    } finally {
      conn.close();
    }
  } finally {
    await cluster.stop();
  }
  return { checked: commands.length, mismatches };
}
