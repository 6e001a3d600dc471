/** `kvlab`: the engine headless (design §3.4). */
import { canonicalMode, MODES, type BehaviourMode } from '../kvrocks/mode.ts';
import { MAX_NODES } from '../kvrocks/world.ts';
import { catalogueText } from '../lab/catalogue.ts';
import { LAB_USAGE, labCommand } from '../lab/labs/cli.ts';
import { streamScript } from '../lab/script.ts';
import { COMPARE_USAGE, compareCommand, reproCommand } from './compare.ts';
import { DEFAULT_TRACE_LIMIT, DEFAULT_WAL_LIMIT, ListenError, serve, WAL_BYTES_LIMIT } from './serve.ts';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
  readStdin(): Promise<string>;
}

export const USAGE = `kvlab: a deterministic model of an Apache Kvrocks cluster's topology and replication

Usage:
  kvlab run [--nodes N] [--mode buggy|fixed|guarded] [--seed S] <script|->
      Runs a console-language script on a fresh cluster and prints the transcript:
      each input after its redis-cli prompt, then the reply exactly as redis-cli prints it.
      --nodes N   nodes kv1..kvN at 127.0.0.1:30001.. (default 3, at most ${MAX_NODES})
      --mode M    buggy: Kvrocks before PR #2643 (default); fixed: with #2643;
                  guarded: #2643 plus the #2850 proposal (not released Kvrocks);
                  each optionally with named behaviours on or off: fixed+<switch>,
                  guarded-<switch> (.mode in a script lists the switches)
      --seed S    seed for link latencies (default 1): the same seed and script give the
                  same transcript and trace, byte for byte
      A script error (unknown dot-command, bad argument quoting, unknown node) prints
      <file>:<line>: <reason> on stderr and exits 2.
${LAB_USAGE}
${COMPARE_USAGE}  kvlab serve [--nodes N] [--mode M] [--seed S] [--port P] [--speed X] [--trace-limit T] [--wal-limit W]
      Serves every simulated node over RESP on 127.0.0.1, node i on port P+i (default
      30001), which is also its address inside the model, so redis-cli and Redis clients
      (cluster mode included) can drive it:
        npx kvlab serve --mode fixed &   redis-cli -p 30003 INFO replication
      Virtual time follows the wall clock times --speed (default 1). Ctrl-C stops it.
      --trace-limit T  trace entries kept, newest first (default ${DEFAULT_TRACE_LIMIT}; 0 keeps none)
      --wal-limit W    WAL batches each node keeps (default ${DEFAULT_WAL_LIMIT}, and about
                       ${WAL_BYTES_LIMIT / 1024 / 1024} MB at most); a replica further behind gets a full sync,
                       as when RocksDB has purged the WAL it needs
  kvlab catalogue
      The real Kvrocks cluster bugs the model shows: each one's story, upstream threads,
      versions, switch, what you see in each setting, and its scenario and lab.
  kvlab --help
      This text.
  kvlab <command> --help
      One command's usage (also -h, or kvlab help <command>).

Console language (one per line; "double quotes" may span lines):
  CMD args...            run on the current node       @kv2 CMD args...   run on kv2
  connect <host> <port>  switch node, as redis-cli      # comment
  .help  .nodes  .ids  .use <node>  .wait <500ms|5s|2m>  .time  .mode <m>  .switch <s> on|off
  .crash <node>  .restart <node>  .partition <a> <b>  .heal  .controller ...
Type .help inside a script or the sandbox for the full list.
`;

interface RunArgs {
  nodes: number;
  mode: BehaviourMode;
  seed: string;
  file: string;
  port: number;
  speed: number;
  traceLimit: number;
  walLimit: number;
}

function parseRunArgs(args: readonly string[], serving = false): RunArgs | string {
  const out: RunArgs = { nodes: 3, mode: 'buggy', seed: '1', file: '', port: 30001, speed: 1, traceLimit: DEFAULT_TRACE_LIMIT, walLimit: DEFAULT_WAL_LIMIT };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => args[++i];
    if (serving && arg === '--port') {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 65535) return '--port needs a port number';
      out.port = Number(v);
    } else if (serving && arg === '--speed') {
      const v = value();
      if (v === undefined || !/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0 || Number(v) > 1000) return '--speed needs a number above 0, at most 1000';
      out.speed = Number(v);
    } else if (serving && (arg === '--trace-limit' || arg === '--wal-limit')) {
      const v = value();
      if (v === undefined || !/^\d{1,9}$/.test(v) || (arg === '--wal-limit' && Number(v) < 1)) return `${arg} needs a whole number${arg === '--wal-limit' ? ' from 1' : ''}`;
      if (arg === '--trace-limit') out.traceLimit = Number(v);
      else out.walLimit = Number(v);
    } else if (arg === '--nodes') {
      const v = value();
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_NODES) return `--nodes needs a whole number from 1 to ${MAX_NODES}`;
      out.nodes = Number(v);
    } else if (arg === '--mode') {
      const v = value();
      const setting = v === undefined ? null : canonicalMode(v);
      if (setting === null) return `--mode needs one of ${MODES.join(', ')}, optionally with +switch or -switch (kvlab run's .mode lists them)`;
      out.mode = setting;
    } else if (arg === '--seed') {
      const v = value();
      if (v === undefined || v === '') return '--seed needs a value';
      out.seed = v;
    } else if (arg.startsWith('--')) {
      return `unknown option ${arg}`;
    } else if (serving) {
      return `unexpected argument '${arg}'`;
    } else if (out.file !== '') {
      return `only one script, got '${out.file}' and '${arg}'`;
    } else {
      out.file = arg;
    }
  }
  if (!serving && out.file === '') return 'run needs a script file, or - for standard input';
  if (serving && out.port + out.nodes - 1 > 65535) return `--port ${out.port} leaves no room for ${out.nodes} nodes`;
  return out;
}

