// CLIENT ID/LIST/INFO/KILL and connection accounting, through the console as redis-cli sees them
// (K-2024 cmd_server.cc CommandClient, server.cc KillClient, worker.cc KillClient/AddConnection).
import { describe, expect, it } from 'vitest';
import { Session } from '../../../src/lab/session.ts';
import { bootstrapS1, TestCluster } from '../../support/cluster.ts';

const fresh = () => new Session({ nodes: 3, seed: 1, mode: 'buggy' });
const out = (s: Session, line: string) => s.run(line).output;
const field = (text: string, name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(text)?.[1];

describe('the console connection counts like a redis-cli one', () => {
  it("is kv1's client 1 from the start, counted in connected_clients and total_connections_received", () => {
    const s = fresh();
    s.run('@kv2 PING');
    expect(out(s, 'CLIENT ID')).toBe('(integer) 1');
    expect(field(out(s, 'INFO clients'), 'connected_clients')).toBe('1');
    expect(field(out(s, 'INFO stats'), 'total_connections_received')).toBe('1');
    expect(out(s, '@kv2 CLIENT ID')).toBe('(integer) 1');
  });

  it('connect makes a new connection (the old one is closed); .use reuses the node’s', () => {
    const s = fresh();
    s.run('.use kv2');
    expect(out(s, 'CLIENT ID')).toBe('(integer) 1');
    s.run('connect 127.0.0.1 30002');
    expect(out(s, 'CLIENT ID')).toBe('(integer) 2');
    expect(field(out(s, 'INFO clients'), 'connected_clients')).toBe('1');
    expect(field(out(s, 'INFO stats'), 'total_connections_received')).toBe('2');
  });

  it('a restarted node numbers its connections from 1 again', () => {
    const s = fresh();
    s.run('connect 127.0.0.1 30001');
    expect(out(s, 'CLIENT ID')).toBe('(integer) 2');
    s.run('.restart kv1');
    s.run('.wait 1s');
    expect(out(s, 'PING')).toBe('Error: Server closed the connection');
    expect(out(s, 'CLIENT ID')).toBe('(integer) 1');
  });

  it('replica connections take ids and count as received, but not as connected once PSYNC detaches them', () => {
    const c = bootstrapS1();
    expect(c.run('kv1', 'INFO', 'clients')).toContain('connected_clients:1\n');
    expect(c.run('kv1', 'INFO', 'stats')).toContain('total_connections_received:3\n');
    const list = c.run('kv1', 'CLIENT', 'LIST').split('\n');
    expect(list).toHaveLength(3);
    expect(list.filter((line) => / flags=S .* cmd=psync$/.test(line))).toHaveLength(2);
  });
});

describe('CLIENT KILL', () => {
  it('TYPE normal kills the caller too (SKIPME defaults to no): OK-count now, closed on the next command', () => {
    const s = fresh();
    expect(out(s, 'CLIENT KILL TYPE normal')).toBe('(integer) 1');
    expect(out(s, 'PING')).toBe('Error: Server closed the connection');
    expect(s.prompt()).toBe('not connected> ');
    expect(out(s, 'CLIENT ID')).toBe('(integer) 2');
    expect(out(s, 'CLIENT KILL TYPE normal SKIPME yes')).toBe('(integer) 0');
    expect(out(s, 'CLIENT KILL ID 2')).toBe('(integer) 1');
    expect(out(s, 'PING')).toBe('Error: Server closed the connection');
  });

  it('the old form answers OK or "No such client"; filters that match nobody count 0', () => {
    const s = fresh();
    expect(out(s, 'CLIENT KILL 1.2.3.4:5')).toBe('(error) ERR No such client');
    expect(out(s, 'CLIENT KILL TYPE')).toBe('(error) ERR No such client');
    expect(out(s, 'CLIENT KILL ADDR 1.2.3.4:5')).toBe('(integer) 0');
    expect(out(s, 'CLIENT KILL ID -1')).toBe('(integer) 0');
    expect(out(s, 'CLIENT KILL ID abc')).toBe('(error) ERR value is not an integer or out of range');
    expect(out(s, 'CLIENT KILL LADDR 127.0.0.1:30001')).toBe('(error) ERR syntax error');
    expect(out(s, 'CLIENT KILL SKIPME maybe ID 1')).toBe('(error) ERR syntax error');
    const addr = /addr=(\S+)/.exec(out(s, 'CLIENT INFO'))![1]!;
    expect(out(s, `CLIENT KILL ${addr}`)).toBe('OK');
  });

  it('a filter keyword with no value kills the process (Parse reads past the last argument)', () => {
    const s = fresh();
    expect(out(s, 'CLIENT KILL ID 5 FOO')).toBe('(error) ERR syntax error');
    expect(out(s, 'CLIENT KILL ID 5 TYPE')).toBe('Error: Server closed the connection');
    expect(s.world.find('kv1')!.running).toBe(false);
  });

  it('S12: TYPE slave stops every feed thread; ADDR matches a replica by its announced address', () => {
    const c = bootstrapS1();
    expect(c.run('kv1', 'CLIENT', 'KILL', 'ADDR', '127.0.0.1:30002')).toBe('(integer) 1');
    c.wait(200);
    expect(c.info('kv1').connected_slaves).toBe('1');
    c.wait(2500);
    expect(c.info('kv1').connected_slaves).toBe('2');
    expect(c.run('kv1', 'CLIENT', 'KILL', 'TYPE', 'slave')).toBe('(integer) 2');
    c.wait(200);
    expect(c.info('kv1').connected_slaves).toBe('0');
  });

  it('on a replica, TYPE master and ADDR <master> restart the replication thread and count 1', () => {
    const c = bootstrapS1();
    expect(c.run('kv2', 'CLIENT', 'KILL', 'TYPE', 'master')).toBe('(integer) 1');
    expect(c.run('kv2', 'CLIENT', 'KILL', '127.0.0.1:30001')).toBe('OK');
    expect(c.run('kv2', 'CLIENT', 'KILL', 'TYPE', 'slave')).toBe('(integer) 0');
  });
});

describe('CLIENT LIST and CLIENT INFO', () => {
  it("print Connection::ToString: id, addr, fd, name, age, idle, flags, namespace, qbuf, obuf, last command", () => {
    const c = new TestCluster(1);
    c.run('kv1', 'CLIENT', 'SETNAME', 'me');
    c.wait(2000);
    expect(c.run('kv1', 'CLIENT', 'INFO')).toMatch(/^id=1 addr=127\.0\.0\.1:\d+ fd=\d+ name=me age=2 idle=0 flags=N namespace=__namespace qbuf=0 obuf=0 cmd=client$/);
    expect(c.run('kv1', 'CLIENT', 'LIST')).toBe(c.run('kv1', 'CLIENT', 'INFO'));
    expect(c.run('kv1', 'CLIENT', 'SETNAME', 'a b')).toBe('(error) ERR Client names cannot contain spaces, newlines or special characters');
  });
});
