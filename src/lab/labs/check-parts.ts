/**
 * The pieces of a check line: tokens (a quoted run stays one token), the read-only command list,
 * mode tags and selectors. check-parse.ts puts them together.
 */
import { canonicalMode, type BehaviourMode } from '../../kvrocks/mode.ts';
import { resolveNode, unknownNode } from './nodes.ts';
import type { Selector } from './types.ts';

export interface CheckContext {
  readonly nodes: number;
  readonly modes: readonly BehaviourMode[];
}

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

export const OPS = new Set(['=', '!=', '>', '>=', '<', '<=', 'contains', 'absent', 'present']);
export const OP_LIST = '=, !=, >, >=, <, <=, contains, not contains, absent or present';

/** Whitespace-separated tokens; a token that starts with a quote runs to its closing quote, spaces included. */
export function tokenize(text: string): Token[] | string {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i]!)) {
      i++;
      continue;
    }
    const start = i;
    const quote = text[i];
    if (quote === '"' || quote === "'") {
      i++;
      while (i < text.length && text[i] !== quote) i += text[i] === '\\' && quote === '"' ? 2 : 1;
      if (i >= text.length) return `unterminated ${quote === '"' ? 'double' : 'single'}-quoted string`;
      i++;
    }
    while (i < text.length && !/\s/.test(text[i]!)) i++;
    tokens.push({ text: text.slice(start, i), start, end: i });
  }
  return tokens;
}

/** Commands a check may run: they read, and change nothing a lab looks at. */
export function readOnly(argv: readonly string[]): boolean {
  const [command = '', sub = ''] = argv.map((a) => a.toLowerCase());
  if (['info', 'role', 'get', 'exists', 'ping', 'echo'].includes(command)) return true;
  if (command === 'dbsize') return argv.length === 1;
  if (command === 'cluster') return ['nodes', 'info', 'slots', 'keyslot', 'replicas'].includes(sub);
  if (command === 'clusterx') return ['version', 'myid'].includes(sub);
  if (command === 'config') return sub === 'get';
  return false;
}

export function parseTags(text: string, ctx: CheckContext): { rest: string; onlyIn: BehaviourMode[] | null; failsIn: BehaviourMode[] } | string {
  let rest = text.trim();
  let onlyIn: BehaviourMode[] | null = null;
  const failsIn: BehaviourMode[] = [];
  while (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return "a '[' tag is not closed with ']'";
    const inner = rest.slice(1, close).trim();
    const fails = /^fails\s+in\s+(.*)$/i.exec(inner);
    const words = (fails ? fails[1]! : inner).split(/[\s,]+/).filter((w) => w !== '');
    if (words.length === 0) return `empty tag [${inner}]: write [buggy], [fixed guarded] or [fails in buggy]`;
    const settings: BehaviourMode[] = [];
    for (const word of words) {
      const setting = canonicalMode(word);
      if (setting === null) return `unknown mode '${word}' in [${inner}]: modes are buggy, fixed, guarded, optionally with +switch or -switch`;
      if (!ctx.modes.includes(setting)) return `[${inner}] names mode ${word}, but the lab declares modes ${ctx.modes.join(', ')}`;
      settings.push(setting);
    }
    if (fails) failsIn.push(...settings);
    else onlyIn = [...(onlyIn ?? []), ...settings];
    rest = rest.slice(close + 1).trim();
  }
  return { rest, onlyIn, failsIn };
}

export function parseSelector(text: string, ctx: CheckContext): Selector | string {
  if (text === 'lines') return { kind: 'lines' };
  if (text === 'length') return { kind: 'length' };
  const line = /^line\s+(\d+)$/.exec(text);
  if (line) return Number(line[1]) >= 1 ? { kind: 'line', n: Number(line[1]) } : 'lines are numbered from 1';
  const lineOf = /^line\s+of\s+(\S+)$/.exec(text);
  if (lineOf) {
    const node = resolveNode(lineOf[1]!, ctx.nodes);
    return node ? { kind: 'line-of', node: node.name, address: node.address } : unknownNode(lineOf[1]!, ctx.nodes);
  }
  if (/^[A-Za-z0-9_.-]+$/.test(text)) return { kind: 'field', name: text };
  return `unknown selector '${text}': use a field name (connected_slaves), line N, line of <node>, lines or length`;
}
