/** Byte-wise ordering of byte strings, as RocksDB's default comparator orders keys and subkeys. */
export function compareBytes(a: string, b: string): number {
  // One unit per byte (protocol/bytes.ts): code-unit order is byte order.
  return a === b ? 0 : a < b ? -1 : 1;
}
