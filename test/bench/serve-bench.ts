/**
 * `npm run bench serve`: `kvlab serve` (a child process: master + replica, replicated writes)
 * against Debian's redis-server started here on 127.0.0.1, measured in the same run with the same
 * redis-benchmark, alternating, median of three. Plus memory (RSS) after 100 k and 1 M SETs,
 * and how one client's huge or slow input affects another's replies.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { SMALL_YOUNG_GENERATION } from '../../src/cli/young-generation.ts';
import { median } from './stats.ts';

const run = promisify(execFile);
const REDIS_PORT = 39401;
const SERVE_PORT = 39411;
const ROUNDS = 3;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      await run('redis-cli', ['-p', String(port), 'PING']);
      return;
    } catch {
      await sleep(50);
    }
  }
  throw new Error(`nothing answers on ${port}`);
}

async function startRedis(): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(REDIS_PORT), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitForPort(REDIS_PORT);
  return child;
}

/**
 * kvlab serve with kv1 master of every slot and kv2 its replica. Started with the young-generation
 * flag it would give itself (young-generation.ts), so this child is the server whose RSS and CPU
 * are read, not a parent waiting for it.
 */
async function startServe(): Promise<ChildProcess> {
  const args = [SMALL_YOUNG_GENERATION, '--import', 'tsx', 'test/support/kvlab-source.ts', 'serve', '--nodes', '2', '--port', String(SERVE_PORT), '--mode', 'fixed'];
  const child = spawn(process.execPath, args, { stdio: 'ignore' });
  await waitForPort(SERVE_PORT);
  await waitForPort(SERVE_PORT + 1);
  const [a, b] = ['a'.repeat(40), 'b'.repeat(40)];
  const topology = `${a} 127.0.0.1 ${SERVE_PORT} master - 0-16383\n${b} 127.0.0.1 ${SERVE_PORT + 1} slave ${a}`;
  for (const [i, id] of [a, b].entries()) {
    await run('redis-cli', ['-p', String(SERVE_PORT + i), 'CLUSTERX', 'SETNODEID', id]);
    await run('redis-cli', ['-p', String(SERVE_PORT + i), 'CLUSTERX', 'SETNODES', topology, '1']);
  }
  await replicaCaughtUp();
  return child;
}

async function replicaCaughtUp(): Promise<void> {
  const seq = async (port: number, field: string) => Number(new RegExp(`${field}:(\\d+)`).exec((await run('redis-cli', ['-p', String(port), 'INFO', 'replication'])).stdout)?.[1] ?? -1);
  for (let i = 0; i < 600; i++) {
    const master = await seq(SERVE_PORT, 'master_repl_offset');
    if ((await seq(SERVE_PORT + 1, 'master_repl_offset')) === master && (await run('redis-cli', ['-p', String(SERVE_PORT + 1), 'INFO', 'replication'])).stdout.includes('master_link_status:up')) return;
    await sleep(100);
  }
  throw new Error('the replica did not catch up');
}

async function benchmark(port: number, test: 'set' | 'get', pipeline: number, requests: number): Promise<number> {
  const { stdout } = await run('redis-benchmark', ['-p', String(port), '-t', test, '-n', String(requests), '-P', String(pipeline), '-q', '--csv'], { maxBuffer: 1 << 20 });
  const line = stdout.split('\n').find((l) => l.startsWith(`"${test.toUpperCase()}"`));
  if (!line) throw new Error(`no result from redis-benchmark: ${stdout}`);
  return Number(JSON.parse(`[${line}]`)[1]);
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const cpuSeconds = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks of 1/100 s
};
const k = (n: number) => `${Math.round(n / 1000)} k/s`;

