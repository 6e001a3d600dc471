/**
 * Byte-level string helpers that mirror the small kvrocks utilities the cluster code leans on.
 * Kvrocks works on `std::string` bytes; model strings are byte strings (protocol/bytes.ts).
 */
export { stringToBytes } from '../../protocol/bytes.ts';

/** `std::string::size()`: a byte string has one unit per byte (e.g. the 40-byte node id check). */
export function byteLength(bytes: string): number {
  return bytes.length;
}

/**
 * Split on any of the delimiter characters, dropping empty pieces.
 * // K-2024 src/common/string_util.cc Split (find_first_of, skips empty elements)
 */
export function splitNonEmpty(text: string, delimiters: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || delimiters.includes(text.charAt(i))) {
      if (i > start) pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return pieces;
}

/**
 * ASCII-only case-insensitive equality (non-ASCII characters must match exactly).
 * // K-2024 src/common/string_util.h EqualICase (std::tolower per byte, C locale)
 */
export function equalsIgnoreAsciiCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (lowerAscii(a.charCodeAt(i)) !== lowerAscii(b.charCodeAt(i))) return false;
  }
  return true;
}

function lowerAscii(unit: number): number {
  return unit >= 0x41 && unit <= 0x5a ? unit + 0x20 : unit;
}

/** C `isspace` in the C locale: space, \t, \n, \v, \f, \r. */
export function isCSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\v' || char === '\f' || char === '\r';
}
