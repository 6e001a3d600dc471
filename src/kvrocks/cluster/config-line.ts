/**
 * One `key value` line of a kvrocks config-style file (kvrocks.conf, nodes.conf): `#` comments,
 * an optional quoted value with escapes, unquoted values trimmed at the end.
 * // K-2024 src/config/config_util.cc ParseConfigLine
 */
import { isCSpace } from './text.ts';

export type ConfigLineResult =
  | { readonly ok: true; readonly key: string; readonly value: string }
  | { readonly ok: false; readonly error: string };

type Mode = 'preKey' | 'key' | 'afterKey' | 'plain' | 'quoted' | 'escape' | 'afterValue' | 'error';

const ESCAPES: Readonly<Record<string, string>> = {
  "'": "'", '"': '"', '\\': '\\', t: '\t', r: '\r', n: '\n', v: '\v', f: '\f', b: '\b',
};
const TRIMMED = ' \t\r\n\v\f\b';

function trimEnds(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && TRIMMED.includes(text.charAt(start))) start++;
  while (end > start && TRIMMED.includes(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

export function parseConfigLine(line: string): ConfigLineResult {
  let mode: Mode = 'preKey';
  let quote = '';
  let current = '';
  let key = '';
  let value = '';
  for (let i = 0; i < line.length; ) {
    const char = line.charAt(i);
    switch (mode) {
      case 'preKey':
        if (isCSpace(char)) i++;
        else if (char === '#') i = line.length;
        else mode = 'key';
        break;
      case 'key':
        if (isCSpace(char)) [key, current, mode] = [current, '', 'afterKey'];
        else if (char === '#') [key, i] = [current, line.length];
        else [current, i] = [current + char, i + 1];
        break;
      case 'afterKey':
        if (isCSpace(char)) i++;
        else if (char === '"' || char === "'") [mode, quote, i] = ['quoted', char, i + 1];
        else if (char === '#') i = line.length;
        else mode = 'plain';
        break;
      case 'plain':
        if (char === '#') i = line.length; // the value ends here and is trimmed below
        else [current, i] = [current + char, i + 1];
        break;
      case 'quoted':
        if (char === '\\') mode = 'escape';
        else if (char === quote) [value, mode] = [current, 'afterValue'];
        else current += char;
        i++;
        break;
      case 'escape':
        current += ESCAPES[char] ?? ''; // unknown escapes are dropped
        mode = 'quoted';
        i++;
        break;
      case 'afterValue':
        if (isCSpace(char)) i++;
        else if (char === '#') i = line.length;
        else mode = 'error';
        break;
      case 'error':
        i = line.length;
        break;
    }
  }
  if (mode === 'key') key = current;
  else if (mode === 'plain') value = trimEnds(current);
  else if (mode === 'quoted' || mode === 'escape') return { ok: false, error: 'config line ends unexpectedly in quoted string' };
  else if (mode === 'error') return { ok: false, error: 'more than 2 item in config line' };
  return { ok: true, key, value };
}