async function throughput(): Promise<string[]> {
  const redis = await startRedis();
  const served = await startServe();
  const lines: string[] = [];
  try {
    for (const [test, pipeline, requests] of [['set', 1, 100_000], ['get', 1, 100_000], ['set', 16, 400_000], ['get', 16, 400_000]] as const) {
      const ours: number[] = [];
      const theirs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        theirs.push(await benchmark(REDIS_PORT, test, pipeline, requests));
        ours.push(await benchmark(SERVE_PORT, test, pipeline, requests));
      }
      const [a, b] = [median(ours), median(theirs)];
      const target = test === 'set' && pipeline === 1 ? ' (target >= 0.5x)' : test === 'get' && pipeline === 16 ? ' (target >= 200 k/s)' : '';
      lines.push(`redis-benchmark ${test.toUpperCase()}${pipeline > 1 ? ` -P ${pipeline}` : ''}: kvlab serve ${k(a)}, redis-server ${k(b)}, ratio ${(a / b).toFixed(2)}${target}`);
    }
    await replicaCaughtUp();
  } finally {
    served.kill('SIGINT');
    redis.kill();
  }
  return lines;
}

async function memory(): Promise<string[]> {
  const served = await startServe();
  try {
    const base = rssMb(served.pid!);
    await benchmark(SERVE_PORT, 'set', 16, 100_000);
    await replicaCaughtUp();
    const at100k = rssMb(served.pid!);
    await benchmark(SERVE_PORT, 'set', 16, 900_000);
    await replicaCaughtUp();
    const at1m = rssMb(served.pid!);
    return [
      `RSS of kvlab serve (2 nodes, replicated SETs of redis-benchmark's one key): ${base.toFixed(0)} MB idle, ${at100k.toFixed(0)} MB after 100 k, ${at1m.toFixed(0)} MB after 1 M: ${(at1m / at100k).toFixed(2)}x (target <= 2x)`,
    ];
  } finally {
    served.kill('SIGINT');
  }
}

function connect(port: number): Promise<Socket> {
  return new Promise((resolve) => {
    const socket = createConnection(port, '127.0.0.1', () => resolve(socket));
    socket.setNoDelay(true);
  });
}

/** Resolves when `socket` has received `bytes` more bytes. */
function receive(socket: Socket, bytes: number): Promise<void> {
  return new Promise((resolve) => {
    let got = 0;
    const onData = (d: Buffer) => {
      got += d.length;
      if (got >= bytes) {
        socket.off('data', onData);
        resolve();
      }
    };
    socket.on('data', onData);
  });
}

/** PINGs on its own connection, one at a time, while `work` runs; the slowest reply in ms. */
async function pingDuring(port: number, work: () => Promise<unknown>): Promise<{ slowest: number; workMs: number }> {
  const pinger = await connect(port);
  let slowest = 0;
  let done = false;
  const pinging = (async () => {
    while (!done) {
      const start = performance.now();
      const reply = receive(pinger, 7);
      pinger.write('PING\r\n');
      await reply;
      slowest = Math.max(slowest, performance.now() - start);
      await sleep(2);
    }
  })();
  const start = performance.now();
  await work();
  const workMs = performance.now() - start;
  done = true;
  await pinging;
  pinger.destroy();
  return { slowest, workMs };
}

/**
 * Sends one request from a child process (so the sender's own copying of a huge buffer does not
 * delay this process's pings) and waits for its reply, PINGing on another connection meanwhile.
 */
async function oneRequest(port: number, request: Buffer, replyBytes: number): Promise<{ slowest: number; workMs: number }> {
  const sender = spawn(process.execPath, ['-e', SENDER, String(port), String(replyBytes)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve) => sender.stdout!.once('data', () => resolve()));
  sender.stdin!.end(request);
  await ready; // the child has read the whole request and connected
  const exited = new Promise<void>((resolve) => sender.once('exit', () => resolve()));
  return pingDuring(port, async () => {
    sender.stdout!.resume();
    sender.kill('SIGUSR2'); // go: write the request and exit when its reply has come
    await exited;
  });
}

