/** `kvlab compare` and `kvlab repro`: two settings side by side, and a script for real Kvrocks. */
import { canonicalMode, MODES } from '../kvrocks/mode.ts';
import { MAX_NODES } from '../kvrocks/world.ts';
import { compareRuns, describeDivergence } from '../lab/divergence.ts';
import { reproScript } from '../lab/repro.ts';
import { runScript, ScriptError, scriptInputs } from '../lab/script.ts';
import { Session } from '../lab/session.ts';
import type { CliIo } from './main.ts';

export const COMPARE_USAGE = `  kvlab compare [--modes A,B] [--nodes N] [--seed S] <script|->
      Runs the script in two settings (default buggy,fixed) with the same seed and prints
      the first input after which their replies or node states differ, and what differs.
      Exits 0 when they agree on every input, 1 when they diverge.
  kvlab repro [--mode M] [--nodes N] [--seed S] <script|->
      Prints a shell script of redis-cli commands (waits as sleeps) that runs the same
      inputs against real Kvrocks nodes: sh repro.sh kv1=host:port kv2=host:port ...
`;

interface Parsed {
  modes: [string, string];
  nodes: number;
  seed: number | string;
  file: string;
}

function parse(args: readonly string[], name: 'compare' | 'repro'): Parsed | string {
  const out: Parsed = { modes: ['buggy', 'fixed'], nodes: 3, seed: 1, file: '' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = args[i + 1];
    if (arg === (name === 'compare' ? '--modes' : '--mode')) {
      i++;
      const parts = (value ?? '').split(',');
      const settings = parts.map((p) => canonicalMode(p.trim()));
      const want = name === 'compare' ? 2 : 1;
      if (value === undefined || settings.length !== want || settings.some((s) => s === null)) {
        return name === 'compare' ? `--modes needs two settings separated by a comma, e.g. buggy,fixed (presets: ${MODES.join(', ')})` : `--mode needs one of ${MODES.join(', ')}, optionally with +switch or -switch`;
      }
      out.modes = name === 'compare' ? [settings[0]!, settings[1]!] : [settings[0]!, settings[0]!];
    } else if (arg === '--nodes') {
      i++;
      if (value === undefined || !/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_NODES) return `--nodes needs a whole number from 1 to ${MAX_NODES}`;
      out.nodes = Number(value);
    } else if (arg === '--seed') {
      i++;
      if (value === undefined || value === '') return '--seed needs a value';
      out.seed = /^\d{1,9}$/.test(value) ? Number(value) : value;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else if (out.file !== '') return `only one script, got '${out.file}' and '${arg}'`;
    else out.file = arg;
  }
  if (out.file === '') return `${name} needs a script file, or - for standard input`;
  return out;
}

async function readScript(io: CliIo, file: string): Promise<string> {
  return file === '-' ? io.readStdin() : io.readFile(file);
}

export async function compareCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(args, 'compare');
  if (typeof parsed === 'string') {
    io.stderr(`kvlab compare: ${parsed}\n`);
    return 2;
  }
  const name = parsed.file === '-' ? '<stdin>' : parsed.file;
  let inputs;
  try {
    inputs = scriptInputs(await readScript(io, parsed.file), name);
  } catch (e) {
    io.stderr(`kvlab compare: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const runs = compareRuns(inputs, { nodes: parsed.nodes, seed: parsed.seed, settings: parsed.modes });
  io.stdout(describeDivergence(runs, name));
  return runs.divergence === null ? 0 : 1;
}

export async function reproCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parse(args, 'repro');
  if (typeof parsed === 'string') {
    io.stderr(`kvlab repro: ${parsed}\n`);
    return 2;
  }
  const name = parsed.file === '-' ? '<stdin>' : parsed.file;
  let text: string;
  try {
    text = await readScript(io, parsed.file);
    // The script must run cleanly in the model first: a repro of a broken script helps nobody.
    runScript(text, { nodes: parsed.nodes, mode: parsed.modes[0], seed: parsed.seed }, name);
  } catch (e) {
    io.stderr(`kvlab repro: ${e instanceof ScriptError || e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const session = new Session({ nodes: parsed.nodes, seed: parsed.seed, mode: parsed.modes[0] });
  const results = scriptInputs(text, name).map((input) => session.run(input.text));
  const nodes = session.world.nodes.map((n) => ({ name: n.name, host: n.host, port: n.port }));
  io.stdout(reproScript(results, session.now(), { title: `${name}, mode ${parsed.modes[0]}, seed ${parsed.seed}`, nodes }));
  return 0;
}
