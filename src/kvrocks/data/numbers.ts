/** C number conversions Kvrocks' string counters go through (strtod, fmt "{:.17g}", std::to_string). */
import { isCSpace } from '../cluster/text.ts';

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const SPECIAL = /^[+-]?(?:inf(?:inity)?|nan)/i;

/**
 * K-2024 parse_util.h ParseFloat: strtod over the whole text (leading whitespace allowed), failing
 * on nothing parsed, ERANGE (overflow, or underflow to a denormal or zero) and trailing bytes.
 * Hexadecimal floats are not read here.
 */
export function parseCDouble(text: string): number | null {
  let i = 0;
  while (i < text.length && isCSpace(text.charAt(i))) i++;
  const rest = text.slice(i);
  const special = SPECIAL.exec(rest);
  const decimal = DECIMAL.exec(rest);
  const match = special ?? decimal;
  if (!match || match[0].length !== rest.length) return null;
  const word = match[0].replace(/^[+-]/, '').toLowerCase();
  const negative = match[0].startsWith('-');
  if (special) return word === 'nan' ? NaN : negative ? -Infinity : Infinity;
  const value = Number(match[0]);
  if (!Number.isFinite(value)) return null;
  if (value !== 0 && Math.abs(value) < 2.2250738585072014e-308) return null;
  if (value === 0 && /[1-9]/.test(match[0].split(/[eE]/)[0]!)) return null;
  return value;
}

/** util::Float2String: "inf"/"-inf", else fmt's "{:.17g}". */
export function float2String(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (Number.isNaN(d)) return 'nan';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const exponent = Number(d.toExponential(16).split('e')[1]);
  if (exponent < -4 || exponent >= 17) {
    const [mantissa, exp] = d.toExponential(16).split('e');
    const e = Number(exp);
    return `${stripZeros(mantissa!)}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return stripZeros(d.toFixed(16 - exponent));
}

const stripZeros = (digits: string): string => (digits.includes('.') ? digits.replace(/\.?0+$/, '') : digits);

/** std::to_string(double): printf "%f". */
export function toStdString(d: number): string {
  if (Number.isNaN(d)) return d < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(d)) return d < 0 ? '-inf' : 'inf';
  const text = Math.abs(d) < 1e21 ? d.toFixed(6) : BigInt(Math.trunc(d)).toString() + '.000000';
  return Object.is(d, -0) ? `-${text}` : text;
}
