/**
 * How long one client's 100 MB bulk blocks everything else in `kvlab serve`: the longest event-loop
 * stall while it arrives and replicates (perf_hooks.monitorEventLoopDelay), with `serve` running
 * in this process, beside the same figure for a bare Node TCP server that only keeps the bytes
 * (the floor: Node's own reading and collecting). The sender is a child process, so its copying
 * is not counted. Median of three rounds each.
 */
import { execFile, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { serve } from '../../src/cli/serve.ts';
import { median } from './stats.ts';

const run = promisify(execFile);
const SERVE_PORT = 39511;
const FLOOR_PORT = 39521;
const SIZE = 100 * 1024 * 1024;
const ROUNDS = 3;
const HEADER = `*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$${SIZE}\r\n`;

/** A child that connects, writes the SET and exits on the first reply byte. */
const sender = (port: number) => `
const net = require('node:net');
const request = Buffer.concat([Buffer.from(${JSON.stringify(HEADER)}), Buffer.alloc(${SIZE}, 0x61), Buffer.from('\\r\\n')]);
const socket = net.createConnection(${port}, '127.0.0.1', () => socket.write(request));
socket.on('data', () => process.exit(0));`;

/** The longest stall (ms) of this process's event loop while one child sends the SET to `port`. */
async function longestStall(port: number, settleMs: number): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const child = spawn(process.execPath, ['-e', sender(port)], { stdio: 'inherit' });
  histogram.enable();
  await new Promise((resolve) => child.once('exit', resolve));
  await new Promise((resolve) => setTimeout(resolve, settleMs)); // kv1 -> kv2 replication, after the reply
  histogram.disable();
  return histogram.max / 1e6;
}

/** Keeps every byte it receives and answers +OK once the whole request is in. */
function floorServer(): Promise<Server> {
  const request = HEADER.length + SIZE + 2;
  const server = createServer((socket) => {
    const kept: Buffer[] = [];
    let got = 0;
    socket.on('data', (chunk) => {
      kept.push(chunk);
      got += chunk.length;
      if (got === request) socket.end('+OK\r\n');
    });
  });
  return new Promise((resolve) => server.listen(FLOOR_PORT, '127.0.0.1', () => resolve(server)));
}

/** STRLEN big on the replica (READONLY first, on the same connection). */
function replicaStrlen(port: number): Promise<string> {
  return new Promise((resolve) => {
    const cli = spawn('redis-cli', ['-p', String(port)]);
    let out = '';
    cli.stdout.on('data', (d: Buffer) => (out += d.toString()));
    cli.on('exit', () => resolve(out.trim().split('\n').at(-1) ?? ''));
    cli.stdin.end('READONLY\nSTRLEN big\n');
  });
}

export async function loopDelayBench(): Promise<string[]> {
  const served = await serve({ nodes: 2, mode: 'fixed', seed: 1, basePort: SERVE_PORT, speed: 1 });
  const floor = await floorServer();
  try {
    const [a, b] = ['a'.repeat(40), 'b'.repeat(40)];
    const topology = `${a} 127.0.0.1 ${SERVE_PORT} master - 0-16383\n${b} 127.0.0.1 ${SERVE_PORT + 1} slave ${a}`;
    for (const [i, id] of [a, b].entries()) {
      await run('redis-cli', ['-p', String(SERVE_PORT + i), 'CLUSTERX', 'SETNODEID', id]);
      await run('redis-cli', ['-p', String(SERVE_PORT + i), 'CLUSTERX', 'SETNODES', topology, '1']);
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000)); // kv2's link comes up
    const kvlab: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      kvlab.push(await longestStall(SERVE_PORT, 500));
      bare.push(await longestStall(FLOOR_PORT, 500));
    }
    const replicated = await replicaStrlen(SERVE_PORT + 1);
    return [
      `one 100 MB SET (replicated to kv2: STRLEN ${replicated}): longest event-loop stall in kvlab serve ${median(kvlab).toFixed(1)} ms ` +
        `(rounds ${kvlab.map((ms) => ms.toFixed(1)).join(', ')}); a bare Node server keeping the same bytes ${median(bare).toFixed(1)} ms ` +
        `(${(median(kvlab) / median(bare)).toFixed(2)}x)`,
    ];
  } finally {
    floor.close();
    await served.close();
  }
}
