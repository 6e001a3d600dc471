import { utf8ToBytes } from '../../../src/protocol/bytes.ts';
import { describe, expect, it } from 'vitest';
import { crc16, hashTag, keySlot } from '../../../src/kvrocks/cluster/crc16.ts';

/** Reference CRC16-CCITT/XMODEM, bit by bit. */
function bitwiseCrc16(bytes: number[]): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return crc;
}

describe('crc16 (XMODEM)', () => {
  it('matches the standard check value and Redis reference values', () => {
    expect(crc16('123456789')).toBe(0x31c3);
    expect(crc16('')).toBe(0);
  });

  it('hashes the bytes of a byte string: text as its UTF-8 bytes, any byte as itself', () => {
    // 'é' is C3 A9 in UTF-8; '😀' is F0 9F 98 80
    expect(crc16(utf8ToBytes('é'))).toBe(bitwiseCrc16([0xc3, 0xa9]));
    expect(crc16(utf8ToBytes('a😀'))).toBe(bitwiseCrc16([0x61, 0xf0, 0x9f, 0x98, 0x80]));
    expect(crc16('\xff\x00\x80')).toBe(bitwiseCrc16([0xff, 0x00, 0x80]));
  });

  // Real Kvrocks (k2024), CLUSTER KEYSLOT sent as raw bytes; 12926 was the old lossy UTF-8 decoding (issue 12).
  it.each<[string, number]>([
    ['\xffA', 6938],
    ['\xff A', 4448],
    ['\xff\xfe', 3374],
    ['\xff', 7920],
  ])('gives %j the slot real Kvrocks gives', (key, slot) => expect(keySlot(key)).toBe(slot));
});

describe('keySlot (GetSlotIdFromKey)', () => {
  it('matches known Redis slots', () => {
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('bar')).toBe(5061);
    expect(keySlot('hello')).toBe(866);
    expect(keySlot('')).toBe(0);
  });

  it('hashes only a non-empty hash tag', () => {
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
    expect(keySlot('{user1000}.following')).toBe(keySlot('user1000'));
    expect(keySlot('foo{bar}{zap}')).toBe(keySlot('bar'));
    expect(keySlot('foo{}{bar}')).toBe(crc16('foo{}{bar}') & 0x3fff);
    expect(keySlot('{}')).toBe(crc16('{}') & 0x3fff);
    expect(keySlot('{{bar}}')).toBe(keySlot('{bar'));
    expect(keySlot('foo{bar')).toBe(crc16('foo{bar') & 0x3fff);
  });

  it('hashTag follows the first { and the first } after it', () => {
    expect(hashTag('a{b}c')).toBe('b');
    expect(hashTag('a}{b}')).toBe('b');
    expect(hashTag('{}x')).toBeNull();
    expect(hashTag('nobraces')).toBeNull();
  });
});
