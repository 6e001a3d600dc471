/**
 * Splitting a console line into command arguments exactly as redis-cli does, and the inverse:
 * quoting an argument so that it splits back unchanged.
 *
 * Arguments are byte strings (protocol/bytes.ts): typed text becomes its UTF-8 bytes and a `\xHH`
 * escape names one byte, so `"\xc3\xa9"` and `"é"` give the same argument, as they give the same
 * bytes in redis-cli, and `"\xff"` is the single byte 0xff.
 */
import { utf8ToBytes, validUtf8 } from '../protocol/bytes.ts';

export type SplitResult = { ok: true; args: string[] } | { ok: false; error: string };

/** What redis-cli prints when its splitter rejects a line (redis-cli.c repl). */
export const INVALID_ARGUMENTS = 'Invalid argument(s)';

type Scan =
  | { kind: 'ok'; args: string[] }
  | { kind: 'unterminated-quote' }
  | { kind: 'text-after-closing-quote' };

// C isspace() in the C locale: blanks between arguments and after a closing quote.
const isCSpace = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r';

// sds.c sdssplitargs: inside an unquoted token only these end it (\v and \f are kept).
const endsUnquotedToken = (ch: string): boolean =>
  ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';

const isHexDigit = (ch: string | undefined): boolean => ch !== undefined && /^[0-9a-fA-F]$/.test(ch);

const DOUBLE_QUOTE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  a: '\x07',
};

/** Accumulates one argument (a byte string) from literal characters and escaped bytes. */
class TokenBuilder {
  private bytes = '';
  /** Literal text not yet encoded: a surrogate pair arrives as two units and encodes as one. */
  private text = '';

  addChar(ch: string): void {
    this.text += ch;
  }

  addByte(byte: number): void {
    this.flushText();
    this.bytes += String.fromCharCode(byte);
  }

  finish(): string {
    this.flushText();
    return this.bytes;
  }

  private flushText(): void {
    if (this.text === '') return;
    this.bytes += utf8ToBytes(this.text);
    this.text = '';
  }
}

const DOUBLE_QUOTED_STOP = /["\\]/g;

/** Where the plain text inside double quotes that starts at `p` ends: the next quote or backslash. */
export function plainRunEnd(line: string, p: number): number {
  DOUBLE_QUOTED_STOP.lastIndex = p;
  return DOUBLE_QUOTED_STOP.exec(line) === null ? line.length : DOUBLE_QUOTED_STOP.lastIndex - 1;
}

// sds.c sdssplitargs, read upstream and reimplemented; the C loop stops at NUL, so a NUL ends
// the input here too. A newline inside quotes is kept, which lets a quoted argument span lines.
function scan(input: string): Scan {
  const nul = input.indexOf('\0');
  const line = nul === -1 ? input : input.slice(0, nul);
  const args: string[] = [];
  let p = 0;
  for (;;) {
    while (p < line.length && isCSpace(line[p])) p++;
    if (p >= line.length) return { kind: 'ok', args };

    const token = new TokenBuilder();
    let inDouble = false;
    let inSingle = false;
    let done = false;
    while (!done) {
      const ch = line[p];
      if (inDouble) {
        if (ch === undefined) return { kind: 'unterminated-quote' };
        // A run of plain characters (most of a pasted payload) is taken in one piece.
        const run = plainRunEnd(line, p);
        if (run > p + 1) {
          token.addChar(line.slice(p, run));
          p = run;
          continue;
        }
        if (ch === '\\' && line[p + 1] === 'x' && isHexDigit(line[p + 2]) && isHexDigit(line[p + 3])) {
          token.addByte(parseInt(line.slice(p + 2, p + 4), 16));
          p += 3;
        } else if (ch === '\\' && p + 1 < line.length) {
          p++;
          const escaped = line[p] as string;
          token.addChar(DOUBLE_QUOTE_ESCAPES[escaped] ?? escaped);
        } else if (ch === '"') {
          if (p + 1 < line.length && !isCSpace(line[p + 1])) return { kind: 'text-after-closing-quote' };
          done = true;
        } else {
          token.addChar(ch);
        }
      } else if (inSingle) {
        if (ch === undefined) return { kind: 'unterminated-quote' };
        if (ch === '\\' && line[p + 1] === "'") {
          p++;
          token.addChar("'");
        } else if (ch === "'") {
          if (p + 1 < line.length && !isCSpace(line[p + 1])) return { kind: 'text-after-closing-quote' };
          done = true;
        } else {
          token.addChar(ch);
        }
      } else if (ch === undefined || endsUnquotedToken(ch)) {
        done = true;
      } else if (ch === '"') {
        inDouble = true;
      } else if (ch === "'") {
        inSingle = true;
      } else {
        token.addChar(ch);
      }
      if (p < line.length) p++;
    }
    args.push(token.finish());
  }
}

/** Splits a console line (possibly several physical lines) into arguments, as redis-cli does. */
export function splitArgs(line: string): SplitResult {
  const result = scan(line);
  return result.kind === 'ok' ? { ok: true, args: result.args } : { ok: false, error: INVALID_ARGUMENTS };
}

/** True while `text` ends inside an open quote: a reader should append the next line and retry. */
export function needsMoreInput(text: string): boolean {
  return scan(text).kind === 'unterminated-quote';
}

// Printable ASCII other than space, quotes and backslash, or any non-ASCII character.
const PLAIN_TOKEN = /^[^\x00-\x20\x7f"'\\]+$/;

const QUOTED_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\x07': '\\a',
  '\b': '\\b',
};

/**
 * A console token that splits back to exactly `arg`, on one line: plain tokens stay bare,
 * anything else is double-quoted with sdscatrepr-style escapes (newlines become `\n`).
 */
export function quoteArg(arg: string): string {
  // Valid UTF-8 is written as its text; other bytes above 0x7f as \xHH escapes.
  const text = validUtf8(arg);
  const shown = text ?? arg;
  if (text !== null && PLAIN_TOKEN.test(text)) return text;
  let out = '"';
  for (const ch of shown) {
    const code = ch.charCodeAt(0);
    const escape = QUOTED_ESCAPES[ch];
    if (escape !== undefined) out += escape;
    else if (code < 0x20 || code === 0x7f || (text === null && code >= 0x80)) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Joins arguments into one console line that splits back to `args`. */
export function joinArgs(args: readonly string[]): string {
  return args.map(quoteArg).join(' ');
}
