/**
 * What CONFIG SET checks before a setting changes (validators: refused with `invalid value: `)
 * and does after (callbacks: on failure the old value is put back and the callback's message is
 * the error, unprefixed). // K-2024 src/config/config.cc initFieldValidator, initFieldCallback
 * Callbacks that only reach RocksDB or a thread the model does not run are absent: they succeed.
 */
import type { NodeConfig } from '../node/config.ts';
import { KVROCKS_COMMANDS } from '../commands/command-table.ts';
import { checkCronFields, checkCronSetting } from './cron.ts';
import { INT_MAX, INT_MIN, parseConfigInt } from './parse-int.ts';

export interface ConfigHost {
  readonly config: NodeConfig;
  /** persist-cluster-nodes-enabled: dump nodes.conf (true) or remove it (false). */
  persistNodesConf(dump: boolean): void;
}

type Validator = (config: NodeConfig, value: string) => string | null;
type Callback = (host: ConfigHost, value: string) => string | null;

/** CommandTable::IsExists: any command the real server registers, in any case. */
const KVROCKS_COMMAND_NAMES: ReadonlySet<string> = new Set(KVROCKS_COMMANDS.map(([name]) => name));
const isKvrocksCommand = (name: string) => KVROCKS_COMMAND_NAMES.has(name.toLowerCase());

const cron: Validator = (_config, value) => checkCronSetting(value);

export const VALIDATORS: Readonly<Record<string, Validator>> = {
  'compact-cron': cron,
  'bgsave-cron': cron,
  'dbsize-scan-cron': cron,
  'compaction-checker-cron': cron,
  'compaction-checker-range': (config, value) => {
    if (config.get('compaction-checker-cron') !== '') return 'compaction-checker-range cannot be set while compaction-checker-cron is set';
    return value === '' ? null : checkCronFields(['*', value, '*', '*', '*']);
  },
};

const BLOB_DB_NOT_ENABLED = 'Must set rocksdb.enable_blob_files to yes first.';
const LEVEL_BYTES_NOT_SET = 'Must set rocksdb.level_compaction_dynamic_level_bytes yes first.';

const needsBlobFiles: Callback = ({ config }) => (config.get('rocksdb.enable_blob_files') === 'yes' ? null : BLOB_DB_NOT_ENABLED);
const needsDynamicLevelBytes: Callback = ({ config }) => (config.get('rocksdb.level_compaction_dynamic_level_bytes') === 'yes' ? null : LEVEL_BYTES_NOT_SET);

export const CALLBACKS: Readonly<Record<string, Callback>> = {
  'persist-cluster-nodes-enabled': (host, value) => {
    // Upstream compares the value as typed: `YES` turns the setting on but removes the file.
    if (host.config.clusterEnabled) host.persistNodesConf(value === 'yes');
    return null;
  },
  'log-retention-days': ({ config }) =>
    config.logDir.toLowerCase() === 'stdout' ? "can't set the 'log-retention-days' when the log dir is stdout" : null,
  'profiling-sample-commands': (_host, value) => {
    for (const name of value.split(',').filter((n) => n !== '')) {
      if (name === '*') return null;
      if (!isKvrocksCommand(name)) return `${name} is not Kvrocks supported command`;
    }
    return null;
  },
  'rocksdb.min_blob_size': needsBlobFiles,
  'rocksdb.blob_file_size': needsBlobFiles,
  'rocksdb.enable_blob_garbage_collection': needsBlobFiles,
  'rocksdb.blob_garbage_collection_age_cutoff': (host, value) => {
    const blob = needsBlobFiles(host, value);
    if (blob) return blob;
    // The callback re-parses the raw value in base 10, so `0x10` passes the field and fails here.
    return parseConfigInt(value, 'int', [INT_MIN, INT_MAX], 10).ok ? null : 'Illegal blob_garbage_collection_age_cutoff value.';
  },
  'rocksdb.max_bytes_for_level_base': needsDynamicLevelBytes,
  'rocksdb.max_bytes_for_level_multiplier': needsDynamicLevelBytes,
  // Sent to RocksDB's SetDBOptions, which has no such DB option.
  'rocksdb.level_compaction_dynamic_level_bytes': () => 'NotFound: Unrecognized option: level_compaction_dynamic_level_bytes',
};
