// Issue 12: `kvlab serve` driven by real clients in cluster mode with their default options
// (redis-cli -c, ioredis, node-redis), on a base port that is not the model's default.
import { execFile, spawn } from 'node:child_process';
import { createConnection, createServer, type Socket } from 'node:net';
import { promisify } from 'node:util';
import { Cluster } from 'ioredis';
import { createCluster, RESP_TYPES } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type Served } from '../../src/cli/serve.ts';
import { keySlot } from '../../src/kvrocks/cluster/crc16.ts';
import { suggestedNodeId } from '../../src/protocol/node-ids.ts';

const BASE = 37101;
const run = promisify(execFile);
const ALL_BYTES = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
let served: Served;

/** Three shards of one master and one replica each, every address a served port. */
function bootstrap(s: Served): void {
  const ids = s.world.nodes.map((n) => suggestedNodeId(n.name));
  const port = (i: number) => s.ports[i]!;
  const ranges = ['0-5460', '5461-10922', '10923-16383'];
  const payload = [
    ...ranges.map((range, i) => `${ids[i]} 127.0.0.1 ${port(i)} master - ${range}`),
    ...ranges.map((_, i) => `${ids[i + 3]} 127.0.0.1 ${port(i + 3)} slave ${ids[i]}`),
  ].join('\n');
  for (const [i, node] of s.world.nodes.entries()) {
    const client = node.localClient();
    expect(s.world.exec(node, client, ['CLUSTERX', 'SETNODEID', ids[i]!])).toEqual({ type: 'status', text: 'OK' });
    expect(s.world.exec(node, client, ['CLUSTERX', 'SETNODES', payload, '1'])).toEqual({ type: 'status', text: 'OK' });
  }
}

/** Raw bytes in, everything the server sends until it closes or goes quiet, out. */
function rawExchange(port: number, data: Buffer, quietMs = 300): Promise<{ bytes: Buffer; closed: boolean }> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let timer: NodeJS.Timeout;
    const done = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes: Buffer.concat(chunks), closed });
    };
    const quiet = () => {
      clearTimeout(timer);
      timer = setTimeout(() => done(false), quietMs);
    };
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      quiet();
    });
    socket.on('close', () => done(true));
    socket.on('connect', () => {
      socket.write(data);
      quiet();
    });
  });
}

