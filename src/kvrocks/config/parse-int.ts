/**
 * The integer parsing behind Kvrocks' config fields, with its error texts.
 * // K-2024 src/common/parse_util.h TryParseInt, ParseInt: C strtol/strtoul, then a type check
 * Config fields parse in base 0 (so `0x10` is 16 and `010` is 8; K-2024 src/config/config_type.h
 * IntegerField), sizes with a unit in base 10 (IntWithUnitField). strtol skips leading C
 * whitespace and takes a sign; strtoul negates modulo 2^64.
 */
import { isCSpace } from '../cluster/text.ts';

/** The C++ receiver: `int` and `int64_t` go through strtol, `uint32_t` and `uint64_t` strtoul. */
export type IntType = 'int' | 'int64' | 'uint32' | 'uint64';

export type IntResult = { readonly ok: true; readonly value: bigint } | { readonly ok: false; readonly message: string };

const TWO_POW_63 = 1n << 63n;
const TWO_POW_64 = 1n << 64n;
export const INT_MIN = -(1n << 31n);
export const INT_MAX = (1n << 31n) - 1n;
export const INT64_MAX = TWO_POW_63 - 1n;
export const UINT64_MAX = TWO_POW_64 - 1n;

/** Limits of the receiving type that strto* does not already enforce (`out of range of integer type`). */
const NARROW: Record<IntType, readonly [bigint, bigint] | null> = {
  int: [INT_MIN, INT_MAX],
  int64: null,
  uint32: [0n, 4294967295n],
  uint64: null,
};

const fail = (message: string) => ({ ok: false, message }) as const;

function digitValue(ch: string): number {
  const code = ch.toLowerCase().charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61 + 10;
  return 99;
}

/** TryParseInt: the value and where parsing stopped. */
export function tryParseInt(text: string, type: IntType, base: 0 | 8 | 10): { ok: true; value: bigint; end: number } | { ok: false; message: string } {
  let i = 0;
  while (i < text.length && isCSpace(text.charAt(i))) i++;
  let negative = false;
  if (text[i] === '+' || text[i] === '-') negative = text[i++] === '-';
  let radix: number = base;
  if (base === 0) {
    const hexPrefix = text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && digitValue(text[i + 2] ?? '') < 16;
    if (hexPrefix) i += 2;
    radix = hexPrefix ? 16 : text[i] === '0' ? 8 : 10;
  }
  const start = i;
  let magnitude = 0n;
  while (i < text.length && digitValue(text.charAt(i)) < radix) magnitude = magnitude * BigInt(radix) + BigInt(digitValue(text.charAt(i++)));
  if (i === start) return fail('not started as an integer');

  const unsigned = type === 'uint32' || type === 'uint64';
  let value: bigint;
  if (unsigned) {
    if (magnitude > UINT64_MAX) return fail('Numerical result out of range');
    value = negative ? (TWO_POW_64 - magnitude) % TWO_POW_64 : magnitude;
  } else {
    if (negative ? magnitude > TWO_POW_63 : magnitude > INT64_MAX) return fail('Numerical result out of range');
    value = negative ? -magnitude : magnitude;
  }
  const narrow = NARROW[type];
  if (narrow && (value < narrow[0] || value > narrow[1])) return fail('out of range of integer type');
  return { ok: true, value, end: i };
}

/** ParseInt with a range: the whole text must be the number. */
export function parseConfigInt(text: string, type: IntType, range: readonly [bigint, bigint], base: 0 | 8 | 10 = 0): IntResult {
  const parsed = tryParseInt(text, type, base);
  if (!parsed.ok) return parsed;
  if (parsed.end !== text.length) return fail('encounter non-integer characters');
  if (parsed.value < range[0] || parsed.value > range[1]) return fail('out of numeric range');
  return { ok: true, value: parsed.value };
}

const UNIT_SHIFTS: Readonly<Record<string, bigint>> = { k: 10n, m: 20n, g: 30n, t: 40n, p: 50n };

/** IntWithUnitField<uint64_t>::ReadFrom: `512`, `1k`, `2M`, ... in bytes. */
export function parseSize(text: string, range: readonly [bigint, bigint]): IntResult {
  const parsed = tryParseInt(text, 'uint64', 10);
  if (!parsed.ok) return parsed;
  const rest = text.slice(parsed.end);
  let value = parsed.value;
  if (rest !== '') {
    const shift = rest.length === 1 ? UNIT_SHIFTS[rest.toLowerCase()] : undefined;
    if (shift === undefined) return fail(`encounter unexpected unit: \`${rest}\``);
    // K-2024 src/common/bit_util.h CheckedShiftLeft
    if (value > UINT64_MAX >> shift) return fail('arithmetic overflow');
    value <<= shift;
  }
  if (value < range[0] || value > range[1]) return fail(`this config value should be between ${range[0]} and ${range[1]}`);
  return { ok: true, value };
}
