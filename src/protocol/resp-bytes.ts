/** Byte helpers of the request reader (resp-request.ts): Kvrocks' length parsing, and joining the pieces of a line or bulk. */

/**
 * Kvrocks' ParseInt (strtoll/strtoull): leading C isspace() and a sign allowed, at least one digit,
 * nothing after the digits. NaN when it does not parse; a minus sign only when `signed`.
 * // K-2024 src/common/parse_util.h ParseInt, as Request::Tokenize calls it
 */
export function parseLength(bytes: Uint8Array, start: number, end: number, signed: boolean): number {
  let i = start;
  while (i < end && (bytes[i] === 0x20 || (bytes[i]! >= 0x09 && bytes[i]! <= 0x0d))) i++;
  let negative = false;
  if (i < end && (bytes[i] === 0x2b || (signed && bytes[i] === 0x2d))) negative = bytes[i++] === 0x2d;
  if (i === end) return NaN;
  let value = 0;
  for (; i < end; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** `parts` one after another in `target` (which holds at least their total length). */
export function concatInto(target: Uint8Array, parts: readonly Uint8Array[]): Uint8Array {
  let at = 0;
  for (const part of parts) {
    target.set(part, at);
    at += part.length;
  }
  return target;
}

/** `parts` as one array of `length` bytes (the part itself when there is one). */
export const concat = (parts: readonly Uint8Array[], length: number): Uint8Array => (parts.length === 1 ? parts[0]! : concatInto(new Uint8Array(length), parts));
