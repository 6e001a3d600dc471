/** Byte-wise ordering of UTF-8 strings, as RocksDB's default comparator orders keys and subkeys. */
import { utf8Bytes } from '../cluster/text.ts';

export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const x = utf8Bytes(a);
  const y = utf8Bytes(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}
