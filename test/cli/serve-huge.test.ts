// Issue 12 point 2: one client's huge command does not hold the others. While one socket sends a
// SADD of 1,000,000 members, or gets a 200,000-item reply, another socket's PINGs are answered,
// and both get their replies in order; a huge MSET is applied to the keyspace in idle ticks. Only
// order and correctness are asserted, never a time.
import { createConnection, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, settleKeyspaces, type Served } from '../../src/cli/serve.ts';
import { World } from '../../src/kvrocks/world.ts';
import type { WriteOp } from '../../src/protocol/wal.ts';
import { suggestedNodeId } from '../../src/protocol/node-ids.ts';

const BASE = 34201;
let served: Served;

beforeAll(async () => {
  served = await serve({ nodes: 1, mode: 'fixed', seed: 1, basePort: BASE, speed: 1 });
  const node = served.world.nodes[0]!;
  const client = node.localClient();
  const id = suggestedNodeId(node.name);
  served.world.exec(node, client, ['CLUSTERX', 'SETNODEID', id]);
  served.world.exec(node, client, ['CLUSTERX', 'SETNODES', `${id} 127.0.0.1 ${BASE} master - 0-16383`, '1']);
});
afterAll(() => served.close());

function connect(): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = createConnection(BASE, '127.0.0.1', () => resolve(socket));
    socket.setNoDelay(true);
  });
}

/** Everything a socket receives, as text, and a way to wait until it holds `text`. */
function received(socket: Socket) {
  let all = '';
  const waiters: (() => void)[] = [];
  socket.on('data', (chunk: Buffer) => {
    all += chunk.toString('latin1');
    for (const wake of waiters.splice(0)) wake();
  });
  const until = async (done: (text: string) => boolean): Promise<string> => {
    while (!done(all)) await new Promise<void>((resolve) => waiters.push(resolve));
    return all;
  };
  return { text: () => all, until };
}

const command = (...argv: string[]) => `*${argv.length}\r\n${argv.map((a) => `$${Buffer.byteLength(a, 'latin1')}\r\n${a}\r\n`).join('')}`;

describe('kvlab serve: a huge command and another client', () => {
  it("answers another socket's PINGs while a 1,000,000-member SADD runs, and keeps each socket's order", async () => {
    const members = 1_000_000;
    const head = `*${members + 2}\r\n$4\r\nSADD\r\n$1\r\ns\r\n`;
    const body = Array.from({ length: members }, (_, i) => `$${String(i).length}\r\n${i}\r\n`).join('');
    const huge = await connect();
    const other = await connect();
    const hugeIn = received(huge);
    const otherIn = received(other);
    // The huge SADD, then in the same write a read of its result and a PING: they wait for it.
    huge.write(Buffer.from(head + body + command('SCARD', 's') + command('PING'), 'latin1'));

    let sent = 0;
    let answeredBeforeHuge = 0;
    while (hugeIn.text() === '') {
      sent++;
      other.write(command('PING'));
      const text = await otherIn.until((t) => t.length >= sent * '+PONG\r\n'.length);
      if (hugeIn.text() === '') answeredBeforeHuge++;
      expect(text).toBe('+PONG\r\n'.repeat(sent));
    }
    expect(answeredBeforeHuge).toBeGreaterThan(0);

    expect(await hugeIn.until((t) => t.endsWith('+PONG\r\n'))).toBe(`:${members}\r\n:${members}\r\n+PONG\r\n`);
    other.write(command('SISMEMBER', 's', '999999') + command('SCARD', 's'));
    expect(await otherIn.until((t) => t.endsWith(`:${members}\r\n`))).toBe(`${'+PONG\r\n'.repeat(sent)}:1\r\n:${members}\r\n`);
    huge.destroy();
    other.destroy();
  }, 60_000);

  it("writes a 200,000-item MGET reply in slices: the bytes are whole, the next reply follows it, another socket's PINGs are answered", async () => {
    const keys = 200_000;
    const big = await connect();
    const other = await connect();
    const bigIn = received(big);
    const otherIn = received(other);
    const mget = `*${keys + 1}\r\n$4\r\nMGET\r\n${Array.from({ length: keys }, (_, i) => `$${`{t}${i}`.length}\r\n{t}${i}\r\n`).join('')}`;
    big.write(Buffer.from(command('SET', '{t}7', 'seven') + mget + command('PING'), 'latin1'));
    const expected = `+OK\r\n*${keys}\r\n${'$-1\r\n'.repeat(7)}$5\r\nseven\r\n${'$-1\r\n'.repeat(keys - 8)}+PONG\r\n`;
    let sent = 0;
    while (!bigIn.text().endsWith('+PONG\r\n')) {
      sent++;
      other.write(command('PING'));
      await otherIn.until((t) => t.length >= sent * '+PONG\r\n'.length);
    }
    expect(bigIn.text()).toBe(expected);
    expect(otherIn.text()).toBe('+PONG\r\n'.repeat(sent));
    big.destroy();
    other.destroy();
  }, 60_000);

  it('a 100,000-key MSET is applied to the keyspace in idle ticks, with nothing reading it; its values read back after', async () => {
    const pairs = 100_000;
    const socket = await connect();
    const into = received(socket);
    const mset = `*${2 * pairs + 1}\r\n$4\r\nMSET\r\n${Array.from({ length: pairs }, (_, i) => `$${`{m}${i}`.length}\r\n{m}${i}\r\n$${`v${i}`.length}\r\nv${i}\r\n`).join('')}`;
    socket.write(Buffer.from(mset, 'latin1'));
    await into.until((t) => t === '+OK\r\n');
    const keys = served.world.nodes[0]!.storage.keys;
    while (keys.pending > 0) await new Promise((resolve) => setTimeout(resolve, 20));
    socket.write(command('GET', '{m}99999') + command('GET', '{m}0'));
    expect(await into.until((t) => t.length >= '+OK\r\n$6\r\nv99999\r\n$2\r\nv0\r\n'.length)).toBe('+OK\r\n$6\r\nv99999\r\n$2\r\nv0\r\n');
    socket.destroy();
  }, 60_000);
});

describe('settleKeyspaces: what huge writes left to apply, a shard at a time until told to stop', () => {
  it('applies shards node after node, as many as `enough` allows', async () => {
    const world = new World({ nodes: 2, seed: 1, mode: 'fixed' });
    const ops: WriteOp[] = Array.from({ length: 20_000 }, (_, i) => ({ op: 'put', key: `k${i}`, entry: { value: { type: 'string', text: 'v' }, expireAt: 0 } }));
    for (const node of world.nodes) node.storage.write(ops);
    const pending = () => world.nodes.map((node) => node.storage.keys.pending);
    expect(pending()).toEqual([256, 256]);
    // Enough after n shards.
    const shards = (n: number) => {
      let settled = 0;
      return () => ++settled >= n;
    };
    settleKeyspaces(world, shards(10));
    expect(pending()).toEqual([246, 256]);
    settleKeyspaces(world, shards(250));
    expect(pending()).toEqual([0, 252]);
    settleKeyspaces(world, () => false);
    expect(pending()).toEqual([0, 0]);
    expect(world.nodes[1]!.storage.entry('k19999')?.value).toEqual({ type: 'string', text: 'v' });
  });
});
