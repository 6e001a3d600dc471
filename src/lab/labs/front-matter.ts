/**
 * The front matter of a lab file: a tiny, strict subset of YAML. Every file it accepts reads the
 * same in any YAML parser (so GitHub's preview and a reviewer agree with the lab), and everything
 * else is refused with a line number: unknown or repeated keys, tabs, values YAML would read
 * differently (`key: yes`, `a: b` inside a plain value, a leading `@`), anchors, nesting.
 */
import { LabError } from './types.ts';

export interface FrontValue {
  readonly line: number;
  /** A scalar, or the items of a list (flow `[a, b]` or block `- item` lines). */
  readonly value: string | readonly { readonly line: number; readonly text: string }[];
}

export interface FrontMatter {
  readonly values: ReadonlyMap<string, FrontValue>;
  /** 0-based index of the first line after the closing `---`. */
  readonly bodyStart: number;
}

const KEY = /^([A-Za-z_][\w-]*):(?:[ ]+(.*))?$/;
const RESERVED_START = /^(?:[&*!|>%@`{}\],#]|[-?:](?: |$))/;
const YAML_NON_STRINGS = /^(?:y|n|yes|no|true|false|on|off|null|~)$/i;

export function parseFrontMatter(lines: readonly string[], file: string, known: readonly string[]): FrontMatter {
  const fail = (index: number, reason: string): never => {
    throw new LabError(file, index + 1, reason);
  };
  if ((lines[0] ?? '').trimEnd() !== '---') fail(0, "a lab starts with front matter: a line '---', then 'key: value' lines, then '---'");
  let end = -1;
  for (let i = 1; i < lines.length; i++) {
    if (lines[i]!.trimEnd() === '---') {
      end = i;
      break;
    }
  }
  if (end < 0) fail(0, "front matter is not closed: no second '---' line");
  const values = new Map<string, { line: number; value: string | { line: number; text: string }[] }>();
  let listKey: string | null = null;
  for (let i = 1; i < end; i++) {
    const raw = lines[i]!;
    if (raw.includes('\t')) fail(i, 'tabs are not allowed in front matter (YAML forbids them as indentation)');
    const text = raw.trimEnd();
    if (text.trim() === '' || text.trimStart().startsWith('#')) continue;
    if (text.startsWith(' ')) {
      const item = /^ +- (.*)$/.exec(text) ?? /^ +-$/.exec(text);
      const entry = listKey === null ? undefined : values.get(listKey);
      if (!item || !entry || typeof entry.value === 'string') fail(i, "unexpected indented line: only '  - item' lines under a key with no value of its own");
      (entry!.value as { line: number; text: string }[]).push({ line: i + 1, text: scalar(item![1] ?? '', i) });
      continue;
    }
    const match = KEY.exec(text);
    if (!match) fail(i, "expected 'key: value' (a space after the colon)");
    const key = match![1]!;
    if (!known.includes(key)) fail(i, `unknown front-matter key '${key}': known keys are ${known.join(', ')}`);
    if (values.has(key)) fail(i, `'${key}' is given twice`);
    const rest = (match![2] ?? '').trim();
    if (rest === '') {
      values.set(key, { line: i + 1, value: [] });
      listKey = key;
    } else {
      values.set(key, { line: i + 1, value: rest.startsWith('[') ? flowList(rest, i) : scalar(rest, i) });
      listKey = null;
    }
  }
  for (const [key, entry] of values) {
    if (Array.isArray(entry.value) && entry.value.length === 0) fail(entry.line - 1, `'${key}' has no value`);
  }
  return { values, bodyStart: end + 1 };

  function scalar(source: string, index: number): string {
    const text = source.trim();
    if (text.startsWith('"')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (typeof parsed === 'string') return parsed;
      } catch {
        // reported below
      }
      return fail(index, `bad double-quoted value ${text}: it must end with '"', with \\" for a quote inside`);
    }
    if (text.startsWith("'")) {
      if (text.length < 2 || !text.endsWith("'") || text.slice(1, -1).replace(/''/g, '').includes("'")) {
        return fail(index, `bad single-quoted value ${text}: it must end with "'", with '' for a quote inside`);
      }
      return text.slice(1, -1).replace(/''/g, "'");
    }
    if (text === '') return fail(index, 'empty value');
    if (RESERVED_START.test(text) || text.startsWith('[')) return fail(index, `a value starting with '${text[0]}' must be quoted, e.g. '${text}'`);
    if (/: |:$| #/.test(text)) return fail(index, `quote a value that contains ': ' or ' #', e.g. "${text.replace(/"/g, '\\"')}"`);
    if (YAML_NON_STRINGS.test(text)) return fail(index, `quote '${text}': YAML would read it as a boolean or null`);
    return text;
  }

  function flowList(text: string, index: number): { line: number; text: string }[] {
    if (!text.endsWith(']')) return fail(index, "a list written [a, b] must end with ']'");
    const inner = text.slice(1, -1).trim();
    if (inner === '') return [];
    return inner.split(',').map((item) => {
      const value = item.trim();
      if (!/^[\w.-]+$/.test(value)) fail(index, `list item '${value}': items of a [a, b] list are plain words; use '- item' lines for anything else`);
      return { line: index + 1, text: value };
    });
  }
}
