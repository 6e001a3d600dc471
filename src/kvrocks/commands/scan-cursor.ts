/**
 * SCAN's numeric cursors (`redis-cursor-compatible yes`): each names the last key returned, kept in
 * a 16384-slot dictionary of the process (K-2024 server.cc NumberCursor, GenerateCursorFromKeyName,
 * GetKeyNameFromCursor). A cursor holds a counter, the wall clock's low 16 bits of seconds, a
 * hash of the key and the cursor type, so its digits differ from run to run.
 */
import { parseCIntBig } from '../cluster/c-int.ts';
import { stringToBytes } from '../cluster/text.ts';
import type { KvrocksNode } from '../node/node.ts';
import { wallSeconds } from '../time.ts';

const CURSOR_DICT_SIZE = 16384n;
const TYPE_BASE = 1n;
const HASH_MASK = 0x1fffffffffffffffn;

interface CursorDict {
  readonly generation: number;
  counter: number;
  readonly entries: Map<bigint, { cursor: bigint; key: string }>;
}

const dicts = new WeakMap<KvrocksNode, CursorDict>();

/** The dictionary of the node's current process (a restart starts empty). */
function dictOf(node: KvrocksNode): CursorDict {
  let dict = dicts.get(node);
  if (!dict || dict.generation !== node.bootGeneration) {
    dict = { generation: node.bootGeneration, counter: 0, entries: new Map() };
    dicts.set(node, dict);
  }
  return dict;
}

/** FNV-1a over the key's bytes, standing in for std::hash (only its low 32 bits are used). */
function keyHash(key: string): bigint {
  let h = 0x811c9dc5;
  for (const byte of stringToBytes(key)) h = Math.imul(h ^ byte, 0x01000193) >>> 0;
  return BigInt(h);
}

export function cursorFor(node: KvrocksNode, key: string): string {
  // redis-cursor-compatible no: the cursor is the key itself after SCAN's "_" prefix.
  if (node.config.get('redis-cursor-compatible') === 'no') return `_${key}`;
  const dict = dictOf(node);
  const counter = BigInt(dict.counter);
  dict.counter = (dict.counter + 1) & 0xffff;
  const seconds = BigInt(wallSeconds(node.sim.now()) & 0xffff);
  const cursor = counter | (seconds << 16n) | ((keyHash(key) << 32n) & HASH_MASK) | (TYPE_BASE << 61n);
  dict.entries.set(cursor % CURSOR_DICT_SIZE, { cursor, key });
  return cursor.toString();
}

/** The key a cursor names, or '' (start over) for 0, a non-number or a cursor no longer in the dictionary. */
export function keyOfCursor(node: KvrocksNode, cursor: string): string {
  if (cursor === '' || node.config.get('redis-cursor-compatible') === 'no') return cursor;
  const n = parseCIntBig(cursor, 'uint64');
  if (!n.ok || n.value === 0n) return '';
  const item = dictOf(node).entries.get(n.value % CURSOR_DICT_SIZE);
  return item && item.cursor === n.value && n.value >> 61n === TYPE_BASE ? item.key : '';
}
