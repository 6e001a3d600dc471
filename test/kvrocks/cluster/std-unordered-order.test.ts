// Golden values printed by a C++ program built with the g++ 12 / libstdc++ of Debian 12 (as the
// reference Kvrocks builds are): std::hash<std::string>{}(s), and the iteration order of a
// std::unordered_map<std::string, ...> filled with operator[] then copy-assigned.
import { describe, expect, it } from 'vitest';
import { stdStringHash, unorderedMapOrder } from '../../../src/kvrocks/cluster/std-unordered-order.ts';
import { M, R1, R2, nodeId } from './fixtures.ts';

const KV1 = '7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3';
const KV2 = 'd9dd75896c51ce5d483244c3a9b7be0e9ce794f0';
const KV3 = '0bf1f0cfcfcec3e719806c472f60925f76589f70';

describe('stdStringHash (libstdc++ _Hash_bytes, seed 0xc70f6907)', () => {
  it.each([
    ['', 0x553e93901e462a6en],
    ['a', 0x454ddee488c1ed6bn],
    ['foo', 0x85a8e535edf11e5an],
    ['12345678', 0x8c5b90a33a04dca5n],
    ['123456789', 0xaaeb28d3d5f165c0n],
    [KV1, 0xca33cfdeafcf6c70n],
  ])('%j', (text, hash) => {
    expect(stdStringHash(text)).toBe(hash);
  });
});

describe('unorderedMapOrder', () => {
  it('the S1 ids and the lab ids, within the first 13 buckets', () => {
    expect(unorderedMapOrder([M, R1, R2])).toEqual([R2, R1, M]);
    expect(unorderedMapOrder([R2, R1, M])).toEqual([M, R1, R2]);
    expect(unorderedMapOrder([nodeId('a'), nodeId('b')])).toEqual([nodeId('b'), nodeId('a')]);
    expect(unorderedMapOrder([KV1, KV2, KV3])).toEqual([KV3, KV2, KV1]);
  });

  it('a repeated key keeps its first place', () => {
    expect(unorderedMapOrder([M, R1, M, R2, R1])).toEqual(unorderedMapOrder([M, R1, R2]));
  });

  it('the 14th key grows the table to 29 buckets and relinks every node', () => {
    const keys = Array.from({ length: 15 }, (_, i) => `node${String(i + 1).padStart(2, '0')}`);
    expect(unorderedMapOrder(keys)).toEqual(
      ['15', '14', '01', '07', '10', '02', '04', '03', '05', '13', '06', '08', '09', '11', '12'].map((n) => `node${n}`),
    );
  });

  it('an empty map walks nothing', () => {
    expect(unorderedMapOrder([])).toEqual([]);
  });
});