/** The sender: reads the request from stdin, connects, says ready, writes it on SIGUSR2. */
const SENDER = `
const net = require('node:net');
const [port, replyBytes] = process.argv.slice(1).map(Number);
const parts = [];
process.stdin.on('data', (d) => parts.push(d));
process.stdin.on('end', () => {
  const request = Buffer.concat(parts);
  const socket = net.createConnection(port, '127.0.0.1', () => {
    socket.setNoDelay(true);
    process.on('SIGUSR2', () => socket.write(request));
    process.stdout.write('ready');
  });
  let got = 0;
  socket.on('data', (d) => { got += d.length; if (got >= replyBytes) process.exit(0); });
});
`;

/**
 * References for one huge request: a bare Node server that only receives its bytes (the floor of
 * this machine and of Node's reading), and one that keeps each line of it as a string (what holding
 * a million new strings costs Node, with no slicing). Each answers `reply` once `length` bytes are in.
 */
const REFERENCE = `
const net = require('node:net');
const [port, keep, length, reply] = [Number(process.argv[1]), process.argv[2] === 'strings', Number(process.argv[3]), process.argv[4]];
const kept = [];
net.createServer({ noDelay: true }, (socket) => {
  let got = 0;
  let rest = '';
  socket.on('data', (d) => {
    if (d.length === 6 && d.toString() === 'PING\\r\\n') return void socket.write('+PONG\\r\\n');
    got += d.length;
    if (keep) {
      const lines = (rest + d.toString('latin1')).split('\\r\\n');
      rest = lines.pop();
      for (const line of lines) kept.push(line);
    }
    if (got >= length) socket.write(reply);
  });
}).listen(port, '127.0.0.1', () => process.stdout.write('ready'));
`;

const REFERENCE_PORT = 39421;
const HUGE_ROUNDS = 5;