/** A numeric seed stays a number, so `--seed 42` and a page's seed 42 agree. */
export function seedValue(seed: string): number | string {
  return /^\d{1,9}$/.test(seed) ? Number(seed) : seed;
}

const COMMANDS = ['run', 'lab', 'compare', 'repro', 'serve', 'catalogue'] as const;
const CONSOLE_LANGUAGE = USAGE.slice(USAGE.indexOf('\nConsole language'));

/**
 * `kvlab <command> --help`: the command's own lines of USAGE (one text, so they never disagree),
 * with the console language for the commands that read scripts.
 */
export function commandUsage(command: string): string | null {
  if (!(COMMANDS as readonly string[]).includes(command)) return null;
  const lines = USAGE.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`  kvlab ${command} `) || line === `  kvlab ${command}`);
  let end = start + 1;
  while (end < lines.length && /^ {4}/.test(lines[end]!)) end++;
  const readsScripts = command === 'run' || command === 'compare' || command === 'repro';
  return `Usage:\n${lines.slice(start, end).join('\n')}\n${readsScripts ? CONSOLE_LANGUAGE : ''}`;
}

const asksForHelp = (args: readonly string[]): boolean => args.includes('--help') || args.includes('-h');

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || (command === 'help' && rest.length === 0)) {
    io.stdout(USAGE);
    return command === undefined ? 2 : 0;
  }
  const helpFor = command === 'help' ? rest[0]! : asksForHelp(rest) ? command : null;
  if (helpFor !== null) {
    const usage = commandUsage(helpFor);
    if (usage === null) {
      io.stderr(`kvlab: unknown command '${helpFor}'\n\n${USAGE}`);
      return 2;
    }
    io.stdout(usage);
    return 0;
  }
  if (command === 'lab') return labCommand(rest, io);
  if (command === 'serve') return serveCommand(rest, io);
  if (command === 'compare') return compareCommand(rest, io);
  if (command === 'repro') return reproCommand(rest, io);
  if (command === 'catalogue') {
    if (rest.length > 0) {
      io.stderr(`kvlab catalogue: takes no arguments, got ${rest.join(' ')}\n`);
      return 2;
    }
    io.stdout(catalogueText());
    return 0;
  }
  if (command !== 'run') {
    io.stderr(`kvlab: unknown command '${command}'\n\n${USAGE}`);
    return 2;
  }
  const args = parseRunArgs(rest);
  if (typeof args === 'string') {
    io.stderr(`kvlab run: ${args}\n`);
    return 2;
  }
  let text: string;
  try {
    text = args.file === '-' ? await io.readStdin() : await io.readFile(args.file);
  } catch (e) {
    io.stderr(`kvlab run: cannot read ${args.file}: ${(e as Error).message}\n`);
    return 2;
  }
  // Each input's transcript is printed as soon as it has run; nothing is kept but the world.
  const options = { nodes: args.nodes, mode: args.mode, seed: seedValue(args.seed) };
  const error = streamScript(text, options, args.file === '-' ? '<stdin>' : args.file, (part) => io.stdout(part));
  if (error === null) return 0;
  io.stderr(`${error.message}\n`);
  return 2;
}

async function serveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseRunArgs(args, true);
  if (typeof parsed === 'string') {
    io.stderr(`kvlab serve: ${parsed}\n`);
    return 2;
  }
  let served;
  try {
    served = await serve({ nodes: parsed.nodes, mode: parsed.mode, seed: seedValue(parsed.seed), basePort: parsed.port, speed: parsed.speed, traceLimit: parsed.traceLimit, walLimit: parsed.walLimit });
  } catch (e) {
    if (!(e instanceof ListenError)) throw e;
    io.stderr(`kvlab serve: cannot listen: ${e.message}\n`);
    return 2;
  }
  const last = served.ports[served.ports.length - 1];
  io.stdout(`kvlab serve: ${parsed.nodes} nodes (${parsed.mode}) on 127.0.0.1:${served.ports[0]}${last !== served.ports[0] ? `..${last}` : ''}; Ctrl-C stops\n`);
  // `on`, not `once`: a second Ctrl-C (or one passed on by the parent, young-generation.ts) while closing is ignored.
  await new Promise<void>((resolve) => process.on('SIGINT', () => resolve()));
  await served.close();
  return 0;
}
