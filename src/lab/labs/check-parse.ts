/**
 * One line of a ```check block:
 *
 *   [tags] <node> <read command>[: <selector>] <op> [<expected>] [within <duration>]
 *
 *   kv1 INFO replication: connected_slaves = 1
 *   kv3 INFO replication: role = master within 5s
 *   kv1 CLUSTER NODES: line of kv3 contains myself,slave
 *   kv2 ROLE[4] = connected
 *   [fixed guarded] kv1 INFO replication: slave1 absent within 5s
 *   [fails in buggy] kv3 INFO replication: role = master within 5s
 */
import { splitArgs } from '../../kvrocks/args.ts';
import { parseDuration } from '../duration.ts';
import { OP_LIST, OPS, parseSelector, parseTags, readOnly, tokenize, type CheckContext } from './check-parts.ts';
import { expandIds, resolveNode, unknownNode } from './nodes.ts';
import type { Check, CheckOp, Selector } from './types.ts';

export type { CheckContext } from './check-parts.ts';

/** The longest `within`: polling is every 100 ms of virtual time. */
export const MAX_WITHIN_MS = 120_000;

type Parsed = { ok: true; check: Check } | { ok: false; error: string };

function parseExpected(raw: string, op: CheckOp, ctx: CheckContext): string | null | { error: string } {
  if (op === 'absent' || op === 'present') return raw === '' ? null : { error: `'${op}' takes no value, got '${raw}'` };
  if (raw === '') return { error: `nothing to compare with after '${op}'` };
  let value = raw;
  if (raw.startsWith('"')) {
    try {
      const parsed: unknown = JSON.parse(raw);
      if (typeof parsed !== 'string') throw new Error('not a string');
      value = parsed;
    } catch {
      return { error: `bad quoted value ${raw}: one "..." string, with \\" for a quote inside` };
    }
  }
  const expanded = expandIds(value, ctx.nodes);
  if (!expanded.ok) return { error: expanded.error };
  if (['>', '>=', '<', '<='].includes(op) && !/^-?\d+(\.\d+)?$/.test(expanded.text)) return { error: `'${op}' compares numbers, got '${value}'` };
  return expanded.text;
}

export function parseCheck(source: string, line: number, ctx: CheckContext): Parsed {
  const fail = (error: string): Parsed => ({ ok: false, error: `bad check: ${error}` });
  const tags = parseTags(source, ctx);
  if (typeof tags === 'string') return fail(tags);
  const rest = tags.rest;
  const tokens = tokenize(rest);
  if (typeof tokens === 'string') return fail(tokens);
  const node = resolveNode(tokens[0]?.text ?? '', ctx.nodes);
  if (!node) return fail(tokens[0] ? unknownNode(tokens[0].text, ctx.nodes) : 'empty check');
  let i = 1;
  let colon = -1;
  while (i < tokens.length && !OPS.has(tokens[i]!.text) && !(tokens[i]!.text === 'not' && tokens[i + 1]?.text === 'contains')) {
    if (tokens[i]!.text.endsWith(':') && !/^["']/.test(tokens[i]!.text)) {
      colon = i;
      i++;
      break;
    }
    i++;
  }
  const lastCommand = colon >= 0 ? colon : i - 1;
  const noCommand = fail(`no command to read after ${tokens[0]!.text}, e.g. '${tokens[0]!.text} INFO replication: role = master'`);
  if (lastCommand < 1) return noCommand;
  const selectorStart = i;
  while (i < tokens.length && !OPS.has(tokens[i]!.text) && !(tokens[i]!.text === 'not' && tokens[i + 1]?.text === 'contains')) i++;
  if (i >= tokens.length) return fail(`no comparison: use ${OP_LIST}`);
  const op: CheckOp = tokens[i]!.text === 'not' ? 'not contains' : (tokens[i]!.text as CheckOp);
  const opEnd = tokens[op === 'not contains' ? i + 1 : i]!.end;

  let commandText = rest.slice(tokens[1]!.start, tokens[lastCommand]!.end);
  if (colon >= 0) commandText = commandText.slice(0, -1);
  if (commandText.trim() === '') return noCommand;
  const pathMatch = /^(.*?)((?:\[\d+\])+)$/s.exec(commandText);
  const path = pathMatch ? [...pathMatch[2]!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])) : [];
  if (path.some((n) => n < 1)) return fail('array elements are numbered from 1, as redis-cli shows them');
  if (pathMatch) commandText = pathMatch[1]!;
  const expandedCommand = expandIds(commandText.trim(), ctx.nodes);
  if (!expandedCommand.ok) return fail(expandedCommand.error);
  const split = splitArgs(expandedCommand.text);
  if (!split.ok || split.args.length === 0) return fail(`cannot split the command '${commandText.trim()}' into arguments`);
  if (!readOnly(split.args)) return fail(`a check only reads (INFO, ROLE, CLUSTER NODES|INFO|SLOTS|KEYSLOT|REPLICAS, CLUSTERX VERSION|MYID, GET, EXISTS, DBSIZE, CONFIG GET, PING, ECHO); run '${commandText.trim()}' in a kvlab block`);

  let selector: Selector = { kind: 'reply' };
  if (colon >= 0) {
    const selectorText = selectorStart < i ? rest.slice(tokens[selectorStart]!.start, tokens[i - 1]!.end) : '';
    // `CLUSTER NODES: not contains myself` reads the whole reply, like no colon at all.
    if (selectorText !== '') {
      const parsed = parseSelector(selectorText, ctx);
      if (typeof parsed === 'string') return fail(parsed);
      selector = parsed;
    }
  }

  let withinMs: number | null = null;
  let expectedEnd = rest.length;
  const last = tokens[tokens.length - 1]!;
  const beforeLast = tokens[tokens.length - 2];
  if (beforeLast && beforeLast.text === 'within' && beforeLast.start >= opEnd) {
    const d = parseDuration(last.text);
    if (!d.ok) return fail(d.error);
    if (d.ms > MAX_WITHIN_MS) return fail(`'within ${last.text}' is longer than ${MAX_WITHIN_MS / 1000}s`);
    withinMs = d.ms;
    expectedEnd = beforeLast.start;
  } else if (last.text === 'within') {
    return fail("'within' needs a duration, e.g. within 5s");
  } else if (tokens.some((t) => t.text === 'within' && t.start >= opEnd)) {
    return fail("'within' takes one duration at the end of the line, e.g. within 5s; quote a value that contains the word");
  }
  const expected = parseExpected(rest.slice(opEnd, expectedEnd).trim(), op, ctx);
  if (expected !== null && typeof expected === 'object') return fail(expected.error);
  const isCount = selector.kind === 'length' || selector.kind === 'lines';
  if (isCount && !['=', '!=', '>', '>=', '<', '<='].includes(op)) return fail(`'${op}' does not apply to a count; use = or a comparison`);
  if (tags.onlyIn && tags.failsIn.some((m) => !tags.onlyIn!.includes(m))) return fail(`[fails in ${tags.failsIn.join(' ')}] names a mode the check does not run in (${tags.onlyIn.join(' ')})`);
  return {
    ok: true,
    check: {
      line,
      source: source.trim(),
      node: node.name,
      command: expandedCommand.text,
      argv: split.args,
      path,
      selector,
      op,
      expected,
      withinMs,
      onlyIn: tags.onlyIn,
      failsIn: tags.failsIn,
    },
  };
}
