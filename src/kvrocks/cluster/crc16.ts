/**
 * CRC16 and key -> slot hashing as Redis Cluster and Kvrocks compute them.
 * // K-2024 src/cluster/redis_slot.cc Crc16, GetSlotIdFromKey, GetTagFromKey
 */
import { SLOT_COUNT } from './types.ts';

/** CRC16-CCITT (XMODEM): polynomial 0x1021, initial value 0, no reflection, no final xor. */
const CRC16_TABLE: Uint16Array = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
    table[byte] = crc;
  }
  return table;
}

/** CRC16 of a byte string's bytes [start, end) (protocol/bytes.ts: one unit per byte). */
export function crc16(bytes: string, start = 0, end = bytes.length): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    crc = ((crc << 8) & 0xffff) ^ (CRC16_TABLE[((crc >> 8) ^ bytes.charCodeAt(i)) & 0xff] ?? 0);
  }
  return crc;
}

/**
 * Where the hashed part of a key lies: the text between the first `{` and the first `}` after it
 * when that is non-empty, else the whole key (an empty `{}` or a missing `}`).
 */
function hashedRange(key: string): readonly [number, number] {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? [open + 1, close] : [0, key.length];
}

/** The hash tag, or null when the whole key is hashed. */
export function hashTag(key: string): string | null {
  const [start, end] = hashedRange(key);
  return end - start === key.length ? null : key.slice(start, end);
}

/** CLUSTER KEYSLOT: 0..16383. The hashed part is read in place (no substring is made). */
export function keySlot(key: string): number {
  const [start, end] = hashedRange(key);
  return crc16(key, start, end) & (SLOT_COUNT - 1);
}
