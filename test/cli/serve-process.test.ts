// `kvlab serve` as a process (young-generation.ts): the built command starts itself again with a
// small young generation, the served nodes answer, Ctrl-C (SIGINT) stops both processes with exit
// 0, and a failed listen reaches the user through the parent with exit 2.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { SMALL_YOUNG_GENERATION } from '../../src/cli/young-generation.ts';
import { BIN, ensureBuiltCli } from '../support/built-cli.ts';

beforeAll(ensureBuiltCli, 120_000);

const PORT = 34301;

function start(args: string[]): { child: ChildProcess; out: () => string; err: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exited };
}

/** The processes whose parent is `pid`, with their command lines (from /proc). */
function childrenOf(pid: number): { pid: number; argv: string[] }[] {
  const found: { pid: number; argv: string[] }[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      if (ppid === pid) found.push({ pid: Number(name), argv: readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean) });
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

function ping(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1', () => socket.write('PING\r\n'));
    socket.once('data', (d) => {
      resolve(d.toString());
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

async function until<T>(probe: () => T | Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      const value = await probe();
      if (ok(value) || i > 200) return value;
    } catch {
      if (i > 200) throw new Error('gave up waiting');
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('kvlab serve as a process', () => {
  it(`runs the server in a child started with ${SMALL_YOUNG_GENERATION}; SIGINT stops both with exit 0`, async () => {
    const served = start(['--nodes', '2', '--port', String(PORT)]);
    expect(await until(() => ping(PORT + 1), (reply) => reply === '+PONG\r\n')).toBe('+PONG\r\n');
    expect(served.out()).toBe(`kvlab serve: 2 nodes (buggy) on 127.0.0.1:${PORT}..${PORT + 1}; Ctrl-C stops\n`);
    const [server] = childrenOf(served.child.pid!);
    expect(server!.argv).toContain(SMALL_YOUNG_GENERATION);
    expect(server!.argv.slice(-5)).toEqual(['serve', '--nodes', '2', '--port', String(PORT)]);
    served.child.kill('SIGINT');
    expect(await served.exited).toBe(0);
    expect(childrenOf(served.child.pid!)).toEqual([]);
    await expect(ping(PORT)).rejects.toThrow(/ECONNREFUSED/);
  }, 30_000);

  it('a port already in use ends both processes with its message on stderr and exit 2', async () => {
    const first = start(['--nodes', '1', '--port', String(PORT + 10)]);
    await until(() => ping(PORT + 10), (reply) => reply === '+PONG\r\n');
    const second = start(['--nodes', '1', '--port', String(PORT + 10)]);
    expect(await second.exited).toBe(2);
    expect(second.err()).toBe(`kvlab serve: cannot listen: 127.0.0.1:${PORT + 10} is already in use (EADDRINUSE)\n`);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
  }, 30_000);

  it('a flag given by the user is kept, and serve then runs in this process', async () => {
    const child = spawn(process.execPath, ['--max-semi-space-size=4', BIN, 'serve', '--nodes', '1', '--port', String(PORT + 20)], { stdio: 'ignore' });
    await until(() => ping(PORT + 20), (reply) => reply === '+PONG\r\n');
    expect(childrenOf(child.pid!)).toEqual([]);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 30_000);
});
