/**
 * Tab completion for the console, as a pure function of the text, the cursor and what the
 * cluster knows (node names, ports, node ids). The console component only applies the result.
 */
import { needsMoreInput, splitArgs } from '../../kvrocks/args.ts';
import { COMMANDS } from '../../kvrocks/commands/registry.ts';
import { INFO_SECTIONS } from '../../kvrocks/info.ts';
import { MODES } from '../../kvrocks/mode.ts';
import { suggestedNodeId } from '../../protocol/node-ids.ts';
import type { World } from '../../kvrocks/world.ts';
import { DOT_COMMANDS } from '../../lab/dot-commands.ts';

export interface CompletionContext {
  /** Node names, kv1..kvN. */
  readonly nodes: readonly string[];
  /** Listening ports, in node order. */
  readonly ports: readonly string[];
  /** Ids the nodes know: their myids and every id in their current topologies. */
  readonly knownIds: readonly string[];
  /** The node the console runs on (the target of `CLUSTERX SETNODEID` without `@`). */
  readonly current: string;
  /** The stable id the lab suggests for a node name (src/kvrocks/node-ids.ts). */
  readonly suggestedId: (name: string) => string;
}

export interface Completion {
  /** The text in [start, end) is replaced by the chosen candidate. */
  readonly start: number;
  readonly end: number;
  readonly candidates: readonly string[];
}

// Subcommands as the parsers accept them: commands/cluster.ts, clusterx.ts, config.ts, client.ts.
const SUBCOMMANDS: Readonly<Record<string, readonly string[]>> = {
  cluster: ['NODES', 'SLOTS', 'INFO', 'RESET', 'KEYSLOT', 'REPLICAS', 'IMPORT'],
  clusterx: ['VERSION', 'MYID', 'SETNODEID', 'SETNODES', 'SETSLOT', 'MIGRATE'],
  config: ['GET', 'SET', 'REWRITE'],
  client: ['ID', 'GETNAME', 'SETNAME', 'LIST', 'INFO', 'KILL'],
};
const INFO_ARGS = ['all', ...INFO_SECTIONS];
const COMMAND_NAMES = COMMANDS.map((c) => c.name).filter((name) => !name.startsWith('_'));
const DOT_NAMES = DOT_COMMANDS.map((c) => c.name);
const NODE_ARG_DOTS = new Set(['.use', '.crash', '.restart']);
const WAITS = ['500ms', '1s', '5s', '10s', '1m'];
// lab/controller-commands.ts
const CONTROLLER = ['status', 'start', 'stop', 'create', 'remove', 'failover'];
const HOST = '127.0.0.1';

/** What to offer at `cursor` in `text`; no candidates when nothing fits. */
export function complete(text: string, cursor: number, ctx: CompletionContext): Completion {
  const head = text.slice(0, cursor);
  if (needsMoreInput(head)) return inPayload(head, cursor, ctx);
  const word = /\S*$/.exec(head)![0];
  const start = cursor - word.length;
  const split = splitArgs(head.slice(0, start));
  const none = { start, end: cursor, candidates: [] };
  if (!split.ok || word.includes('"') || word.includes("'")) return none;
  let args = split.args;
  let target = ctx.current;
  const at = (candidates: readonly string[], caseFrom = word) => ({ start, end: cursor, candidates: matching(candidates, word, caseFrom) });
  if (args.length === 0) {
    if (word.startsWith('@')) return at(ctx.nodes.map((n) => `@${n}`), '');
    if (word.startsWith('.')) return at(DOT_NAMES, '');
    return at([...COMMAND_NAMES, 'connect'].map((n) => (n === 'connect' ? n : n.toUpperCase())));
  }
  if (args[0]!.startsWith('@')) {
    target = args[0]!.slice(1);
    args = args.slice(1);
    if (args.length === 0) return at(COMMAND_NAMES.map((n) => n.toUpperCase()));
  }
  const command = args[0]!.toLowerCase();
  const n = args.length;
  const sub = args[1]?.toLowerCase();
  if (n === 1 && SUBCOMMANDS[command]) return at(SUBCOMMANDS[command]);
  if (n === 1 && command === 'info') return at(INFO_ARGS, word || 'x');
  if (command === 'clusterx' && sub === 'setnodeid' && n === 2) return at(idsFor(ctx, target), '');
  if (command === 'clusterx' && sub === 'setslot' && n === 3) return at(['NODE']);
  if (command === 'clusterx' && sub === 'setslot' && n === 4) return at(idsFor(ctx, target), '');
  if (command === 'cluster' && sub === 'replicas' && n === 2) return at(idsFor(ctx, target), '');
  if (command === 'connect' && n === 1) return at([HOST], '');
  if (command === 'connect' && n === 2) return at(ctx.ports, '');
  if (NODE_ARG_DOTS.has(command) && n === 1) return at(ctx.nodes, '');
  if (command === '.partition' && n <= 2) return at([...ctx.nodes, 'controller'], '');
  if (command === '.mode' && n === 1) return at(MODES, '');
  if (command === '.wait' && n === 1) return at(WAITS, '');
  if (command === '.controller' && n === 1) return at(CONTROLLER, '');
  if (command === '.controller' && sub === 'remove' && n === 2) return at(ctx.nodes, '');
  return none;
}

