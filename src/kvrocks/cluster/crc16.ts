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
 * The hash tag: the text between the first `{` and the first `}` after it, when non-empty.
 * An empty `{}` or a missing `}` means the whole key is hashed.
 */
export function hashTag(key: string): string | null {
  const open = key.indexOf('{');
  if (open < 0) return null;
  const close = key.indexOf('}', open + 1);
  if (close < 0 || close === open + 1) return null;
  return key.slice(open + 1, close);
}

/** CLUSTER KEYSLOT: 0..16383. The tag is hashed in place, as hashTag finds it (no substring made). */
export function keySlot(key: string): number {
  const open = key.indexOf('{');
  const close = open < 0 ? -1 : key.indexOf('}', open + 1);
  const tagged = close > open + 1;
  return crc16(key, tagged ? open + 1 : 0, tagged ? close : key.length) & (SLOT_COUNT - 1);
}
