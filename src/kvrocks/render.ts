/**
 * Rendering replies exactly as redis-cli 7.0 (Debian bookworm's redis-tools) prints them on a
 * terminal, checked against the real binary in a tmux TTY (see test/kvrocks/render.test.ts).
 *
 * The result is the text redis-cli writes for the reply, with CRLF as LF and without the one
 * newline that ends the output: the console prints it as lines, then the next prompt. redis-cli
 * never adds a blank line of its own: `INFO server` ends with `\r\n`, which is just the end of its
 * last line, and the prompt follows directly. An empty result means redis-cli printed nothing
 * (raw nil, raw empty bulk). A raw reply that does not end in a newline (e.g. a raw integer) is
 * returned as written, although on a real terminal linenoise's prompt redraw (`\r\x1b[0K`) then
 * erases that last partial line.
 */
import { bytesToUtf8 } from '../protocol/bytes.ts';
import type { Reply } from '../protocol/reply.ts';

const same = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b;

/**
 * Commands whose reply redis-cli prints raw (unquoted, and errors without `(error) `).
 * redis-cli.c cliSendCommand (7.0.15): the `output_raw` condition, argument counts included.
 */
export function isRawOutputCommand(argv: readonly string[]): boolean {
  const [command, sub] = argv;
  const argc = argv.length;
  if (same(command, 'info') || same(command, 'lolwut')) return true;
  if (argc < 2) return false;
  if (same(command, 'debug')) {
    return same(sub, 'htstats') || same(sub, 'htstats-key') || same(sub, 'client-eviction');
  }
  if (same(command, 'memory')) return same(sub, 'malloc-stats') || same(sub, 'doctor');
  if (same(command, 'cluster')) return argc === 2 && (same(sub, 'nodes') || same(sub, 'info'));
  if (same(command, 'client')) return same(sub, 'list') || same(sub, 'info');
  if (same(command, 'latency')) {
    return (argc === 3 && same(sub, 'graph')) || (argc === 2 && same(sub, 'doctor'));
  }
  if (same(command, 'proxy')) return same(sub, 'info');
  return false;
}

const REPR_ESCAPES: Readonly<Record<number, string>> = {
  0x5c: '\\\\',
  0x22: '\\"',
  0x0a: '\\n',
  0x0d: '\\r',
  0x09: '\\t',
  0x07: '\\a',
  0x08: '\\b',
};

/** sds.c sdscatrepr: quoted, escaped byte by byte; C-locale isprint() is 0x20..0x7e. */
export function quoteBulk(bytes: string): string {
  let out = '"';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes.charCodeAt(i);
    const escape = REPR_ESCAPES[byte];
    if (escape !== undefined) out += escape;
    else if (byte >= 0x20 && byte <= 0x7e) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}"`;
}

// %lld of a 64-bit integer: never exponent notation.
function formatInteger(value: number): string {
  return Number.isFinite(value) ? BigInt(Math.trunc(value)).toString() : String(value);
}

// Status and error lines go through C string functions (%s, strlen), which stop at a NUL; the
// terminal shows the bytes written as UTF-8.
const untilNul = (bytes: string): string => {
  const nul = bytes.indexOf('\0');
  return bytesToUtf8(nul === -1 ? bytes : bytes.slice(0, nul));
};

/** redis-cli.c cliFormatReplyTTY: every entry ends in a newline; arrays numbered and indented. */
function formatTty(reply: Reply, prefix: string): string {
  switch (reply.type) {
    case 'error':
      return `(error) ${untilNul(reply.text)}\n`;
    case 'status':
      return `${untilNul(reply.text)}\n`;
    case 'integer':
      return `(integer) ${formatInteger(reply.value)}\n`;
    case 'bulk':
      return `${quoteBulk(reply.text)}\n`;
    case 'nil':
      return '(nil)\n';
    case 'array': {
      if (reply.items.length === 0) return '(empty array)\n';
      // Index numbers are right-aligned to the width of the item count; a nested entry's
      // later lines are indented by that width plus ") ".
      const indexWidth = String(reply.items.length).length;
      const nestedPrefix = prefix + ' '.repeat(indexWidth + 2);
      return reply.items
        .map((item, i) => {
          const index = String(i + 1).padStart(indexWidth);
          return `${i === 0 ? '' : prefix}${index}) ${formatTty(item, nestedPrefix)}`;
        })
        .join('');
    }
  }
}

/** redis-cli.c cliFormatReplyRaw: text as-is, array items joined by "\n" (the default --d). */
function formatRaw(reply: Reply): string {
  switch (reply.type) {
    case 'nil':
      return '';
    case 'error':
      return `${bytesToUtf8(reply.text)}\n`;
    case 'status':
    case 'bulk':
      return bytesToUtf8(reply.text);
    case 'integer':
      return formatInteger(reply.value);
    case 'array':
      return reply.items.map(formatRaw).join('\n');
  }
}

/** Renders `reply` as redis-cli shows it on a terminal; `argv` is the command that produced it. */
export function renderReply(reply: Reply, argv: readonly string[] = []): string {
  const written = isRawOutputCommand(argv) ? formatRaw(reply) : formatTty(reply, '');
  const shown = written.replace(/\r\n/g, '\n');
  return shown.endsWith('\n') ? shown.slice(0, -1) : shown;
}
