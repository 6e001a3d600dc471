// Config integer parsing: K-2024 src/common/parse_util.h over C strtol/strtoul (base 0 for
// integer fields, base 10 for sizes), with the error texts CONFIG SET shows.
import { describe, expect, it } from 'vitest';
import { INT_MAX, parseConfigInt, parseSize, UINT64_MAX } from '../../../src/kvrocks/config/parse-int.ts';

const int = (text: string, range: [bigint, bigint] = [1n, 256n]) => {
  const r = parseConfigInt(text, 'int', range);
  return r.ok ? r.value : r.message;
};

describe('parseConfigInt', () => {
  it('base 0: hex, octal, sign and leading white space', () => {
    expect(int('16')).toBe(16n);
    expect(int('0x10')).toBe(16n);
    expect(int('0X1f')).toBe(31n);
    expect(int('010')).toBe(8n);
    expect(int('+5')).toBe(5n);
    expect(int(' \t4')).toBe(4n);
  });

  it('errors in upstream order and wording', () => {
    expect(int('abc')).toBe('not started as an integer');
    expect(int('')).toBe('not started as an integer');
    expect(int('-')).toBe('not started as an integer');
    expect(int('1.5')).toBe('encounter non-integer characters');
    expect(int('4 ')).toBe('encounter non-integer characters');
    expect(int('09')).toBe('encounter non-integer characters');
    expect(int('0x')).toBe('encounter non-integer characters');
    expect(int('0')).toBe('out of numeric range');
    expect(int('99999999999')).toBe('out of range of integer type');
    expect(int('999999999999999999999999')).toBe('Numerical result out of range');
  });

  it('int64 has no narrowing check; strtol overflow is ERANGE', () => {
    const range: [bigint, bigint] = [60n, (1n << 63n) - 1n];
    expect(parseConfigInt('9223372036854775807', 'int64', range)).toEqual({ ok: true, value: (1n << 63n) - 1n });
    expect(parseConfigInt('9223372036854775808', 'int64', range)).toEqual({ ok: false, message: 'Numerical result out of range' });
    expect(parseConfigInt('-9223372036854775809', 'int64', range)).toEqual({ ok: false, message: 'Numerical result out of range' });
  });

  it('uint32 through strtoul: a minus wraps modulo 2^64, so -1 is out of the type, -0 is 0', () => {
    const range: [bigint, bigint] = [0n, 65535n];
    expect(parseConfigInt('-1', 'uint32', range)).toEqual({ ok: false, message: 'out of range of integer type' });
    expect(parseConfigInt('-0', 'uint32', range)).toEqual({ ok: true, value: 0n });
    expect(parseConfigInt('65536', 'uint32', range)).toEqual({ ok: false, message: 'out of numeric range' });
    expect(parseConfigInt('4294967296', 'uint32', range)).toEqual({ ok: false, message: 'out of range of integer type' });
  });

  it('base 8 for the octal field', () => {
    expect(parseConfigInt('777', 'int', [1n, INT_MAX], 8)).toEqual({ ok: true, value: 511n });
    expect(parseConfigInt('8', 'int', [1n, INT_MAX], 8)).toEqual({ ok: false, message: 'not started as an integer' });
  });
});

describe('parseSize (proto-max-bulk-len)', () => {
  const range: [bigint, bigint] = [1n << 20n, UINT64_MAX];
  const size = (text: string) => {
    const r = parseSize(text, range);
    return r.ok ? r.value : r.message;
  };

  it('units k m g t p in either case, bytes otherwise', () => {
    expect(size('2m')).toBe(2n << 20n);
    expect(size('1G')).toBe(1n << 30n);
    expect(size('1048576')).toBe(1n << 20n);
    expect(size('-1')).toBe(UINT64_MAX);
  });

  it('errors', () => {
    expect(size('1k')).toBe('this config value should be between 1048576 and 18446744073709551615');
    expect(size('1x')).toBe('encounter unexpected unit: `x`');
    expect(size('1kb')).toBe('encounter unexpected unit: `kb`');
    expect(size('1 k')).toBe('encounter unexpected unit: ` k`');
    expect(size('0x100000')).toBe('encounter unexpected unit: `x100000`');
    expect(size('99999999999p')).toBe('arithmetic overflow');
    expect(size('18446744073709551616')).toBe('Numerical result out of range');
    expect(size('abc')).toBe('not started as an integer');
  });
});
