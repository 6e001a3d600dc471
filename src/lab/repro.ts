/**
 * A repro script for real Kvrocks: a session's inputs as a POSIX shell script of redis-cli
 * commands, each at its moment of the session (waits become sleeps), against addresses the user gives. Run against real nodes
 * it prints the transcript the model showed (prompt and input lines, redis-cli's replies, the
 * waits' `#` lines), up to the normalisation of docs/conformance.md. Pure: text in, text out.
 *
 * Each command is its own `redis-cli` invocation, so its own connection: what the console keeps
 * per connection (READONLY, client ids, `not connected>`) is not reproduced, and the header says so.
 */
import { splitArgs } from '../kvrocks/args.ts';
import type { RunResult } from './session.ts';

export interface ReproNode {
  /** kv1 */
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

export interface ReproOptions {
  /** What the script reproduces, for its header (e.g. "scenario issue-2618, mode buggy, seed 1"). */
  readonly title: string;
  /** The model's nodes, whose addresses the script maps to the user's. */
  readonly nodes: readonly ReproNode[];
}

/** Single-quoted for sh: everything literal, a quote written as '\''. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

const envName = (node: ReproNode) => node.name.toUpperCase().replace(/[^A-Z0-9_]/g, '_');

/** The inputs a real server cannot be driven through by redis-cli alone. */
function unsupported(input: string): string | null {
  const word = input.trim().split(/\s+/)[0]!.toLowerCase();
  if (!word.startsWith('.')) return null;
  if (word === '.wait' || word === '.use') return null;
  return `${word} is done by the model, not by redis-cli`;
}

/**
 * `results` is the model's transcript (every input with its output); `now` the virtual time
 * after the last input (for a trailing `.wait`).
 */
export function reproScript(results: readonly RunResult[], now: number, options: ReproOptions): string {
  const byName = new Map(options.nodes.map((n) => [n.name, n]));
  const byAddress = new Map(options.nodes.map((n) => [`${n.host}:${n.port}`, n]));
  const skipped: string[] = [];
  const body: string[] = [];
  let target = options.nodes[0];
  for (const r of results) {
    const input = r.input.trim();
    const echoInput = () => body.push(`say ${shellQuote(`${r.input}`)} "$(prompt ${target ? `"$${envName(target)}"` : "''"})"`);
    if (input === '') continue;
    if (input.startsWith('#')) {
      body.push(`echo ${shellQuote(r.input)}`);
      continue;
    }
    if (r.error !== null) {
      skipped.push(`${input.split('\n')[0]} (the console refused it: ${r.error})`);
      continue;
    }
    const problem = unsupported(input);
    if (problem !== null) {
      skipped.push(`${input.split('\n')[0]} (${problem})`);
      body.push(`echo ${shellQuote(`# not reproduced here: ${input.split('\n')[0]}`)}`);
      continue;
    }
    if (input.startsWith('.use')) {
      const name = input.split(/\s+/)[1] ?? '';
      const node = byName.get(name) ?? byAddress.get(name);
      echoInput();
      if (node) target = node;
      continue;
    }
    // Every input runs at its moment of the session (a .wait, or time let run with Play, is
    // the gap before the next): the script sleeps until then, so slow commands do not add up.
    body.push(`at ${Math.round(r.at)}`);
    if (input.startsWith('.wait')) {
      echoInput();
      body.push(`echo ${shellQuote(r.output)}`);
      continue;
    }
    const split = splitArgs(input);
    if (!split.ok) continue;
    let args = split.args;
    let node = target;
    if (args[0]?.startsWith('@')) {
      const name = args[0].slice(1);
      node = byName.get(name) ?? byAddress.get(name);
      args = args.slice(1);
    }
    if (!node) {
      skipped.push(`${input.split('\n')[0]} (no node to send it to)`);
      continue;
    }
    echoInput();
    body.push(`run "$${envName(node)}" ${mapAddresses(args, options.nodes).join(' ')}`);
  }

  const header = [
    '#!/bin/sh',
    `# Kvrocks Cluster Lab repro: ${options.title}.`,
    '# Runs the session against real Kvrocks nodes with redis-cli and prints the transcript the',
    '# model showed (compare them after the normalisation of docs/conformance.md).',
    '# Give the addresses of your nodes as NAME=host:port arguments or environment variables:',
    `#   sh repro.sh ${options.nodes.map((n) => `${n.name}=${n.host}:${n.port}`).join(' ')}`,
    '# Each command opens its own connection (redis-cli per command), so connection state such as',
    '# READONLY, client ids and the console\'s "not connected>" are not reproduced.',
    ...(skipped.length > 0 ? ['# Not reproduced by this script:', ...skipped.map((s) => `#   ${s}`)] : []),
    'set -u',
    `REDIS_CLI=\${REDIS_CLI:-redis-cli}`,
    ...options.nodes.map((n) => `${envName(n)}=\${${envName(n)}:-${n.host}:${n.port}}`),
    'for arg in "$@"; do',
    '  case "$arg" in',
    ...options.nodes.map((n) => `    ${n.name}=*) ${envName(n)}=\${arg#*=} ;;`),
    `    *) echo "unknown argument: $arg (give ${options.nodes.map((n) => `${n.name}=host:port`).join(' ')})" >&2; exit 2 ;;`,
    '  esac',
    'done',
    // The model's addresses inside arguments (SETNODES payloads, SLAVEOF) become the user's.
    ...options.nodes.flatMap((n) => [`${envName(n)}_HOST=\${${envName(n)}%:*}`, `${envName(n)}_PORT=\${${envName(n)}##*:}`]),
    'T0=$(date +%s%N)',
    '# Sleeps until `$1` ms after the start: the moment of the session the next input ran at.',
    'at() {',
    '  left=$(( $1 - ($(date +%s%N) - T0) / 1000000 ))',
    '  if [ "$left" -gt 0 ]; then sleep "$((left / 1000)).$(printf %03d $((left % 1000)))"; fi',
    '}',
    'prompt() { printf "%s> " "$1"; }',
    'say() { printf "%s%s\\n" "$2" "$1"; }',
    '# redis-cli prints how long a command took when it was 500 ms or more (in its interactive mode);',
    '# replies end lines with CR LF, which a terminal shows as the model does.',
    'run() {',
    '  addr=$1; shift',
    '  start=$(date +%s%N)',
    '  "$REDIS_CLI" --no-raw -h "${addr%:*}" -p "${addr##*:}" "$@" | tr -d \'\\r\'',
    '  took=$(( ($(date +%s%N) - start) / 1000000 ))',
    '  if [ "$took" -ge 500 ]; then printf "(%d.%02ds)\\n" $((took / 1000)) $((took % 1000 / 10)); fi',
    '}',
  ];
  if (now > (results[results.length - 1]?.at ?? 0)) body.push(`at ${Math.round(now)}`);
  return `${[...header, ...body].join('\n')}\n`;
}

/**
 * Arguments as shell words, the model's node addresses replaced by the user's: `127.0.0.1 30002`
 * (SETNODES lines, SLAVEOF's two arguments) and `127.0.0.1:30002`.
 */
function mapAddresses(args: readonly string[], nodes: readonly ReproNode[]): string[] {
  const words = args.map((a) => shellQuote(a));
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const node = nodes.find((n) => args[i] === n.host && args[i + 1] === String(n.port));
    if (node) {
      out.push(`"$${envName(node)}_HOST"`, `"$${envName(node)}_PORT"`);
      i++;
      continue;
    }
    out.push(substitute(args[i]!, nodes) ?? words[i]!);
  }
  return out;
}

/** One argument with every `host port` / `host:port` of a model node spliced out for the user's. */
function substitute(arg: string, nodes: readonly ReproNode[]): string | null {
  const pattern = new RegExp(nodes.map((n) => `${escape(n.host)}(?: |:)${n.port}(?!\\d)`).join('|'), 'g');
  if (nodes.length === 0 || !pattern.test(arg)) return null;
  pattern.lastIndex = 0;
  const parts: string[] = [];
  let last = 0;
  for (const match of arg.matchAll(pattern)) {
    const node = nodes.find((n) => match[0] === `${n.host} ${n.port}` || match[0] === `${n.host}:${n.port}`)!;
    const sep = match[0].includes(':') ? ':' : ' ';
    parts.push(shellQuote(arg.slice(last, match.index)), `"$${envName(node)}_HOST"`, shellQuote(sep), `"$${envName(node)}_PORT"`);
    last = match.index + match[0].length;
  }
  parts.push(shellQuote(arg.slice(last)));
  return parts.filter((p) => p !== "''").join('');
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