describe('kvlab serve with real cluster clients, on base port 37101', () => {
  beforeAll(async () => {
    served = await serve({ nodes: 6, mode: 'fixed', seed: 1, basePort: BASE, speed: 1 });
    bootstrap(served);
    served.world.runFor(1500);
  });
  afterAll(async () => {
    await served.close();
  });

  it('advertises only the ports it serves: CLUSTER SLOTS, CLUSTER NODES, MOVED, INFO', async () => {
    const slots = (await run('redis-cli', ['--no-raw', '-p', String(BASE), 'CLUSTER', 'SLOTS'])).stdout;
    const ports = [...slots.matchAll(/\(integer\) (\d+)$/gm)].map((m) => Number(m[1])).filter((p) => p > 16383);
    expect(new Set(ports)).toEqual(new Set(served.ports));
    const nodes = (await run('redis-cli', ['--no-raw', '-p', String(BASE + 3), 'CLUSTER', 'NODES'])).stdout;
    expect([...nodes.matchAll(/127\.0\.0\.1:(\d+)@/g)].map((m) => Number(m[1])).sort()).toEqual([...served.ports].sort());
    const moved = (await run('redis-cli', ['--no-raw', '-p', String(BASE), 'GET', 'foo'])).stdout; // slot 12182: the third shard
    expect(moved.trim()).toBe(`(error) MOVED 12182 127.0.0.1:${BASE + 2}`);
    const info = (await run('redis-cli', ['--no-raw', '-p', String(BASE + 3), 'INFO', 'replication'])).stdout;
    expect(info).toContain(`master_port:${BASE}`);
    expect(info).toContain('master_link_status:up');
    expect((await run('redis-cli', ['--no-raw', '-p', String(BASE), 'INFO', 'replication'])).stdout).toMatch(new RegExp(`slave0:ip=127\\.0\\.0\\.1,port=${BASE + 3},offset=\\d+,lag=0`));
  });

  it('redis-cli -c follows MOVED to the right served node, and the write replicates there', async () => {
    expect((await run('redis-cli', ['--no-raw', '-c', '-p', String(BASE), 'SET', 'foo', 'bar'])).stdout).toBe('OK\n');
    expect(served.world.nodes[2]!.storage.keys.has('foo')).toBe(true);
    served.world.runFor(50);
    expect(served.world.nodes[5]!.storage.keys.get('foo')?.value).toEqual({ type: 'string', text: 'bar' });
    expect((await run('redis-cli', ['--no-raw', '-c', '-p', String(BASE + 1), 'GET', 'foo'])).stdout).toBe('"bar"\n');
  });

  it('ioredis (default Cluster options): every byte 0x00-0xff round-trips, and a \\xff key lands on its slot', async () => {
    const cluster = new Cluster([{ host: '127.0.0.1', port: BASE }]);
    try {
      const key = Buffer.from([0xff, 0x20, 0x41]); // "\xff A"
      expect(await cluster.set(key, ALL_BYTES)).toBe('OK');
      expect(Buffer.compare((await cluster.getBuffer(key))!, ALL_BYTES)).toBe(0);
      // The slot the client computed is the slot the server stores it under (real Kvrocks: 4448).
      expect(keySlot(key.toString('latin1'))).toBe(4448);
      expect(served.world.nodes[0]!.storage.keys.has(key.toString('latin1'))).toBe(true);
      expect(await cluster.call('CLUSTER', 'KEYSLOT', key)).toBe(4448);
      // Replicated byte for byte: kv4 is kv1's replica.
      served.world.runFor(50);
      expect(served.world.nodes[3]!.storage.keys.get(key.toString('latin1'))?.value).toEqual({ type: 'string', text: ALL_BYTES.toString('latin1') });
      for (let i = 0; i < 20; i++) await cluster.set(`k${i}`, `v${i}`);
      expect(await cluster.get('k7')).toBe('v7');
    } finally {
      cluster.disconnect();
    }
  });

  it('node-redis (default createCluster, RESP3 HELLO): binary values round-trip through every shard', async () => {
    const cluster = createCluster({ rootNodes: [{ url: `redis://127.0.0.1:${BASE + 4}` }] });
    cluster.on('error', () => {});
    await cluster.connect();
    try {
      const binary = cluster.withTypeMapping({ [RESP_TYPES.BLOB_STRING]: Buffer });
      for (const key of ['a', 'b', 'c', 'foo', 'user:1']) {
        expect(await cluster.set(key, ALL_BYTES)).toBe('OK');
        expect(Buffer.compare((await binary.get(key)) as unknown as Buffer, ALL_BYTES)).toBe(0);
      }
      expect(await cluster.get('missing')).toBeNull();
    } finally {
      await cluster.close();
    }
  });

  it('HELLO 3 answers as real Kvrocks: proto 2 by default, RESP3 once resp3-enabled is yes', async () => {
    // Every key under the tag {x}: slot 16287, the third shard.
    const port = BASE + 2;
    expect(keySlot('x')).toBe(16287);
    const hello2 = await rawExchange(port, Buffer.from('HELLO 3\r\n'));
    expect(hello2.bytes.toString('latin1')).toBe(
      '*12\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n4.0.0\r\n$5\r\nproto\r\n:2\r\n$4\r\nmode\r\n$7\r\ncluster\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*-1\r\n',
    );
    const node = served.world.nodes[2]!;
    served.world.exec(node, node.localClient(), ['CONFIG', 'SET', 'resp3-enabled', 'yes']);
    try {
      const hello3 = await rawExchange(port, Buffer.from('HELLO 3\r\nGET {x}nokey\r\nHSET {x}h a 1 b 2\r\nHGETALL {x}h\r\nSADD {x}s x y\r\nSMEMBERS {x}s\r\nCONFIG GET port\r\nHELLO 2\r\nGET {x}nokey\r\n'));
      expect(hello3.bytes.toString('latin1')).toBe(
        [
          '%6\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n4.0.0\r\n$5\r\nproto\r\n:3\r\n$4\r\nmode\r\n$7\r\ncluster\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n_\r\n',
          '_\r\n',
          ':2\r\n',
          '%2\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n',
          ':2\r\n',
          '~2\r\n$1\r\nx\r\n$1\r\ny\r\n',
          `%1\r\n$4\r\nport\r\n$5\r\n${port}\r\n`,
          '*12\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$5\r\n4.0.0\r\n$5\r\nproto\r\n:2\r\n$4\r\nmode\r\n$7\r\ncluster\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*-1\r\n',
          '$-1\r\n',
        ].join(''),
      );
      const info = await rawExchange(port, Buffer.from('HELLO 3\r\nCLUSTER INFO\r\n'));
      expect(info.bytes.toString('latin1')).toMatch(/_\r\n=\d+\r\ntxt:cluster_state:ok\r\n/);
    } finally {
      served.world.exec(node, node.localClient(), ['CONFIG', 'SET', 'resp3-enabled', 'no']);
    }
  });

  it('a nil array is *-1 in RESP2, as real Kvrocks sends it (LPOP with a count on a missing key)', async () => {
    const { bytes } = await rawExchange(BASE + 2, Buffer.from('LPOP {x}nolist 5\r\nLPOP {x}nolist\r\nRPOP {x}nolist 2\r\n'));
    expect(bytes.toString('latin1')).toBe('*-1\r\n$-1\r\n*-1\r\n');
  });

  it('CLIENT KILL ID closes exactly that connection, and answers 1', async () => {
    const victim = await connected(BASE + 1);
    const victimId = Number((await send(victim, 'CLIENT ID\r\n')).slice(1));
    const closed = new Promise<void>((resolve) => victim.once('close', () => resolve()));
    const other = await connected(BASE + 1);
    try {
      expect(await send(other, `CLIENT KILL ID ${victimId}\r\n`)).toBe(':1\r\n');
      await closed;
      expect(await send(other, `CLIENT KILL ID ${victimId}\r\n`)).toBe(':0\r\n');
      expect(await send(other, 'CLIENT KILL LADDR 127.0.0.1:1\r\n')).toBe('-ERR syntax error\r\n');
      const victimAddr = await connected(BASE + 1);
      const addr = /addr=(\S+)/.exec(await send(victimAddr, 'CLIENT INFO\r\n'))![1]!;
      const gone = new Promise<void>((resolve) => victimAddr.once('close', () => resolve()));
      expect(await send(other, `CLIENT KILL ${addr}\r\n`)).toBe('+OK\r\n');
      await gone;
      expect(await send(other, 'CLIENT KILL 127.0.0.1:1\r\n')).toBe('-ERR No such client\r\n');
      expect(await send(other, 'CLIENT KILL SKIPME yes TYPE normal\r\n')).toMatch(/^:\d+\r\n$/);
      expect(await send(other, 'PING\r\n')).toBe('+PONG\r\n');
    } finally {
      other.destroy();
    }
  });

  it("refuses what exceeds Kvrocks' request limits with its errors, then closes", async () => {
    const inline = await rawExchange(BASE, Buffer.from(`ECHO ${'x'.repeat(16380)}\r\n`));
    expect(inline).toEqual({ bytes: Buffer.from('-ERR Protocol error: invalid bulk length\r\n'), closed: true });
    const exact = await rawExchange(BASE, Buffer.from(`ECHO ${'x'.repeat(16379)}\r\n`));
    expect(exact.bytes.toString()).toBe(`$16379\r\n${'x'.repeat(16379)}\r\n`);
    expect(await rawExchange(BASE, Buffer.from('*2000000\r\n'))).toEqual({ bytes: Buffer.from('-ERR Protocol error: invalid multibulk length\r\n'), closed: true });
    expect(await rawExchange(BASE, Buffer.from('*1\r\n$536870913\r\n'))).toEqual({ bytes: Buffer.from('-ERR Protocol error: invalid bulk length\r\n'), closed: true });
    expect(await rawExchange(BASE, Buffer.from('*1\r\n+PING\r\n'))).toEqual({ bytes: Buffer.from("-ERR Protocol error: expected '$'\r\n"), closed: true });
  });

  it('a failed listen stops the whole server with a clear message and a non-zero exit', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(BASE + 52, '127.0.0.1', () => resolve()));
    try {
      const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/kvlab-source.ts', 'serve', '--nodes', '3', '--port', String(BASE + 50)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(2);
      expect(stderr).toBe(`kvlab serve: cannot listen: 127.0.0.1:${BASE + 52} is already in use (EADDRINUSE)\n`);
      // The ports it had opened are free again.
      const again = createServer();
      await new Promise<void>((resolve, reject) => again.once('error', reject).listen(BASE + 50, '127.0.0.1', () => resolve()));
      await new Promise((resolve) => again.close(resolve));
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 20_000);
});

function connected(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1', () => resolve(socket));
  });
}

/** Sends one command and resolves with the first reply chunk. */
function send(socket: Socket, command: string): Promise<string> {
  return new Promise((resolve) => {
    socket.once('data', (d: Buffer) => resolve(d.toString('latin1')));
    socket.write(command);
  });
}