/**
 * Inside an open double quote: a CLUSTERX SETNODES payload, one node per line:
 * `<id> <host> <port> master|slave <master-id>|- [slots...]`. Offer what the field expects.
 */
function inPayload(head: string, cursor: number, ctx: CompletionContext): Completion {
  const line = head.slice(Math.max(head.lastIndexOf('\n'), head.lastIndexOf('"')) + 1);
  const word = /\S*$/.exec(line)![0];
  const fields = line.slice(0, line.length - word.length).split(/\s+/).filter((f) => f !== '');
  const start = cursor - word.length;
  const offer = (candidates: readonly string[]) => ({ start, end: cursor, candidates: matching(candidates, word, '') });
  switch (fields.length) {
    case 0:
      return offer(word === '' ? [] : idsFor(ctx, ctx.current));
    case 1:
      return offer([HOST]);
    case 2: {
      const named = ctx.nodes.findIndex((name) => ctx.suggestedId(name) === fields[0]);
      return offer(named >= 0 ? [ctx.ports[named]!] : ctx.ports);
    }
    case 3:
      return offer(['master', 'slave']);
    case 4:
      return offer(fields[3] === 'master' ? ['-'] : idsFor(ctx, ctx.current));
    case 5:
      return offer(fields[3] === 'master' ? ['0-16383'] : []);
    default:
      return offer([]);
  }
}

/** Ids to offer, the target node's suggested id first, then ids the cluster knows, then the rest. */
function idsFor(ctx: CompletionContext, target: string): string[] {
  const node = ctx.nodes.find((n) => n === target.toLowerCase()) ?? ctx.nodes.find((n, i) => `${HOST}:${ctx.ports[i]}` === target);
  const ordered = [...(node ? [ctx.suggestedId(node)] : []), ...ctx.knownIds, ...ctx.nodes.map(ctx.suggestedId)];
  return [...new Set(ordered)];
}

/**
 * Candidates starting with `word` (case-insensitively), in the case the person is typing:
 * lower case when `caseFrom` has a lower-case letter, as given otherwise (caseFrom '' keeps them).
 */
function matching(candidates: readonly string[], word: string, caseFrom: string): string[] {
  const lower = word.toLowerCase();
  const fits = candidates.filter((c) => c.toLowerCase().startsWith(lower) && c.length >= word.length);
  if (caseFrom === '') return fits;
  return fits.map((c) => (/[a-z]/.test(caseFrom) ? c.toLowerCase() : c.toUpperCase()));
}

export function commonPrefix(values: readonly string[]): string {
  if (values.length === 0) return '';
  let prefix = values[0]!;
  for (const value of values) while (!value.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

export interface Applied {
  readonly text: string;
  readonly cursor: number;
}

/**
 * Applies a completion: one candidate is inserted with a trailing space; several extend the
 * word to their common prefix. `choice` picks one candidate (Tab pressed again cycles).
 */
export function applyCompletion(text: string, completion: Completion, choice?: number): Applied | null {
  const { start, end, candidates } = completion;
  if (candidates.length === 0) return null;
  const after = text.slice(end);
  const pick = (insert: string, skip = 0) => {
    const before = text.slice(0, start) + insert;
    return { text: before + after, cursor: before.length + skip };
  };
  if (choice !== undefined) return pick(candidates[choice % candidates.length]!);
  // A unique candidate ends the word: step over the space after it, or add one.
  if (candidates.length === 1) return after.startsWith(' ') ? pick(candidates[0]!, 1) : pick(`${candidates[0]} `);
  const prefix = commonPrefix(candidates);
  return prefix.length > end - start ? pick(prefix) : null;
}

/** The completion context of a live world, as seen from the node the console is on. */
export function contextOf(world: World, current: string): CompletionContext {
  const ids = new Set<string>();
  for (const node of world.nodes) {
    if (node.cluster.myId) ids.add(node.cluster.myId);
    for (const id of node.cluster.topology?.nodes.keys() ?? []) ids.add(id);
  }
  return {
    nodes: world.nodes.map((n) => n.name),
    ports: world.nodes.map((n) => String(n.port)),
    knownIds: [...ids],
    current,
    suggestedId: memoised(suggestedNodeId),
  };
}

function memoised(fn: (name: string) => string): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    let value = cache.get(name);
    if (value === undefined) cache.set(name, (value = fn(name)));
    return value;
  };
}
