// C number conversions behind INCRBYFLOAT (K-2024 parse_util.h ParseFloat, string_util.cc Float2String).
import { describe, expect, it } from 'vitest';
import { float2String, parseCDouble, toStdString } from '../../../src/kvrocks/data/numbers.ts';

describe('float2String is fmt "{:.17g}"', () => {
  it.each([
    [3.5, '3.5'],
    [0.1, '0.10000000000000001'],
    [103.5, '103.5'],
    [1e20, '1e+20'],
    [1e16, '10000000000000000'],
    [1e-20, '9.9999999999999995e-21'],
    [5e-7, '4.9999999999999998e-07'],
    [0.0001, '0.0001'],
    [-2, '-2'],
    [0, '0'],
    [Infinity, 'inf'],
  ])('%s -> %s', (d, text) => expect(float2String(d)).toBe(text));
});

describe('toStdString is printf "%f"', () => {
  it.each([
    [0.1, '0.100000'],
    [3.5, '3.500000'],
    [-0.5, '-0.500000'],
    [1e20, '100000000000000000000.000000'],
  ])('%s -> %s', (d, text) => expect(toStdString(d)).toBe(text));
});

describe('parseCDouble is strtod over the whole text', () => {
  it.each([
    ['1.5', 1.5],
    [' 2', 2],
    ['1e2', 100],
    ['.5', 0.5],
    ['-inf', -Infinity],
    ['abc', null],
    ['1.5x', null],
    ['', null],
    ['1e400', null],
    ['1e-400', null],
  ])('%j -> %s', (text, value) => expect(parseCDouble(text)).toBe(value));
});
