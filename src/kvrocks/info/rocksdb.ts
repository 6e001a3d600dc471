/**
 * INFO rocksdb: RocksDB's own memory, cache and compaction figures. The model has no RocksDB,
 * so every field is printed, in upstream's order, with the value a fresh node shows; the
 * values are not modelled (docs/model.md).
 * // K-2024 src/server/server.cc GetRocksDBInfo; column families: src/storage/storage.h
 */

/** The column families, in the order Kvrocks opens them. */
const COLUMN_FAMILIES = ['default', 'metadata', 'zset_score', 'pubsub', 'propagate', 'stream', 'search'];

const PER_FAMILY = [
  'estimate_keys',
  'index_and_filter_cache_usage',
  'level0_file_limit_slowdown',
  'level0_file_limit_stop',
  'pending_compaction_bytes_slowdown',
  'pending_compaction_bytes_stop',
  'level0_file_limit_stop_with_ongoing_compaction',
  'level0_file_limit_slowdown_with_ongoing_compaction',
  'memtable_count_limit_slowdown',
  'memtable_count_limit_stop',
];

/** The block cache tickers come from a std::map, hence sorted by name. */
const BLOCK_CACHE_TICKERS = [
  'block_cache_data_hit',
  'block_cache_data_miss',
  'block_cache_filter_hit',
  'block_cache_filter_miss',
  'block_cache_hit',
  'block_cache_index_hit',
  'block_cache_index_miss',
  'block_cache_miss',
];

export function rocksdbLines(): string[] {
  return [
    '# RocksDB',
    'block_cache_usage:88',
    // Printed for the subkey column family, whose name is "default".
    'block_cache_pinned_usage[default]:88',
    ...COLUMN_FAMILIES.flatMap((cf) => PER_FAMILY.map((field) => `${field}[${cf}]:0`)),
    ...BLOCK_CACHE_TICKERS.map((ticker) => `${ticker}:0`),
    'all_mem_tables:14336',
    'cur_mem_tables:14336',
    'snapshots:0',
    'num_immutable_tables:0',
    'num_running_flushes:0',
    'memtable_flush_pending:0',
    'compaction_pending:0',
    'num_running_compactions:0',
    'num_live_versions:7',
    'num_super_version:7',
    'num_background_errors:0',
    'flush_count:0',
    'compaction_count:0',
    'put_per_sec:0',
    'get_per_sec:0',
    'seek_per_sec:0',
    'next_per_sec:0',
    'prev_per_sec:0',
    'is_bgsaving:no',
    'is_compacting:no',
  ];
}
