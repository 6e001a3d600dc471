/**
 * What a check sees in a reply: the part its selector names, and how to show that part in a
 * field-level difference (`connected_slaves:2`, `line 2: ...`, `ROLE[4]: "connecting"`).
 */
import { quoteBulk, renderReply } from '../../kvrocks/render.ts';
import type { Reply } from '../../protocol/reply.ts';
import type { Check } from './types.ts';

/** found: the selected value and how it shows; not found: how its absence shows. */
export type Picked =
  | { readonly found: true; readonly value: string; readonly shown: string }
  | { readonly found: false; readonly shown: string; readonly broken: boolean };

const absent = (shown: string): Picked => ({ found: false, shown, broken: false });
const broken = (shown: string): Picked => ({ found: false, shown, broken: true });

/** A reply on one line, as redis-cli shows a single value. */
export function oneLine(reply: Reply): string {
  if (reply.type === 'array') return `an array of ${reply.items.length} element${reply.items.length === 1 ? '' : 's'}`;
  const shown = renderReply(reply);
  return shown.includes('\n') ? quoteBulk(shown) : shown;
}

function scalar(reply: Reply): string | null {
  switch (reply.type) {
    case 'status':
    case 'bulk':
    case 'error':
      return reply.text;
    case 'integer':
      return String(reply.value);
    case 'nil':
      return '(nil)';
    case 'array':
      return null;
  }
}

function textLines(text: string): string[] {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** How the selected part is named in messages: `connected_slaves`, `line 2`, `kv3's line`, `ROLE[4]`. */
export function labelOf(check: Check): string {
  const s = check.selector;
  const path = check.path.length > 0 ? `${check.argv[0]}${check.path.map((n) => `[${n}]`).join('')}` : null;
  switch (s.kind) {
    case 'field':
      return s.name;
    case 'line':
      return `line ${s.n}`;
    case 'line-of':
      return `${s.node}'s line`;
    case 'lines':
      return 'the line count';
    case 'length':
      return path ? `the length of ${path}` : 'the length';
    case 'reply':
      return path ?? 'the reply';
  }
}

/** How a value of the selected part shows (also used for the expected value). */
export function showValue(check: Check, value: string, like: Reply | null): string {
  const s = check.selector;
  switch (s.kind) {
    case 'field':
      return `${s.name}:${value}`;
    case 'line':
      return `line ${s.n}: ${value}`;
    case 'line-of':
      return `${s.node}'s line: ${value}`;
    case 'lines':
      return `${value} line${value === '1' ? '' : 's'}`;
    case 'length':
      return `length ${value}`;
    case 'reply': {
      // The check's prefix already names ROLE[4]; the value shows as redis-cli shows it.
      return like === null || like.type === 'array' ? value : likeReply(value, like);
    }
  }
}

/** An expected value shown the way redis-cli would show it in a reply like the actual one. */
function likeReply(value: string, like: Reply): string {
  if (value === '(nil)') return value;
  if (like.type === 'integer' && /^-?\d+$/.test(value)) return `(integer) ${value}`;
  if (like.type === 'error' && /^[A-Z]+ /.test(value)) return `(error) ${value}`;
  if (like.type === 'status' && !/[\r\n"]/.test(value)) return value;
  return quoteBulk(value);
}

/** The reply element the check's [n] path names, or why there is none. */
function follow(check: Check, reply: Reply): Reply | Picked {
  let at = reply;
  let label: string = check.argv[0] ?? '';
  for (const n of check.path) {
    if (at.type !== 'array') return broken(`${label} is not an array: ${oneLine(at)}`);
    const next = at.items[n - 1];
    if (!next) return absent(`no ${label}[${n}] (${label} has ${at.items.length} element${at.items.length === 1 ? '' : 's'})`);
    label += `[${n}]`;
    at = next;
  }
  return at;
}

export function pick(check: Check, reply: Reply): { picked: Picked; target: Reply | null } {
  const target = follow(check, reply);
  if ('found' in target) return { picked: target, target: null };
  const s = check.selector;
  const found = (value: string): Picked => ({ found: true, value, shown: showValue(check, value, target) });
  if (s.kind === 'length') return { picked: target.type === 'array' ? found(String(target.items.length)) : broken(`not an array: ${oneLine(target)}`), target };
  if (s.kind === 'reply') {
    const value = scalar(target);
    return { picked: value === null ? broken(`${oneLine(target)}: pick one element with ${check.argv[0]}[n]`) : found(value), target };
  }
  if (target.type !== 'bulk' && target.type !== 'status') return { picked: broken(oneLine(target)), target };
  const lines = textLines(target.text);
  switch (s.kind) {
    case 'lines':
      return { picked: found(String(lines.length)), target };
    case 'line': {
      const line = lines[s.n - 1];
      return { picked: line === undefined ? absent(`no line ${s.n} (${lines.length} line${lines.length === 1 ? '' : 's'})`) : found(line), target };
    }
    case 'line-of': {
      const line = lines.find((l) => (l.split(' ')[1] ?? '').startsWith(`${s.address}@`));
      return { picked: line === undefined ? absent(`no line for ${s.node} (${s.address})`) : found(line), target };
    }
    case 'field': {
      const line = lines.find((l) => !l.startsWith('#') && l.startsWith(`${s.name}:`));
      return { picked: line === undefined ? absent(`no ${s.name} field`) : found(line.slice(s.name.length + 1)), target };
    }
  }
}
