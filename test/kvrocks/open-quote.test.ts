// open-quote.ts reads a script a line at a time and must agree with args.ts, which rescans the
// whole text: the two answer "is a quote still open?" alike on every input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { needsMoreInput } from '../../src/kvrocks/args.ts';
import { isOpen, readQuotes, START, type QuoteState } from '../../src/kvrocks/open-quote.ts';

/** The state after the lines joined by newlines, read a line at a time. */
function afterLines(lines: readonly string[]): QuoteState {
  let state = readQuotes(START, lines[0] ?? '');
  for (const line of lines.slice(1)) state = readQuotes(readQuotes(state, '\n'), line);
  return state;
}

// The characters the quoting rules care about, and a few that they do not.
const CHARS = ['a', 'x', '4', 'f', 'G', ' ', '\t', '\v', '\f', '\r', '"', "'", '\\', '\0', '#', 'é'];
const line = fc.array(fc.constantFrom(...CHARS), { maxLength: 12 }).map((chars) => chars.join(''));

describe('readQuotes', () => {
  it('agrees with needsMoreInput on the joined text after every line', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 6 }), (lines) => {
        for (let n = 1; n <= lines.length; n++) {
          const prefix = lines.slice(0, n);
          expect(isOpen(afterLines(prefix))).toBe(needsMoreInput(prefix.join('\n')));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('an escape at a line end keeps the quote open, as a literal newline would', () => {
    expect(isOpen(afterLines(['SET k "a\\', 'b']))).toBe(true);
    expect(isOpen(afterLines(['SET k "a\\x4', '1"']))).toBe(false);
    expect(isOpen(afterLines(["SET k 'it\\'s", "x'"]))).toBe(false);
  });

  it('text after a closing quote stops the splitter: later lines open nothing', () => {
    const state = afterLines(['SET "a"b "open', 'more']);
    expect(state).toEqual({ at: 'stopped', stoppedOpen: false });
  });

  it('a NUL inside a quote leaves it open for good, as the C splitter stops at NUL', () => {
    expect(isOpen(afterLines(['SET k "a\0"', 'b"']))).toBe(true);
    expect(needsMoreInput('SET k "a\0"\nb"')).toBe(true);
  });
});
