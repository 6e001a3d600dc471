// The restore commands a migrating source sends: whole values from the snapshot (16 items per
// command, PXAT / PEXPIREAT for expiry) and per-change commands from the WAL.
// Upstream: K-2024 src/cluster/slot_migrate.cc migrateSimpleKey/migrateComplexKey, src/storage/batch_extractor.cc.
import { describe, expect, it } from 'vitest';
import { snapshotGroups, walCommands } from '../../../src/kvrocks/migration/restore-commands.ts';
import type { Entry } from '../../../src/protocol/value.ts';

const str = (text: string, expireAt = 0): Entry => ({ value: { type: 'string', text }, expireAt });
const hash = (pairs: [string, string][], expireAt = 0): Entry => ({ value: { type: 'hash', fields: new Map(pairs) }, expireAt });
const list = (items: string[]): Entry => ({ value: { type: 'list', items }, expireAt: 0 });
const set = (members: string[]): Entry => ({ value: { type: 'set', members: new Set(members) }, expireAt: 0 });

describe('snapshot', () => {
  it('a string is one SET, with PXAT when it expires', () => {
    expect(snapshotGroups('k', str('v')).map((g) => g.commands)).toEqual([[['SET', 'k', 'v']]]);
    expect(snapshotGroups('k', str('v', 1234)).map((g) => g.commands)).toEqual([[['SET', 'k', 'v', 'PXAT', '1234']]]);
  });

  it('a collection is sent 16 items per command, the last partial one with its PEXPIREAT', () => {
    const fields = Array.from({ length: 17 }, (_, i): [string, string] => [`f${i}`, `v${i}`]);
    const groups = snapshotGroups('h', hash(fields, 99));
    expect(groups.map((g) => g.commands.map((c) => c.length))).toEqual([[2 + 32], [4, 3]]);
    expect(groups[1]!.commands).toEqual([['hmset', 'h', 'f16', 'v16'], ['PEXPIREAT', 'h', '99']]);
    expect(snapshotGroups('l', list(['a', 'b'])).map((g) => g.commands)).toEqual([[['rpush', 'l', 'a', 'b']]]);
    expect(snapshotGroups('s', set(['m'])).map((g) => g.commands)).toEqual([[['sadd', 's', 'm']]]);
  });

  it('names the key and its kind when the send fails', () => {
    expect(snapshotGroups('{b}h', hash([['f', 'v']]))[0]!.describe('failed to read response: Success')).toBe(
      'failed to migrate a key {b}h: failed to migrate complex key: failed to send commands to restore a key: wrong response from the destination node: failed to read response: Success',
    );
  });
});

describe('WAL', () => {
  it('a string write is SET, then PEXPIREAT when it has an expiry; a deletion is DEL', () => {
    expect(walCommands('k', undefined, str('v', 5))).toEqual([['SET', 'k', 'v'], ['PEXPIREAT', 'k', '5']]);
    expect(walCommands('k', str('v'), undefined)).toEqual([['DEL', 'k']]);
  });

  it('a collection write is one command per field, member or element it changed', () => {
    expect(walCommands('h', hash([['a', '1'], ['b', '2']]), hash([['a', '1'], ['b', '3'], ['c', '4']]))).toEqual([
      ['HSET', 'h', 'b', '3'],
      ['HSET', 'h', 'c', '4'],
    ]);
    expect(walCommands('h', hash([['a', '1'], ['b', '2']]), hash([['a', '1']]))).toEqual([['HDEL', 'h', 'b']]);
    expect(walCommands('s', set(['x']), set(['y']))).toEqual([['SADD', 's', 'y'], ['SREM', 's', 'x']]);
    expect(walCommands('l', list(['a']), list(['a', 'b', 'c']))).toEqual([['RPUSH', 'l', 'b'], ['RPUSH', 'l', 'c']]);
    expect(walCommands('l', list(['a']), list(['c', 'b', 'a']))).toEqual([['LPUSH', 'l', 'b'], ['LPUSH', 'l', 'c']]);
    expect(walCommands('l', list(['a', 'b', 'c']), list(['c']))).toEqual([['LPOP', 'l'], ['LPOP', 'l']]);
    expect(walCommands('l', list(['a', 'b', 'c']), list(['a']))).toEqual([['RPOP', 'l'], ['RPOP', 'l']]);
  });

  it('a collection gets PEXPIREAT only when its expiry changed to a time', () => {
    expect(walCommands('h', hash([['a', '1']]), hash([['a', '1']], 7))).toEqual([['PEXPIREAT', 'h', '7']]);
    expect(walCommands('h', hash([['a', '1']], 7), hash([['a', '1']]))).toEqual([]);
  });
});
