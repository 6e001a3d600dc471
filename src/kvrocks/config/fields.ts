/**
 * Every setting K-2024 has, with its type, default, range and whether CONFIG SET may change it.
 * // K-2024 src/config/config.cc Config::Config (fields[]); the TLS fields are left out, as in a
 * // build without ENABLE_OPENSSL (the builds this model is checked against).
 * Enum option lists: K-2024 src/config/config.cc (log_levels, supervised_modes, ...) and
 * src/storage/storage.h (CompressionOptions, WalCompressionOptions, CacheOptions).
 */
import { INT64_MAX, INT_MAX, INT_MIN, UINT64_MAX } from './parse-int.ts';

export type FieldSpec =
  | { readonly kind: 'yesno'; readonly default: boolean }
  | { readonly kind: 'string'; readonly default: string }
  /** MultiStringField (rename-command): one CONFIG GET pair per value, none when empty. */
  | { readonly kind: 'multi' }
  | { readonly kind: 'int' | 'int64' | 'uint32'; readonly default: bigint; readonly min: bigint; readonly max: bigint }
  /** OctalField: printed and parsed in base 8. */
  | { readonly kind: 'octal'; readonly default: bigint; readonly min: bigint; readonly max: bigint }
  /** IntWithUnitField<uint64_t>: `1k`, `2m`, ... printed in bytes. */
  | { readonly kind: 'size'; readonly default: bigint; readonly min: bigint; readonly max: bigint }
  | { readonly kind: 'enum'; readonly default: string; readonly options: readonly string[] };

export interface ConfigField {
  readonly name: string;
  /** Read-only settings cannot be changed by CONFIG SET ("Unsupported CONFIG parameter"). */
  readonly readonly: boolean;
  readonly spec: FieldSpec;
}

const PORT_LIMIT = 65535n;
const MAX_LSM_LEVEL = 7n;
const MiB = 1n << 20n;

const yesno = (value: boolean) => ({ kind: 'yesno', default: value }) as const;
const str = (value = '') => ({ kind: 'string', default: value }) as const;
const int = (value: number, min: bigint | number, max: bigint | number = INT_MAX) =>
  ({ kind: 'int', default: BigInt(value), min: BigInt(min), max: BigInt(max) }) as const;
const int64 = (value: number, min: number) => ({ kind: 'int64', default: BigInt(value), min: BigInt(min), max: INT64_MAX }) as const;
const uint32 = (value: number, min: number, max: bigint) => ({ kind: 'uint32', default: BigInt(value), min: BigInt(min), max }) as const;
const oneOf = (value: string, options: readonly string[]) => ({ kind: 'enum', default: value, options }) as const;

const COMPRESSION = ['no', 'snappy', 'zlib', 'lz4', 'zstd'];

