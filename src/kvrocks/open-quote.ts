/**
 * Whether a console input is still inside an open quote, read one physical line at a time, so a
 * script splits into inputs in time linear in its length (args.ts `needsMoreInput` rescans the
 * whole text, which made joining a 1,000-line payload quadratic).
 *
 * It follows the quoting rules of args.ts (redis-cli's sds.c sdssplitargs) exactly; a property
 * test checks that feeding lines here agrees with `needsMoreInput` on the joined text.
 */
import { plainRunEnd } from './args.ts';

/**
 * Where the splitter stands: between arguments, inside an unquoted or a quoted argument, or
 * `stopped`: the splitter gave up (text after a closing quote) or met a NUL, after which it reads
 * nothing more; `stoppedOpen` says whether it stopped inside a quote.
 */
export type QuoteState =
  | { readonly at: 'between' | 'token' | 'double' | 'single' }
  | { readonly at: 'stopped'; readonly stoppedOpen: boolean };

export const START: QuoteState = { at: 'between' };

const BETWEEN: QuoteState = { at: 'between' };
const TOKEN: QuoteState = { at: 'token' };
const DOUBLE: QuoteState = { at: 'double' };
const SINGLE: QuoteState = { at: 'single' };

// C isspace() in the C locale, and the characters that end an unquoted token (args.ts).
const isCSpace = (ch: string | undefined): boolean =>
  ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r';
const endsUnquotedToken = (ch: string): boolean => ch === ' ' || ch === '\n' || ch === '\r' || ch === '\t';
const isHexDigit = (ch: string | undefined): boolean => ch !== undefined && /^[0-9a-fA-F]$/.test(ch);

/** True while the input read so far ends inside an open quote. */
export function isOpen(state: QuoteState): boolean {
  return state.at === 'stopped' ? state.stoppedOpen : state.at === 'double' || state.at === 'single';
}

/**
 * The state after reading `text` (a whole physical line, or the newline joining two). A lookahead
 * never needs to cross a line end: what follows a line is `\n`, which is neither a hex digit nor a
 * quote, and an escape that swallows it leaves the argument open exactly as a literal `\n` does.
 */
export function readQuotes(state: QuoteState, text: string): QuoteState {
  if (state.at === 'stopped') return state;
  // The C splitter reads up to the first NUL and no further.
  const nul = text.indexOf('\0');
  if (nul !== -1) return { at: 'stopped', stoppedOpen: isOpen(readQuotes(state, text.slice(0, nul))) };
  let at = state.at;
  for (let p = 0; p < text.length; p++) {
    if (at === 'double') {
      // Most of a pasted payload is plain text inside one quote: jump to the next quote or escape.
      p = plainRunEnd(text, p);
      if (p === text.length) break;
    }
    const ch = text[p]!;
    if (at === 'between') {
      if (isCSpace(ch)) continue;
      at = 'token';
    }
    if (at === 'token') {
      if (endsUnquotedToken(ch)) at = 'between';
      else if (ch === '"') at = 'double';
      else if (ch === "'") at = 'single';
    } else if (at === 'double') {
      if (ch === '\\' && text[p + 1] === 'x' && isHexDigit(text[p + 2]) && isHexDigit(text[p + 3])) p += 3;
      else if (ch === '\\') p++;
      else if (ch === '"') {
        if (p + 1 < text.length && !isCSpace(text[p + 1])) return { at: 'stopped', stoppedOpen: false };
        at = 'between';
        p++; // the blank after the closing quote
      }
    } else if (ch === '\\' && text[p + 1] === "'") {
      p++;
    } else if (ch === "'") {
      if (p + 1 < text.length && !isCSpace(text[p + 1])) return { at: 'stopped', stoppedOpen: false };
      at = 'between';
      p++;
    }
  }
  return at === 'between' ? BETWEEN : at === 'token' ? TOKEN : at === 'double' ? DOUBLE : SINGLE;
}
