// Generic key and keyspace commands (K-2024 cmd_key.cc, cmd_server.cc, redis_db.cc).
import { describe, expect, it } from 'vitest';
import { oneNode, write } from './data-support.ts';

describe('expiry', () => {
  it('EXPIRE/PEXPIRE/PERSIST write the metadata once; TTL truncates to seconds', () => {
    const c = oneNode();
    c.run('kv1', 'SET', 'a', '1');
    expect(write(c, 'EXPIRE', 'a', '100')).toEqual(['(integer) 1', 1]);
    expect(write(c, 'EXPIRE', 'nosuch', '100')).toEqual(['(integer) 0', 0]);
    c.wait(500);
    expect(c.run('kv1', 'TTL', 'a')).toBe('(integer) 99');
    expect(c.run('kv1', 'PTTL', 'a')).toBe('(integer) 99500');
    expect(write(c, 'PERSIST', 'a')).toEqual(['(integer) 1', 1]);
    expect(write(c, 'PERSIST', 'a')).toEqual(['(integer) 0', 0]);
    expect(c.run('kv1', 'EXPIRE', 'a', 'x')).toBe('(error) ERR not started as an integer');
    expect(c.run('kv1', 'EXPIREAT', 'a', 'x')).toBe('(error) ERR value is not an integer or out of range');
    c.run('kv1', 'PEXPIRE', 'a', '100');
    c.wait(101);
    expect(c.run('kv1', 'EXISTS', 'a', 'a')).toBe('(integer) 0');
    expect(c.run('kv1', 'TTL', 'a')).toBe('(integer) -2');
    expect(write(c, 'DEL', 'a')).toEqual(['(integer) 0', 0]);
  });

  it('DEL counts a repeated key each time, one Delete apiece', () => {
    const c = oneNode();
    c.run('kv1', 'SET', 'k', 'v');
    expect(write(c, 'DEL', 'k', 'k')).toEqual(['(integer) 2', 2]);
  });
});

describe('KEYS, SCAN, DBSIZE, FLUSHDB, FLUSHALL', () => {
  it('KEYS takes only a prefix pattern and lists keys by slot', () => {
    const c = oneNode();
    for (const key of ['a', 'b', 'c', 'ab']) c.run('kv1', 'SET', key, '1');
    expect(c.run('kv1', 'KEYS', '*')).toBe('1) "b"\n2) "c"\n3) "ab"\n4) "a"');
    expect(c.run('kv1', 'KEYS', 'a*')).toBe('1) "ab"\n2) "a"');
    expect(c.run('kv1', 'KEYS', '*a')).toBe('(error) ERR only keys prefix match was supported');
  });

  it('SCAN pages with COUNT and looks for a MATCH prefix in at most 51 slots from the start', () => {
    const c = oneNode();
    for (const key of ['a', 'b', 'c']) c.run('kv1', 'SET', key, '1');
    const page = c.run('kv1', 'SCAN', '0', 'COUNT', '2').split('\n');
    expect(page.slice(1)).toEqual(['2) 1) "b"', '   2) "c"']);
    const cursor = /"(\d+)"/.exec(page[0]!)![1]!;
    expect(c.run('kv1', 'SCAN', cursor, 'COUNT', '2')).toBe('1) "0"\n2) 1) "a"');
    // "a" lives in slot 15495: slots 0..50 hold no "a" key, so the scan stops at the next key.
    expect(c.run('kv1', 'SCAN', '0', 'MATCH', 'a*')).toMatch(/^1\) "[1-9]\d*"\n2\) \(empty array\)$/);
    expect(c.run('kv1', 'SCAN', '0', 'COUNT', '0')).toBe('(error) ERR limit should be a positive integer');
    expect(c.run('kv1', 'SCAN', '0', 'TYPE', 'bogus')).toBe('(error) ERR Invalid type');
  });

  it('DBSIZE reports the last scan; FLUSHDB always takes a sequence number, FLUSHALL only with keys stored', () => {
    const c = oneNode();
    c.run('kv1', 'SET', 'a', '1', 'EX', '100');
    c.run('kv1', 'SET', 'b', '1');
    expect(c.run('kv1', 'DBSIZE')).toBe('(integer) 0');
    expect(c.run('kv1', 'DBSIZE', 'SCAN')).toBe('OK');
    expect(c.run('kv1', 'DBSIZE', 'SCAN')).toBe('(error) ERR scanning the db now');
    c.wait(10);
    expect(c.run('kv1', 'DBSIZE')).toBe('(integer) 2');
    expect(c.run('kv1', 'INFO', 'keyspace')).toContain('db0:keys=2,expires=1,avg_ttl=99,expired=0');
    expect(write(c, 'FLUSHALL')).toEqual(['OK', 1]);
    expect(write(c, 'FLUSHALL')).toEqual(['OK', 0]);
    expect(write(c, 'FLUSHDB')).toEqual(['OK', 1]);
  });
});
