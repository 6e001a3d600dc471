/**
 * Stored lists are immutable (protocol/value.ts): a push or pop makes a new value. Copying a plain
 * array for each one costs the whole list, so with a million elements every RPUSH or LPOP holds
 * every other client of `kvlab serve` for milliseconds (real Kvrocks keeps each element as its own
 * subkey and touches only the ends). Above CHUNK_ABOVE elements a list is kept in chunks of
 * CHUNK instead: all full but the first and the last, so an index is found by arithmetic. A push
 * or pop copies the chunk it changes and the array of chunk references, and shares the rest.
 */
import type { Items } from '../../protocol/value.ts';

/** Lists with more elements than this are kept in chunks. */
export const CHUNK_ABOVE = 8192;
export const CHUNK = 1024;

/** A big list's elements in chunks (read-only: pushes and pops make new ones). */
export class ChunkedItems implements Items {
  constructor(
    /** Every chunk has CHUNK elements, except the first and the last, which have 1..CHUNK. */
    readonly chunks: readonly (readonly string[])[],
    readonly length: number,
  ) {}

  at(index: number): string | undefined {
    const i = index < 0 ? index + this.length : index;
    if (i < 0 || i >= this.length) return undefined;
    const first = this.chunks[0]!;
    if (i < first.length) return first[i];
    const j = i - first.length;
    return this.chunks[1 + Math.floor(j / CHUNK)]![j % CHUNK];
  }

  /** Elements [start, end) as an array, with Array.prototype.slice's handling of the bounds. */
  slice(start = 0, end = this.length): string[] {
    const from = clamp(start, this.length);
    const to = clamp(end, this.length);
    const out = new Array<string>(Math.max(0, to - from));
    for (let i = from; i < to; i++) out[i - from] = this.at(i)!;
    return out;
  }

  *[Symbol.iterator](): Iterator<string> {
    for (const chunk of this.chunks) yield* chunk;
  }
}

const clamp = (index: number, length: number) => (index < 0 ? Math.max(0, index + length) : Math.min(index, length));

/**
 * List::push of argv[first..] (K-2024 src/types/redis_list.cc Push): at the head each element
 * goes in front in turn (so they end up reversed), at the tail in order. Yields every `slice`
 * elements, so a huge push can be prepared in slices.
 */
export function* pushed(from: Items, argv: readonly string[], first: number, left: boolean, slice: number): Generator<void, Items, void> {
  const added = argv.length - first;
  // The element at position p of the pushed run, in list order.
  const element = left ? (p: number) => argv[argv.length - 1 - p]! : (p: number) => argv[first + p]!;
  if (!(from instanceof ChunkedItems) && from.length + added <= CHUNK_ABOVE) {
    const items = new Array<string>(from.length + added);
    const oldAt = left ? added : 0;
    for (let i = 0; i < from.length; i++) items[oldAt + i] = from.at(i)!;
    for (let p = 0; p < added; p++) items[left ? p : from.length + p] = element(p);
    return items;
  }
  const chunks = from instanceof ChunkedItems ? [...from.chunks] : yield* chunked(from, slice);
  // The end chunk is redone together with the pushed run: [run, old first] or [old last, run].
  const end = (left ? chunks.shift() : chunks.pop()) ?? [];
  const total = end.length + added;
  const at = left ? (p: number) => (p < added ? element(p) : end[p - added]!) : (p: number) => (p < end.length ? end[p]! : element(p - end.length));
  const redone: string[][] = [];
  // At the head only the first chunk may be short; at the tail only the last.
  const firstSize = left ? total % CHUNK || CHUNK : CHUNK;
  for (let p = 0, size = Math.min(firstSize, total); p < total; size = Math.min(CHUNK, total - p)) {
    const chunk = new Array<string>(size);
    for (let i = 0; i < size; i++) chunk[i] = at(p + i);
    redone.push(chunk);
    p += size;
    if (redone.length % Math.max(1, Math.floor(slice / CHUNK)) === 0) yield;
  }
  return new ChunkedItems(left ? [...redone, ...chunks] : [...chunks, ...redone], from.length + added);
}

/** A plain list's elements split into chunks, yielding every `slice` elements. */
function* chunked(from: Items, slice: number): Generator<void, (readonly string[])[], void> {
  const chunks: string[][] = [];
  for (let p = 0; p < from.length; p += CHUNK) {
    chunks.push(from.slice(p, p + CHUNK));
    if (p % slice < CHUNK) yield;
  }
  return chunks;
}

/** LPOP/RPOP of n (at most the length): the elements in the order popped, and what is left. */
export function popped(from: Items, n: number, left: boolean): { popped: string[]; rest: Items } {
  const length = from.length;
  const out = left ? from.slice(0, n) : from.slice(length - n).reverse();
  if (!(from instanceof ChunkedItems)) return { popped: out, rest: left ? from.slice(n) : from.slice(0, length - n) };
  const restLength = length - n;
  if (restLength <= CHUNK_ABOVE) return { popped: out, rest: left ? from.slice(n) : from.slice(0, restLength) };
  const chunks = [...from.chunks];
  for (let remaining = n; remaining > 0; ) {
    const end = left ? chunks[0]! : chunks.at(-1)!;
    if (end.length <= remaining) {
      if (left) chunks.shift();
      else chunks.pop();
      remaining -= end.length;
    } else {
      if (left) chunks[0] = end.slice(remaining);
      else chunks[chunks.length - 1] = end.slice(0, end.length - remaining);
      remaining = 0;
    }
  }
  return { popped: out, rest: new ChunkedItems(chunks, restLength) };
}