/** [name, read-only, spec] in upstream's declaration order (CONFIG GET sorts by name). */
const TABLE: readonly (readonly [string, boolean, FieldSpec])[] = [
  ['daemonize', true, yesno(false)],
  ['bind', true, str()],
  ['port', true, uint32(6666, 1, PORT_LIMIT)],
  ['socket-fd', true, int(-1, -1, 1 << 16)],
  ['workers', false, int(8, 1, 256)],
  ['timeout', false, int(0, 0)],
  ['tcp-backlog', true, int(511, 0)],
  ['maxclients', false, int(10240, 0)],
  ['max-backup-to-keep', false, int(1, 0, 1)],
  ['max-backup-keep-hours', false, int(0, 0)],
  ['master-use-repl-port', false, yesno(false)],
  ['requirepass', false, str()],
  ['masterauth', false, str()],
  ['slaveof', true, str()],
  ['compact-cron', false, str()],
  ['bgsave-cron', false, str()],
  ['dbsize-scan-cron', false, str()],
  ['replica-announce-ip', false, str()],
  ['replica-announce-port', false, uint32(0, 0, PORT_LIMIT)],
  ['compaction-checker-range', false, str()],
  ['compaction-checker-cron', false, str()],
  ['force-compact-file-age', false, int64(2 * 24 * 3600, 60)],
  ['force-compact-file-min-deleted-percentage', false, int(10, 1, 100)],
  ['db-name', true, str('change.me.db')],
  ['dir', true, str('/tmp/kvrocks')],
  ['backup-dir', false, str('/tmp/kvrocks/backup')],
  ['log-dir', true, str()],
  ['log-level', false, oneOf('info', ['info', 'warning', 'error', 'fatal'])],
  ['pidfile', true, str('/tmp/kvrocks/kvrocks.pid')],
  ['max-io-mb', false, int(0, 0)],
  ['max-bitmap-to-string-mb', false, int(16, 0)],
  ['max-db-size', false, int(0, 0)],
  ['max-replication-mb', false, int(0, 0)],
  ['supervised', true, oneOf('no', ['no', 'auto', 'upstart', 'systemd'])],
  ['slave-serve-stale-data', false, yesno(true)],
  ['slave-empty-db-before-fullsync', false, yesno(false)],
  ['slave-priority', false, int(100, 0)],
  ['slave-read-only', false, yesno(true)],
  ['use-rsid-psync', true, yesno(false)],
  ['profiling-sample-ratio', false, int(0, 0, 100)],
  ['profiling-sample-record-max-len', false, int(256, 0)],
  ['profiling-sample-record-threshold-ms', false, int(100, 0)],
  ['slowlog-log-slower-than', false, int(200000, -1)],
  ['profiling-sample-commands', false, str()],
  ['slowlog-max-len', false, int(128, 0)],
  ['purge-backup-on-fullsync', false, yesno(false)],
  ['rename-command', true, { kind: 'multi' }],
  ['auto-resize-block-and-sst', false, yesno(true)],
  ['fullsync-recv-file-delay', false, int(0, 0)],
  ['cluster-enabled', true, yesno(false)],
  ['migrate-speed', false, int(4096, 0)],
  ['migrate-pipeline-size', false, int(16, 1)],
  ['migrate-sequence-gap', false, int(10000, 1)],
  ['migrate-type', false, oneOf('redis-command', ['redis-command', 'raw-key-value'])],
  ['migrate-batch-size-kb', false, int(16, 1)],
  ['migrate-batch-rate-limit-mb', false, int(16, 0)],
  ['unixsocket', true, str()],
  ['unixsocketperm', true, { kind: 'octal', default: 0o777n, min: 1n, max: INT_MAX }],
  ['log-retention-days', false, int(-1, -1)],
  ['persist-cluster-nodes-enabled', false, yesno(true)],
  ['redis-cursor-compatible', false, yesno(true)],
  ['resp3-enabled', false, yesno(false)],
  ['repl-namespace-enabled', false, yesno(false)],
  ['proto-max-bulk-len', false, { kind: 'size', default: 512n * MiB, min: MiB, max: UINT64_MAX }],
  ['json-max-nesting-depth', false, int(1024, 0)],
  ['json-storage-format', false, oneOf('json', ['json', 'cbor'])],
  ['txn-context-enabled', true, yesno(false)],

  ['rocksdb.compression', false, oneOf('no', COMPRESSION)],
  ['rocksdb.compression_level', true, int(32767, INT_MIN)],
  ['rocksdb.compression_start_level', false, int(2, 0, MAX_LSM_LEVEL - 1n)],
  ['rocksdb.block_size', true, int(16384, 0)],
  ['rocksdb.max_open_files', false, int(8096, -1)],
  ['rocksdb.write_buffer_size', false, int(64, 0, 4096)],
  ['rocksdb.max_write_buffer_number', false, int(4, 0, 256)],
  ['rocksdb.target_file_size_base', false, int(128, 1, 1024)],
  ['rocksdb.max_background_compactions', false, int(2, -1, 32)],
  ['rocksdb.max_background_flushes', true, int(2, -1, 32)],
  ['rocksdb.max_subcompactions', false, int(2, 0, 16)],
  ['rocksdb.delayed_write_rate', false, int64(0, 0)],
  ['rocksdb.wal_compression', true, oneOf('no', ['no', 'zstd'])],
  ['rocksdb.wal_ttl_seconds', true, int(3 * 3600, 0)],
  ['rocksdb.wal_size_limit_mb', true, int(16384, 0)],
  ['rocksdb.max_total_wal_size', false, int(64 * 4 * 2, 0)],
  ['rocksdb.disable_auto_compactions', false, yesno(false)],
  ['rocksdb.enable_pipelined_write', true, yesno(false)],
  ['rocksdb.stats_dump_period_sec', false, int(0, 0)],
  ['rocksdb.cache_index_and_filter_blocks', true, yesno(true)],
  ['rocksdb.block_cache_size', true, int(0, 0)],
  ['rocksdb.block_cache_type', true, oneOf('lru', ['lru', 'hcc'])],
  ['rocksdb.subkey_block_cache_size', true, int(2048, 0)],
  ['rocksdb.metadata_block_cache_size', true, int(2048, 0)],
  ['rocksdb.share_metadata_and_subkey_block_cache', true, yesno(true)],
  ['rocksdb.row_cache_size', true, int(0, 0)],
  ['rocksdb.compaction_readahead_size', false, int(2 * 1024 * 1024, 0, 64n * MiB)],
  ['rocksdb.level0_slowdown_writes_trigger', false, int(20, 1, 1024)],
  ['rocksdb.level0_stop_writes_trigger', false, int(40, 1, 1024)],
  ['rocksdb.level0_file_num_compaction_trigger', false, int(4, 1, 1024)],
  ['rocksdb.enable_blob_files', false, yesno(false)],
  ['rocksdb.min_blob_size', false, int(4096, 0)],
  ['rocksdb.blob_file_size', false, int(268435456, 0)],
  ['rocksdb.enable_blob_garbage_collection', false, yesno(true)],
  ['rocksdb.blob_garbage_collection_age_cutoff', false, int(25, 0, 100)],
  ['rocksdb.max_bytes_for_level_base', false, int(268435456, 0)],
  ['rocksdb.max_bytes_for_level_multiplier', false, int(10, 1, 100)],
  ['rocksdb.level_compaction_dynamic_level_bytes', false, yesno(false)],
  ['rocksdb.max_background_jobs', false, int(4, 0, 32)],
  ['rocksdb.rate_limiter_auto_tuned', true, yesno(true)],
  ['rocksdb.avoid_unnecessary_blocking_io', true, yesno(true)],

  ['rocksdb.write_options.sync', true, yesno(false)],
  ['rocksdb.write_options.disable_wal', true, yesno(false)],
  ['rocksdb.write_options.no_slowdown', true, yesno(false)],
  ['rocksdb.write_options.low_pri', true, yesno(false)],
  ['rocksdb.write_options.memtable_insert_hint_per_batch', true, yesno(false)],
  ['rocksdb.write_options.write_batch_max_bytes', false, int(0, 0)],

  ['rocksdb.read_options.async_io', false, yesno(true)],
];

/** Sorted by name, as upstream's std::map holds them: the order of CONFIG GET. */
export const CONFIG_FIELDS: readonly ConfigField[] = TABLE.map(([name, readonly, spec]) => ({ name, readonly, spec })).sort((a, b) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
);

const byName = new Map(CONFIG_FIELDS.map((field) => [field.name, field]));

export function configField(name: string): ConfigField | undefined {
  return byName.get(name);
}

/** The default's text, as `ConfigField::ToString` prints it. */
export function defaultText(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'yesno':
      return spec.default ? 'yes' : 'no';
    case 'multi':
      return '';
    case 'octal':
      return spec.default.toString(8);
    default:
      return String(spec.default);
  }
}
