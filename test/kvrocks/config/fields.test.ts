// The setting table (K-2024 src/config/config.cc Config::Config) and ConfigField::Set per type
// (src/config/config_type.h).
import { describe, expect, it } from 'vitest';
import { configField, CONFIG_FIELDS, defaultText } from '../../../src/kvrocks/config/fields.ts';
import { parseFieldValue } from '../../../src/kvrocks/config/field-set.ts';

const set = (name: string, value: string) => {
  const r = parseFieldValue(configField(name)!.spec, value);
  return r.ok ? r.text : r.message;
};

describe('CONFIG_FIELDS', () => {
  it('holds every K-2024 setting but TLS, sorted by name', () => {
    const names = CONFIG_FIELDS.map((f) => f.name);
    expect(names).toHaveLength(115);
    expect([...names].sort()).toEqual(names);
    expect(names.some((n) => n.startsWith('tls-'))).toBe(false);
    expect(names[0]).toBe('auto-resize-block-and-sst');
    expect(names.at(-1)).toBe('workers');
  });

  it('defaults print as ToString does', () => {
    expect(defaultText(configField('unixsocketperm')!.spec)).toBe('777');
    expect(defaultText(configField('proto-max-bulk-len')!.spec)).toBe('536870912');
    expect(defaultText(configField('slave-read-only')!.spec)).toBe('yes');
    expect(defaultText(configField('rocksdb.max_total_wal_size')!.spec)).toBe('512');
    expect(defaultText(configField('rename-command')!.spec)).toBe('');
  });
});

describe('parseFieldValue', () => {
  it('yes/no in any case', () => {
    expect(set('slave-read-only', 'NO')).toBe('no');
    expect(set('slave-read-only', 'maybe')).toBe("argument must be 'yes' or 'no'");
  });

  it('enums print as listed and name the acceptable values', () => {
    expect(set('log-level', 'WARNING')).toBe('warning');
    expect(set('log-level', 'debug')).toBe("invalid enum option, acceptable values are 'info', 'warning', 'error', 'fatal'");
    expect(set('rocksdb.compression', 'gzip')).toBe("invalid enum option, acceptable values are 'no', 'snappy', 'zlib', 'lz4', 'zstd'");
  });

  it('integers print in base 10 whatever base they were given in', () => {
    expect(set('workers', '0x10')).toBe('16');
    expect(set('workers', '257')).toBe('out of numeric range');
    expect(set('rocksdb.compression_start_level', '7')).toBe('out of numeric range');
  });

  it('sizes print in bytes', () => {
    expect(set('proto-max-bulk-len', '2m')).toBe('2097152');
  });
});
