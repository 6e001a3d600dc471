/**
 * The iteration order of a `std::unordered_map<std::string, ...>` built by inserting keys one by
 * one, as the libstdc++ of the reference builds (GCC 12, Debian 12) lays it out. Kvrocks keeps the
 * cluster nodes in such a map, and that order shows wherever it walks the map: CLUSTER NODES lines,
 * the replica order of CLUSTER SLOTS and CLUSTER REPLICAS, nodes.conf lines, and which line wins
 * when several match this node's address (K-2024 src/cluster/cluster.h `ClusterNodes`).
 * The model reproduces the layout instead of choosing its own order.
 * // libstdc++ hashtable.h _M_insert_unique_node, _M_insert_bucket_begin, _M_rehash_aux;
 * // hashtable_c++0x.cc _Prime_rehash_policy; hash_bytes.cc _Hash_bytes
 */
import { LIBSTDCXX_PRIMES } from './libstdcxx-primes.ts';
import { stringToBytes } from './text.ts';

const MASK_64 = (1n << 64n) - 1n;
const MURMUR_MUL = (0xc6a4a793n << 32n) + 0x5bd1e995n;
/** std::hash<std::string> seeds _Hash_bytes with this. // libstdc++ basic_string.h */
const STRING_HASH_SEED = 0xc70f6907n;

const shiftMix = (v: bigint): bigint => v ^ (v >> 47n);

/** std::hash<std::string> on a 64-bit target: libstdc++'s _Hash_bytes (a MurmurHash2 variant). */
export function stdStringHash(text: string): bigint {
  const bytes = stringToBytes(text);
  const aligned = bytes.length & ~7;
  let hash = STRING_HASH_SEED ^ ((BigInt(bytes.length) * MURMUR_MUL) & MASK_64);
  for (let p = 0; p < aligned; p += 8) {
    let word = 0n;
    for (let i = 7; i >= 0; i--) word = (word << 8n) | BigInt(bytes[p + i]!);
    hash ^= (shiftMix((word * MURMUR_MUL) & MASK_64) * MURMUR_MUL) & MASK_64;
    hash = (hash * MURMUR_MUL) & MASK_64;
  }
  if (bytes.length > aligned) {
    let tail = 0n;
    for (let i = bytes.length - 1; i >= aligned; i--) tail = (tail << 8n) | BigInt(bytes[i]!);
    hash = ((hash ^ tail) * MURMUR_MUL) & MASK_64;
  }
  return shiftMix((shiftMix(hash) * MURMUR_MUL) & MASK_64);
}

/** Bucket counts for small requests. // hashtable_c++0x.cc _M_next_bkt __fast_bkt */
const FAST_BUCKETS = [2, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13] as const;

interface HashNode {
  readonly key: string;
  readonly code: bigint;
  next: HashNode | null;
}

/** The hashtable's singly linked node list and its buckets (each points at the node before its first). */
class StdHashtable {
  private bucketCount = 1;
  private buckets: (HashNode | null)[] = [null];
  private nextResize = 0;
  private size = 0;
  private readonly beforeBegin: HashNode = { key: '', code: 0n, next: null };
  private readonly byKey = new Map<string, HashNode>();

  insert(key: string): void {
    if (this.byKey.has(key)) return; // operator[] on an existing key keeps its place
    const code = stdStringHash(key);
    const grown = this.needRehash(this.size + 1);
    if (grown !== null) this.rehash(grown);
    const node: HashNode = { key, code, next: null };
    this.insertBucketBegin(this.bucketOf(code), node);
    this.byKey.set(key, node);
    this.size++;
  }

  keys(): string[] {
    const out: string[] = [];
    for (let n = this.beforeBegin.next; n !== null; n = n.next) out.push(n.key);
    return out;
  }

  private bucketOf(code: bigint): number {
    return Number(code % BigInt(this.bucketCount));
  }

  /** _Prime_rehash_policy::_M_need_rehash with max_load_factor 1: the new bucket count, or null. */
  private needRehash(elements: number): number | null {
    if (elements <= this.nextResize) return null;
    // Nothing allocated yet (_M_next_resize 0): start from at least 11 buckets.
    const minBuckets = Math.max(elements, this.nextResize === 0 ? 11 : 0);
    if (minBuckets >= this.bucketCount) return this.nextBucketCount(Math.max(minBuckets + 1, this.bucketCount * 2));
    this.nextResize = this.bucketCount;
    return null;
  }

  private nextBucketCount(n: number): number {
    if (n < FAST_BUCKETS.length) {
      const fast = FAST_BUCKETS[n]!;
      this.nextResize = fast;
      return fast;
    }
    const prime = LIBSTDCXX_PRIMES.find((p) => p >= n);
    if (prime === undefined) throw new Error(`kvlab: a node map of ${n} buckets is beyond the modelled range`);
    this.nextResize = prime;
    return prime;
  }

  private rehash(count: number): void {
    const buckets = new Array<HashNode | null>(count).fill(null);
    this.bucketCount = count;
    let p = this.beforeBegin.next;
    this.beforeBegin.next = null;
    let beginBucket = 0;
    while (p !== null) {
      const next = p.next;
      const bucket = this.bucketOf(p.code);
      const before = buckets[bucket];
      if (before == null) {
        p.next = this.beforeBegin.next;
        this.beforeBegin.next = p;
        buckets[bucket] = this.beforeBegin;
        if (p.next !== null) buckets[beginBucket] = p;
        beginBucket = bucket;
      } else {
        p.next = before.next;
        before.next = p;
      }
      p = next;
    }
    this.buckets = buckets;
  }

  private insertBucketBegin(bucket: number, node: HashNode): void {
    const before = this.buckets[bucket];
    if (before != null) {
      node.next = before.next;
      before.next = node;
      return;
    }
    node.next = this.beforeBegin.next;
    this.beforeBegin.next = node;
    if (node.next !== null) this.buckets[this.bucketOf(node.next.code)] = node;
    this.buckets[bucket] = this.beforeBegin;
  }
}

/**
 * The order a map iterates after `keys` were inserted in this order (a repeated key keeps its
 * first place). Copy-assigning the map (`nodes_ = nodes`) keeps this order.
 */
export function unorderedMapOrder(keys: Iterable<string>): string[] {
  const table = new StdHashtable();
  for (const key of keys) table.insert(key);
  return table.keys();
}
