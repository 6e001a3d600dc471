// Glob matching as K-2024 src/common/string_util.cc StringMatchLen does it (CONFIG GET patterns),
// including the cases checked against the real server in test/conformance/cases/config-get-patterns.kvlab.
import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/kvrocks/glob.ts';

describe('globMatch', () => {
  it.each([
    ['*', 'port', true],
    ['**', 'port', true],
    ['p?rt', 'port', true],
    ['p?rt', 'prt', false],
    ['max*', 'maxclients', true],
    ['*-cron', 'compact-cron', true],
    ['*a*b*c*', 'auto-resize-block-and-sst', true],
    ['*a*b*c*', 'port', false],
    ['', 'port', false],
    ['\\*', 'port', false],
    ['\\*', '*', true],
  ])('%j against %j: %s', (pattern, text, expected) => {
    expect(globMatch(pattern, text, true)).toBe(expected);
  });

  it('brackets: sets, negation, ranges in either order, case folding', () => {
    expect(globMatch('[P]ort', 'port', true)).toBe(true);
    expect(globMatch('[P]ort', 'port', false)).toBe(false);
    expect(globMatch('[r-p]ort', 'port', true)).toBe(true);
    expect(globMatch('slave-[a-p]*', 'slave-priority', true)).toBe(true);
    expect(globMatch('slave-[a-p]*', 'slave-read-only', true)).toBe(false);
    expect(globMatch('[^a-r]*', 'slaveof', true)).toBe(true);
    expect(globMatch('[^a-r]*', 'port', true)).toBe(false);
    expect(globMatch('*[^a-z]', 'port', true)).toBe(false);
  });

  it('an escaped character inside brackets is compared case-sensitively even when nocase', () => {
    expect(globMatch('[\\P]ort', 'port', true)).toBe(false);
    expect(globMatch('[\\p]ort', 'port', true)).toBe(true);
  });

  it('an unterminated bracket matches what it listed so far', () => {
    expect(globMatch('por[t', 'port', true)).toBe(true);
    expect(globMatch('[a', 'port', true)).toBe(false);
    expect(globMatch('s[a', 'slaveof', true)).toBe(false);
  });
});
