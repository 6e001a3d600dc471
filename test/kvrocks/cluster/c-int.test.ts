import { describe, expect, it } from 'vitest';
import { parseCInt } from '../../../src/kvrocks/cluster/c-int.ts';

const value = (text: string, type: 'int' | 'int64' | 'uint16', range?: [number, number]) => {
  const result = parseCInt(text, type, range);
  return result.ok ? result.value : result.message;
};

describe('parseCInt (ParseInt<T> over strtol/strtoul, base 10)', () => {
  it('accepts signs, leading zeros and leading C whitespace', () => {
    expect(value('42', 'int')).toBe(42);
    expect(value('+42', 'int')).toBe(42);
    expect(value('-42', 'int')).toBe(-42);
    expect(value('0042', 'int')).toBe(42);
    expect(value(' \t\v\f\r\n7', 'int')).toBe(7);
    expect(value('-1', 'int64')).toBe(-1);
  });

  it('reports the upstream reasons in upstream order', () => {
    expect(value('', 'int')).toBe('not started as an integer');
    expect(value('+', 'int')).toBe('not started as an integer');
    expect(value('x1', 'int')).toBe('not started as an integer');
    expect(value('1x', 'int')).toBe('encounter non-integer characters');
    expect(value('1 ', 'int')).toBe('encounter non-integer characters');
    expect(value('0x10', 'int')).toBe('encounter non-integer characters');
    expect(value('2147483648', 'int')).toBe('out of range of integer type');
    expect(value('2147483648x', 'int')).toBe('out of range of integer type');
    expect(value('9223372036854775808', 'int64')).toBe('Numerical result out of range');
    expect(value('9223372036854775807', 'int64')).toBe(9223372036854775807);
    expect(value('-9223372036854775808', 'int64')).toBe(-9223372036854775808);
    expect(value('5', 'int', [0, 3])).toBe('out of numeric range');
  });

  it('uint16 goes through strtoul, which wraps negatives', () => {
    expect(value('65535', 'uint16')).toBe(65535);
    expect(value('65536', 'uint16')).toBe('out of range of integer type');
    expect(value('-1', 'uint16')).toBe('out of range of integer type');
    expect(value('-0', 'uint16')).toBe(0);
    expect(value('18446744073709551616', 'uint16')).toBe('Numerical result out of range');
  });
});
