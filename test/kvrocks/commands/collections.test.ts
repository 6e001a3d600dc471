// Hashes, lists and sets (K-2024 redis_hash.cc, redis_list.cc, redis_set.cc): each field, element
// or member is a subkey, so a write takes one sequence number per subkey it touches, plus the metadata.
import { describe, expect, it } from 'vitest';
import { bootstrapS1 } from '../../support/cluster.ts';
import { oneNode, write } from './data-support.ts';

describe('hashes', () => {
  it('HSET counts added fields and writes only what changes', () => {
    const c = oneNode();
    expect(write(c, 'HSET', 'h', 'b', '2', 'a', '1')).toEqual(['(integer) 2', 3]);
    expect(write(c, 'HSET', 'h', 'a', '9')).toEqual(['(integer) 0', 1]);
    expect(write(c, 'HSET', 'h', 'a', '9')).toEqual(['(integer) 0', 0]);
    expect(write(c, 'HSET', 'h', 'x', '1', 'x', '2')).toEqual(['(integer) 1', 2]);
    expect(c.run('kv1', 'HGETALL', 'h')).toBe('1) "a"\n2) "9"\n3) "b"\n4) "2"\n5) "x"\n6) "2"');
    expect(c.run('kv1', 'HSET', 'h', 'f')).toBe('(error) ERR wrong number of arguments');
  });

  it('HDEL of the last field leaves an empty hash that reads as missing, though TTL says -1', () => {
    const c = oneNode();
    c.run('kv1', 'HSET', 'h', 'f', 'v');
    expect(write(c, 'HDEL', 'h', 'f', 'f', 'zz')).toEqual(['(integer) 1', 2]);
    expect(c.run('kv1', 'EXISTS', 'h')).toBe('(integer) 0');
    expect(c.run('kv1', 'TYPE', 'h')).toBe('none');
    expect(c.run('kv1', 'TTL', 'h')).toBe('(integer) -1');
    expect(c.run('kv1', 'KEYS', '*')).toBe('(empty array)');
  });

  it('HINCRBY parses the field as an int64', () => {
    const c = oneNode();
    expect(write(c, 'HINCRBY', 'h', 'n', '5')).toEqual(['(integer) 5', 2]);
    expect(write(c, 'HINCRBY', 'h', 'n', '5')).toEqual(['(integer) 10', 1]);
    c.run('kv1', 'HSET', 'h', 's', 'x');
    expect(c.run('kv1', 'HINCRBY', 'h', 's', '1')).toBe('(error) ERR Invalid argument: not started as an integer');
  });
});

describe('lists', () => {
  it('pushes put each element and the metadata; pops delete them and update or delete the metadata', () => {
    const c = oneNode();
    expect(write(c, 'LPUSH', 'l', 'a', 'b', 'c')).toEqual(['(integer) 3', 4]);
    expect(c.run('kv1', 'LRANGE', 'l', '0', '-1')).toBe('1) "c"\n2) "b"\n3) "a"');
    expect(write(c, 'LPOP', 'l', '0')).toEqual(['(empty array)', 1]);
    expect(write(c, 'RPOP', 'l', '5')).toEqual(['1) "a"\n2) "b"\n3) "c"', 4]);
    expect(c.run('kv1', 'LPOP', 'l', '2')).toBe('(nil)');
    expect(c.run('kv1', 'LPOP', 'l', '-1')).toBe('(error) ERR value is out of range, must be positive');
    expect(write(c, 'LPUSHX', 'l', 'z')).toEqual(['(integer) 0', 0]);
  });
});

describe('sets', () => {
  it('SADD counts new members; SREM of the last member deletes the key', () => {
    const c = oneNode();
    expect(write(c, 'SADD', 's', 'c', 'a', 'b', 'a')).toEqual(['(integer) 3', 4]);
    expect(write(c, 'SADD', 's', 'a')).toEqual(['(integer) 0', 0]);
    expect(c.run('kv1', 'SMEMBERS', 's')).toBe('1) "a"\n2) "b"\n3) "c"');
    expect(write(c, 'SREM', 's', 'a', 'a', 'zz')).toEqual(['(integer) 1', 2]);
    expect(write(c, 'SREM', 's', 'b', 'c', 'b', 'zz')).toEqual(['(integer) 2', 3]);
    expect(c.node('kv1').storage.entry('s')).toBeUndefined();
  });
});

describe('replication of typed writes', () => {
  it('replicas apply the same batches: same sequence, same values, expiry on their own clock', () => {
    const c = bootstrapS1();
    c.run('kv1', 'HSET', 'h', 'a', '1', 'b', '2');
    c.run('kv1', 'RPUSH', 'l', 'x', 'y');
    c.run('kv1', 'SET', 's', 'v', 'PX', '500');
    c.run('kv1', 'FLUSHDB');
    c.run('kv1', 'SADD', 'st', 'm');
    c.wait(100);
    expect(c.info('kv2', 'keyspace').sequence).toBe(String(c.node('kv1').storage.latestSeq));
    c.run('kv2', 'READONLY');
    expect(c.run('kv2', 'SMEMBERS', 'st')).toBe('1) "m"');
    expect(c.run('kv2', 'KEYS', '*')).toBe('1) "st"');
  });
});