async function withReference<T>(keep: 'bytes' | 'strings', length: number, reply: string, work: () => Promise<T>): Promise<T> {
  const child = spawn(process.execPath, [SMALL_YOUNG_GENERATION, '-e', REFERENCE, String(REFERENCE_PORT), keep, String(length), reply], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout!.once('data', resolve));
  try {
    return await work();
  } finally {
    child.kill();
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const argsRequest = (argv: readonly string[]) => Buffer.from(`*${argv.length}\r\n${argv.map((a) => `$${a.length}\r\n${a}\r\n`).join('')}`, 'latin1');
const numbers = (count: number, prefix = '') => Array.from({ length: count }, (_, i) => `${prefix}${i}`);

/** The slowest PING per round, as "median (max of N)". */
const slowestText = (slowest: number[]) => `${median(slowest).toFixed(1)} ms (rounds: ${slowest.map((ms) => ms.toFixed(1)).join(', ')})`;

/** Huge requests (those whose description matches the regular expression `only`, when given) and slowloris. */
export async function hugeAndSlowInput(only?: string): Promise<string[]> {
  const redis = await startRedis();
  const served = await startServe();
  const lines: string[] = [];
  try {
    const size = 100 * 1024 * 1024;
    const bulk = Buffer.concat([Buffer.from(`*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$${size}\r\n`), Buffer.alloc(size, 0x61), Buffer.from('\r\n')]);
    const million = 1_000_000;
    const huge: [string, Buffer, number][] = [
      ['one 100 MB SET', bulk, '+OK\r\n'.length],
      ['one SADD of 1,000,000 members', argsRequest(['SADD', 's', ...numbers(million)]), `:${million}\r\n`.length],
      ['one HSET of 500,000 fields (1,000,000 arguments)', argsRequest(['HSET', 'h', ...numbers(million)]), `:${million / 2}\r\n`.length],
      ['one RPUSH of 1,000,000 elements', argsRequest(['RPUSH', 'l', ...numbers(million)]), `:${million}\r\n`.length],
      ['one MGET of 1,000,000 keys of one slot ({t}0..)', argsRequest(['MGET', ...numbers(million, '{t}')]), `*${million}\r\n`.length + million * '$-1\r\n'.length],
      ['one MSET of 500,000 keys of one slot (then replicated)', argsRequest(['MSET', ...numbers(million, '{t}')]), '+OK\r\n'.length],
      ['one EXISTS of 1,000,000 keys (500,000 there)', argsRequest(['EXISTS', ...numbers(million, '{t}')]), `:${million / 2}\r\n`.length],
    ];
    for (const [what, request, replyBytes] of huge) {
      if (only !== undefined && !new RegExp(only).test(what)) continue;
      const kvlab: number[] = [];
      const redisServer: number[] = [];
      let work = 0;
      for (let round = 0; round < HUGE_ROUNDS; round++) {
        // Each round starts from the same data: the key is deleted first (kv2 follows).
        for (const port of [SERVE_PORT, REDIS_PORT]) for (const key of ['big', 's', 'h', 'l']) await run('redis-cli', ['-p', String(port), 'DEL', key]);
        await replicaCaughtUp();
        const ours = await oneRequest(SERVE_PORT, request, replyBytes);
        kvlab.push(ours.slowest);
        work += ours.workMs / HUGE_ROUNDS;
        redisServer.push((await oneRequest(REDIS_PORT, request, replyBytes)).slowest);
      }
      const floor: number[] = [];
      const strings: number[] = [];
      // A 100 MB bulk is one line: keeping it "as strings" measures nothing of interest.
      const references = request === bulk ? ([['bytes', floor]] as const) : ([['bytes', floor], ['strings', strings]] as const);
      for (const [keep, into] of references) {
        await withReference(keep, request.length, '+OK\r\n', async () => {
          for (let round = 0; round < HUGE_ROUNDS; round++) into.push((await oneRequest(REFERENCE_PORT, request, 5)).slowest);
        });
      }
      lines.push(
        `${what}: kvlab serve ${work.toFixed(0)} ms; the slowest PING on another connection meanwhile, median of ${HUGE_ROUNDS}: ` +
          `kvlab serve ${slowestText(kvlab)}, redis-server ${slowestText(redisServer)}, ` +
          `a bare Node server only receiving the bytes ${slowestText(floor)}` +
          (strings.length > 0 ? `, one keeping each line as a string ${slowestText(strings)}` : ''),
      );
    }
    // Slowloris: 25 connections each dribbling a large bulk at 1.25 KB/s for 5 s.
    const slow = await Promise.all(Array.from({ length: 25 }, () => connect(SERVE_PORT)));
    for (const s of slow) s.write(`*3\r\n$3\r\nSET\r\n$4\r\nslow\r\n$${10 * 1024 * 1024}\r\n`);
    const rssBefore = rssMb(served.pid!);
    const fullSyncs = Number(/sync_full:(\d+)/.exec((await run('redis-cli', ['-p', String(SERVE_PORT), 'INFO', 'stats'])).stdout)?.[1] ?? -1);
    const cpuBefore = cpuSeconds(served.pid!);
    const started = performance.now();
    const { slowest } = await pingDuring(SERVE_PORT, async () => {
      for (let tick = 0; tick < 50; tick++) {
        for (const s of slow) s.write(Buffer.alloc(125, 0x62));
        await sleep(100);
      }
    });
    const cores = (cpuSeconds(served.pid!) - cpuBefore) / ((performance.now() - started) / 1000);
    for (const s of slow) s.destroy();
    lines.push(
      `25 slowloris connections at 1.25 KB/s for 5 s: kvlab serve used ${cores.toFixed(2)} cores; the slowest PING meanwhile ${slowest.toFixed(1)} ms ` +
        `(RSS ${rssBefore.toFixed(0)} MB before; ${fullSyncs} full syncs of kv2 so far)`,
    );
  } finally {
    served.kill('SIGINT');
    redis.kill();
  }
  return lines;
}

export async function serveBench(): Promise<string[]> {
  const { loopDelayBench } = await import('./loop-delay-bench.ts');
  return [...(await throughput()), ...(await memory()), ...(await hugeAndSlowInput()), ...(await loopDelayBench())];
}
