// Server commands (K-2024 cmd_server.cc): COMMAND, HELLO, TIME, QUIT, and the command table.
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../../src/kvrocks/commands/registry.ts';
import { KVROCKS_COMMANDS } from '../../../src/kvrocks/commands/command-table.ts';
import { Session } from '../../../src/lab/session.ts';
import { TestCluster } from '../../support/cluster.ts';

describe('the command table', () => {
  const rows = new Map(KVROCKS_COMMANDS.map((row) => [row[0], row]));
  it.each(COMMANDS.map((command) => [command.name, command] as const))('%s has upstream’s arity, write flag and keys', (name, command) => {
    const row = rows.get(name);
    expect(row, `${name} is not in K-2024's COMMAND table`).toBeDefined();
    const [, arity, flag, first, last, step] = row!;
    expect(command.arity).toBe(arity);
    expect(command.flags.includes('write')).toBe(flag === 'write');
    expect(command.keys ?? [0, 0, 0]).toEqual(first > 0 ? [first, last, step] : [0, 0, 0]);
  });

  it('COMMAND COUNT and INFO come from it', () => {
    const c = new TestCluster(1);
    expect(c.run('kv1', 'COMMAND', 'COUNT')).toBe('(integer) 290');
    expect(c.run('kv1', 'COMMAND', 'INFO', 'MSET', 'nosuch')).toBe(
      '1) 1) "mset"\n   2) (integer) -3\n   3) 1) "write"\n   4) (integer) 1\n   5) (integer) -1\n   6) (integer) 2\n2) (nil)',
    );
    expect(c.run('kv1', 'COMMAND', 'GETKEYS', 'eval', 'return 1', '1', 'k')).toBe('1) "k"');
    expect(c.run('kv1', 'COMMAND', 'GETKEYS', 'ping')).toBe('(error) ERR The command has no key arguments');
    expect(c.run('kv1', 'COMMAND', 'GETKEYS', 'get')).toBe('(error) ERR Invalid number of arguments specified for command');
  });

  it('a real command the model does not run says so after the arity check; an unknown one gets the unknown-command error', () => {
    const c = new TestCluster(1);
    expect(c.run('kv1', 'ZADD', 'z')).toBe('(error) ERR wrong number of arguments');
    expect(c.run('kv1', 'EVAL', 'return 1', '0')).toBe('(error) ERR kvlab: EVAL is not modelled');
    expect(c.run('kv1', 'REPLICAOF', 'NO', 'ONE')).toBe('(error) ERR unknown command `REPLICAOF`, with args beginning with: `NO`, `ONE`');
  });
});

describe('HELLO, TIME, QUIT', () => {
  it('HELLO answers proto 2 for 2 and 3 (resp3-enabled no) and sets the name', () => {
    const c = new TestCluster(1);
    const hello = c.run('kv1', 'HELLO', '3', 'SETNAME', 'x');
    expect(hello.split('\n').slice(4, 6)).toEqual([' 5) "proto"', ' 6) (integer) 2']);
    expect(c.run('kv1', 'CLIENT', 'GETNAME')).toBe('"x"');
    expect(c.run('kv1', 'HELLO', '4')).toBe('(error) NOPROTO unsupported protocol version');
    expect(c.run('kv1', 'HELLO', '2', 'AUTH', 'pw')).toBe('(error) ERR Client sent AUTH, but no password is set');
  });

  it('TIME is the simulated wall clock', () => {
    const c = new TestCluster(1);
    c.wait(1234);
    expect(c.run('kv1', 'TIME')).toBe('1) "1730419201"\n2) "234000"');
  });

  it('QUIT answers OK and the connection is gone on the next command', () => {
    const s = new Session({ nodes: 1, seed: 1, mode: 'buggy' });
    expect(s.run('QUIT').output).toBe('OK');
    expect(s.run('PING').output).toBe('Error: Server closed the connection');
    expect(s.run('CLIENT ID').output).toBe('(integer) 2');
  });
});
