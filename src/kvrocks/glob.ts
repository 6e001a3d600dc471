/**
 * Glob matching with Kvrocks' rules (the Redis dialect): `*`, `?`, `[abc]`, `[^a-z]`, `\x`.
 * // K-2024 src/common/string_util.cc StringMatchLen
 * Quirks kept on purpose: an unterminated `[` matches what it listed so far; inside brackets an
 * escaped character is compared case-sensitively even when `nocase`; case folding is ASCII only.
 */

const lower = (c: string | undefined) => (c !== undefined && c >= 'A' && c <= 'Z' ? c.toLowerCase() : c);

export function globMatch(pattern: string, text: string, nocase = false): boolean {
  return matchFrom(pattern, 0, text, 0, nocase);
}

function matchFrom(p: string, pi: number, s: string, si: number, nocase: boolean): boolean {
  const same = (a: string | undefined, b: string | undefined) => (nocase ? lower(a) === lower(b) : a === b);
  while (pi < p.length && si < s.length) {
    const c = p[pi];
    if (c === '*') {
      while (p[pi + 1] === '*') pi++;
      if (pi === p.length - 1) return true;
      for (; si < s.length; si++) if (matchFrom(p, pi + 1, s, si, nocase)) return true;
      return false;
    }
    if (c === '?') {
      si++;
    } else if (c === '[') {
      const end = matchBracket(p, pi + 1, s[si]!, nocase, same);
      if (!end.matched) return false;
      pi = end.at;
      si++;
    } else {
      if (c === '\\' && p.length - pi >= 2) pi++;
      if (!same(p[pi], s[si])) return false;
      si++;
    }
    pi++;
    if (si === s.length) {
      while (p[pi] === '*') pi++;
      break;
    }
  }
  return pi === p.length && si === s.length;
}

/** A `[...]` set starting after the `[`: whether `ch` is in it, and where the set's last char is. */
function matchBracket(
  p: string,
  start: number,
  ch: string,
  nocase: boolean,
  same: (a: string | undefined, b: string | undefined) => boolean,
): { matched: boolean; at: number } {
  let pi = start;
  const negate = p[pi] === '^';
  if (negate) pi++;
  let matched = false;
  for (;;) {
    if (p[pi] === '\\' && p.length - pi >= 2) {
      pi++;
      if (p[pi] === ch) matched = true;
    } else if (p[pi] === ']') {
      break;
    } else if (pi >= p.length) {
      pi--; // unterminated: the caller's step lands on the end of the pattern
      break;
    } else if (p[pi + 1] === '-' && p.length - pi >= 3) {
      let [from, to] = [p[pi]!, p[pi + 2]!];
      if (from > to) [from, to] = [to, from];
      const c = nocase ? lower(ch)! : ch;
      if (nocase) [from, to] = [lower(from)!, lower(to)!];
      if (c >= from && c <= to) matched = true;
      pi += 2;
    } else if (same(p[pi], ch)) {
      matched = true;
    }
    pi++;
  }
  return { matched: negate ? !matched : matched, at: pi };
}
