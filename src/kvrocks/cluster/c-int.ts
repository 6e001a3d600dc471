/**
 * Integer parsing with exactly the acceptance rules and error texts of kvrocks' `ParseInt<T>`,
 * which wraps C `strtol`/`strtoul` in base 10 (K-2024 src/common/parse_util.h ParseInt).
 * Consequences worth knowing: leading C whitespace and a `+`/`-` sign are accepted, leading zeros
 * are fine, `strtoul` wraps negatives (so port `-0` is 0), and trailing bytes are rejected.
 */
import { isCSpace } from './text.ts';

/** The C++ target type: `int` (via strtol), `int64_t` (strtol), `uint16_t` (strtoul). */
export type CIntType = 'int' | 'int64' | 'uint16' | 'uint32' | 'uint64';

export type CIntResult = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly message: string };

const TWO_POW_63 = 1n << 63n;
const TWO_POW_64 = 1n << 64n;

const TYPE_LIMITS: Record<CIntType, readonly [bigint, bigint] | null> = {
  int: [-(1n << 31n), (1n << 31n) - 1n],
  int64: null, // strtol already returns a 64-bit long: no narrowing check
  uint16: [0n, 65535n],
  uint32: [0n, 4294967295n],
  uint64: null, // strtoul already returns a 64-bit unsigned long
};

function fail(message: string): { readonly ok: false; readonly message: string } {
  return { ok: false, message };
}

/**
 * Parse `text` as the given C++ type, optionally within an inclusive numeric range.
 * Messages, in the order upstream checks them: `not started as an integer`, strerror(ERANGE)
 * `Numerical result out of range`, `out of range of integer type`,
 * `encounter non-integer characters`, `out of numeric range`.
 */
export function parseCInt(text: string, type: CIntType, range?: readonly [number, number]): CIntResult {
  const big = parseCIntBig(text, type, range);
  return big.ok ? { ok: true, value: Number(big.value) } : big;
}

export type CBigIntResult = { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly message: string };

/** The same, keeping all 64 bits (cluster versions are int64_t). */
export function parseCIntBig(text: string, type: CIntType, range?: readonly [number, number]): CBigIntResult {
  let i = 0;
  while (i < text.length && isCSpace(text.charAt(i))) i++;
  let negative = false;
  const sign = text.charAt(i);
  if (sign === '+' || sign === '-') {
    negative = sign === '-';
    i++;
  }
  const digitsStart = i;
  while (i < text.length && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
  if (i === digitsStart) return fail('not started as an integer');

  const magnitude = BigInt(text.slice(digitsStart, i));
  let value: bigint;
  if (type === 'uint16' || type === 'uint32' || type === 'uint64') {
    // strtoul: overflow past ULONG_MAX is ERANGE; a '-' negates modulo 2^64
    if (magnitude >= TWO_POW_64) return fail('Numerical result out of range');
    value = negative ? (TWO_POW_64 - magnitude) % TWO_POW_64 : magnitude;
  } else {
    if (negative ? magnitude > TWO_POW_63 : magnitude >= TWO_POW_63) return fail('Numerical result out of range');
    value = negative ? -magnitude : magnitude;
  }

  const limits = TYPE_LIMITS[type];
  if (limits !== null && (value < limits[0] || value > limits[1])) return fail('out of range of integer type');
  if (i !== text.length) return fail('encounter non-integer characters');

  if (range !== undefined && (value < BigInt(range[0]) || value > BigInt(range[1]))) return { ok: false, message: 'out of numeric range' };
  return { ok: true, value };
}
