// String commands (K-2024 cmd_string.cc, redis_string.cc): replies, errors and sequence numbers.
import { describe, expect, it } from 'vitest';
import { oneNode, write } from './data-support.ts';

describe('SET and its options', () => {
  it('NX/XX/GET/KEEPTTL decide whether it writes; each write is one sequence number', () => {
    const c = oneNode();
    expect(write(c, 'SET', 'a', '1')).toEqual(['OK', 1]);
    expect(write(c, 'SET', 'a', '2', 'NX')).toEqual(['(nil)', 0]);
    expect(write(c, 'SET', 'a', '3', 'XX', 'GET')).toEqual(['"1"', 1]);
    expect(write(c, 'SET', 'b', '3', 'XX', 'GET')).toEqual(['(nil)', 0]);
    expect(write(c, 'SET', 'a', '4', 'NX', 'GET')).toEqual(['"3"', 0]);
  });

  it('parses its flags with upstream errors', () => {
    const c = oneNode();
    expect(c.run('kv1', 'SET', 'a', '1', 'NX', 'XX')).toBe('(error) ERR syntax error');
    expect(c.run('kv1', 'SET', 'a', '1', 'EX')).toBe('(error) ERR no more item to parse');
    expect(c.run('kv1', 'SET', 'a', '1', 'EX', '0')).toBe('(error) ERR out of numeric range');
    expect(c.run('kv1', 'SET', 'a', '1', 'EX', 'x')).toBe('(error) ERR not started as an integer');
    expect(c.run('kv1', 'SET', 'a', '1', 'EX', '10', 'PX', '5')).toBe('(error) ERR syntax error');
    expect(c.run('kv1', 'SET', 'a', '1', 'EX', '10', 'EX', '20')).toBe('OK');
    expect(c.run('kv1', 'SET', 'a', '1', 'KEEPTTL', 'EX', '1')).toBe('(error) ERR syntax error');
  });

  it('EX expires on the simulated clock; KEEPTTL keeps it, a plain SET drops it', () => {
    const c = oneNode();
    c.run('kv1', 'SET', 'a', '1', 'EX', '10');
    c.wait(1500);
    expect(c.run('kv1', 'TTL', 'a')).toBe('(integer) 8');
    c.run('kv1', 'SET', 'a', '2', 'KEEPTTL');
    expect(c.run('kv1', 'PTTL', 'a')).toBe('(integer) 8500');
    c.wait(9000);
    expect(c.run('kv1', 'GET', 'a')).toBe('(nil)');
    c.run('kv1', 'SET', 'a', '3', 'PX', '100');
    c.run('kv1', 'SET', 'a', '4');
    expect(c.run('kv1', 'TTL', 'a')).toBe('(integer) -1');
  });
});

describe('counters', () => {
  it('INCR and friends keep the TTL, check overflow and what the stored value is', () => {
    const c = oneNode();
    expect(write(c, 'INCRBY', 'i', '10')).toEqual(['(integer) 10', 1]);
    expect(c.run('kv1', 'DECRBY', 'i', '-9223372036854775808')).toBe('(error) ERR decrement would overflow');
    c.run('kv1', 'SET', 'big', '9223372036854775807');
    expect(c.run('kv1', 'INCR', 'big')).toBe('(error) ERR Invalid argument: increment or decrement would overflow');
    c.run('kv1', 'SET', 'sp', ' 1');
    expect(c.run('kv1', 'INCR', 'sp')).toBe('(error) ERR Invalid argument: value is not an integer');
    c.run('kv1', 'SET', 'f', '1.5');
    expect(c.run('kv1', 'INCR', 'f')).toBe('(error) ERR Invalid argument: value is not an integer or out of range');
    c.run('kv1', 'SET', 't', '5', 'EX', '100');
    c.run('kv1', 'INCR', 't');
    expect(c.run('kv1', 'TTL', 't')).toBe('(integer) 100');
  });

  it('INCRBYFLOAT replies with %.17g and stores std::to_string', () => {
    const c = oneNode();
    expect(c.run('kv1', 'INCRBYFLOAT', 'f', '0.1')).toBe('"0.10000000000000001"');
    expect(c.run('kv1', 'GET', 'f')).toBe('"0.100000"');
    expect(c.run('kv1', 'INCRBYFLOAT', 'f', 'abc')).toBe('(error) ERR value is not a valid float');
    expect(c.run('kv1', 'INCRBYFLOAT', 'f', 'inf')).toBe('(error) ERR Invalid argument: increment would produce NaN or Infinity');
  });

  it('on an expired key still stored, INCR fails and APPEND grows the dead raw value (String::Append/IncrBy)', () => {
    const c = oneNode();
    c.run('kv1', 'SET', 't', 'abc', 'PX', '50');
    c.wait(100);
    expect(write(c, 'INCR', 't')).toEqual(['(error) ERR Invalid argument: value is not an integer or out of range', 0]);
    expect(write(c, 'APPEND', 't', 'xy')).toEqual(['(integer) 14', 1]);
    expect(c.run('kv1', 'APPEND', 't', 'z')).toBe('(integer) 24');
    expect(c.run('kv1', 'GET', 't')).toBe('(nil)');
  });
});

describe('multi-key strings', () => {
  it('MSET writes one sequence number per key; MGET answers nil for another type; MSETNX checks existence', () => {
    const c = oneNode();
    expect(write(c, 'MSET', '{t}1', 'a', '{t}2', 'b')).toEqual(['OK', 2]);
    expect(c.run('kv1', 'MSET', 'x', '1', 'y')).toBe('(error) ERR wrong number of arguments');
    expect(c.run('kv1', 'MSET', 'x', '1', 'y', '2')).toBe("(error) CROSSSLOT Attempted to access keys that don't hash to the same slot");
    c.run('kv1', 'HSET', '{t}h', 'f', 'v');
    expect(c.run('kv1', 'MGET', '{t}1', '{t}h', '{t}3')).toBe('1) "a"\n2) (nil)\n3) (nil)');
    expect(write(c, 'MSETNX', '{t}1', 'z', '{t}9', 'z')).toEqual(['(integer) 0', 0]);
  });

  it('GET on another type reads the metadata twice (the bitmap fallback): two misses', () => {
    const c = oneNode();
    c.run('kv1', 'HSET', 'h', 'f', 'v');
    const before = c.stats();
    expect(c.run('kv1', 'GET', 'h')).toBe('(error) ERR Invalid argument: WRONGTYPE Operation against a key holding the wrong kind of value');
    expect(c.stats()).toEqual({ hits: before.hits, misses: before.misses + 2 });
  });
});
