/**
 * Byte-level string helpers that mirror the small kvrocks utilities the cluster code leans on.
 * Kvrocks works on `std::string` bytes; a JS string is treated as its UTF-8 encoding.
 */

const encoder = new TextEncoder();

/** The UTF-8 bytes of a string (kvrocks hashes and measures bytes, not UTF-16 units). */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** `std::string::size()` of the UTF-8 encoding, e.g. for the 40-byte node id check. */
export function utf8ByteLength(text: string): number {
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      length += 4;
      i++;
    } else length += 3; // BMP char, or a lone surrogate encoded as U+FFFD
  }
  return length;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
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
