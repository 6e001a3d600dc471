/**
 * Static checks of the console inputs in a lab file, so a typo is reported with its line when the
 * lab is loaded, not when a learner reaches the step. What depends on the moment (crashing a node
 * that is already down) is reported when the lab runs (`kvlab lab`, the lab test suite).
 */
import { splitArgs } from '../../kvrocks/args.ts';
import { isMode, MODES } from '../../kvrocks/mode.ts';
import { DOT_COMMANDS } from '../dot-commands.ts';
import { parseDuration } from '../duration.ts';
import { resolveNode, unknownNode } from './nodes.ts';

const DOT_NAMES = new Set(DOT_COMMANDS.map((c) => c.name));
const CONTROLLER_SUBCOMMANDS = ['status', 'start', 'stop', 'create', 'remove', 'failover'];

function dotProblem(name: string, args: readonly string[], nodes: number): string | null {
  const node = (ref: string | undefined, usage: string) => (ref === undefined ? `usage: ${usage}` : resolveNode(ref, nodes) ? null : unknownNode(ref, nodes));
  switch (name) {
    case '.use':
    case '.crash':
    case '.restart':
      return args.length > 1 ? `usage: ${name} <node>` : node(args[0], `${name} <node>`);
    case '.wait': {
      if (args.length !== 1) return 'usage: .wait <duration>, e.g. .wait 5s';
      const d = parseDuration(args[0]!);
      return d.ok ? null : d.error;
    }
    case '.mode':
      return args.length === 0 || (args.length === 1 && isMode(args[0]!)) ? null : `usage: .mode ${MODES.join('|')}`;
    case '.partition': {
      if (args.length !== 2) return 'usage: .partition <a> <b>';
      const ends = args.map((ref) => (ref.toLowerCase() === 'controller' ? 'controller' : resolveNode(ref, nodes)?.name));
      const unknown = args.find((_, i) => ends[i] === undefined);
      if (unknown !== undefined) return unknownNode(unknown, nodes);
      return ends[0] === ends[1] ? 'a node cannot be partitioned from itself' : null;
    }
    case '.controller': {
      const [sub, ...rest] = args;
      if (sub === undefined) return null;
      if (!CONTROLLER_SUBCOMMANDS.includes(sub.toLowerCase())) return `unknown .controller subcommand '${sub}': use ${CONTROLLER_SUBCOMMANDS.join(', ')}`;
      if (sub.toLowerCase() === 'remove') return rest.length === 1 ? node(rest[0], '.controller remove <node>') : 'usage: .controller remove <node>';
      if (sub.toLowerCase() === 'failover') return rest.length === 1 && /^\d+$/.test(rest[0]!) ? null : 'usage: .controller failover <shard>';
      if (sub.toLowerCase() === 'create') {
        if (!/^\d+$/.test(rest[0] ?? '') || Number(rest[0]) < 1) return 'usage: .controller create <nodes-per-shard> [nodes...], e.g. .controller create 3';
        for (const ref of rest.slice(1)) if (!resolveNode(ref, nodes)) return unknownNode(ref, nodes);
      }
      return null;
    }
    default:
      return null;
  }
}

/** What is wrong with one console input, or null. */
export function consoleProblem(text: string, nodes: number): string | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  if (trimmed.startsWith('.')) {
    const [name = '', ...args] = trimmed.split(/\s+/).filter((part) => part !== '');
    if (!DOT_NAMES.has(name.toLowerCase())) return `unknown dot-command '${name}': type .help for the list`;
    return dotProblem(name.toLowerCase(), args, nodes);
  }
  const split = splitArgs(trimmed);
  if (!split.ok) return `${split.error}: check the quotes`;
  const first = split.args[0] ?? '';
  if (first.startsWith('@')) {
    if (!resolveNode(first.slice(1), nodes)) return unknownNode(first.slice(1), nodes);
    if (split.args.length === 1) return `nothing to run on ${first.slice(1)}: write '${first} <command>'`;
  } else if (first.toLowerCase() === 'connect' && split.args.length !== 3) {
    return 'usage: connect <host> <port>';
  }
  return null;
}
