/**
 * Real Kvrocks nodes on 127.0.0.1 for the conformance harness: N fresh cluster-mode processes,
 * each with its own dir and the same kvrocks.conf `../shared/kvrocks/start-cluster.sh` writes,
 * started without any probe connection (readiness is read from the log), so client ids and
 * connection counters start where a fresh server's do. Crash is SIGKILL; restart starts the same
 * binary with the same config, as the shared README describes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, type WriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What Kvrocks logs once its workers listen (K-2024 src/server/server.cc Start). */
const READY_LINE = 'Ready to accept connections';
const READY_TIMEOUT_MS = 30_000;

/** Every process this harness started and has not seen exit: killed if the harness itself exits. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of live) child.kill('SIGKILL');
    process.exit(130);
  });
}

export interface NodeProcess {
  readonly index: number;
  readonly port: number;
  readonly dir: string;
  readonly conf: string;
  child: ChildProcess | null;
  log: WriteStream;
  /** The running process logged a fatal signal (its handler prints a stack trace, then it dies). */
  crashing: boolean;
}

export function nodeConf(dir: string, port: number, extra: readonly string[] = []): string {
  return [
    'bind 127.0.0.1',
    `port ${port}`,
    'cluster-enabled yes',
    'daemonize no',
    `dir ${join(dir, 'db')}`,
    'log-dir stdout',
    'log-level info',
    `pidfile ${join(dir, 'kvrocks.pid')}`,
    ...extra,
    '',
  ].join('\n');
}

export class RealCluster {
  private constructor(
    readonly binary: string,
    readonly basePort: number,
    readonly workdir: string,
    readonly nodes: NodeProcess[],
  ) {}

  /** Starts `count` fresh nodes on basePort.. under `workdir` (wiped first) and waits until each is ready. */
  static async start(binary: string, count: number, basePort: number, workdir: string, extraConf: readonly string[] = []): Promise<RealCluster> {
    rmSync(workdir, { recursive: true, force: true });
    const nodes: NodeProcess[] = [];
    for (let i = 0; i < count; i++) {
      const dir = join(workdir, `node${i + 1}`);
      mkdirSync(join(dir, 'db'), { recursive: true });
      const conf = join(dir, 'kvrocks.conf');
      await writeFile(conf, nodeConf(dir, basePort + i, extraConf));
      nodes.push({ index: i, port: basePort + i, dir, conf, child: null, crashing: false, log: createWriteStream(join(dir, 'kvrocks.log'), { flags: 'a' }) });
    }
    const cluster = new RealCluster(binary, basePort, workdir, nodes);
    try {
      await Promise.all(nodes.map((n) => cluster.launch(n)));
    } catch (e) {
      await cluster.stop();
      throw e;
    }
    return cluster;
  }

  isRunning(index: number): boolean {
    const child = this.nodes[index]?.child;
    return child !== null && child !== undefined && child.exitCode === null && child.signalCode === null;
  }

  /**
   * Whether the node's process is dying of a fatal signal, waiting until it is gone: its handler
   * prints a stack trace for 0.1-0.6 s first. False for a process that merely closed a connection.
   */
  async dies(index: number, ms = 3000): Promise<boolean> {
    const node = this.nodes[index]!;
    const child = node.child;
    if (!child || !this.isRunning(index)) return true;
    // The handler's first line may still be on its way through the pipe.
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (!node.crashing) return false;
    if (!this.isRunning(index)) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** SIGKILL, and wait until the process is gone (the kernel has closed its sockets). */
  async crash(index: number): Promise<void> {
    const node = this.nodes[index]!;
    const child = node.child;
    if (!child || !this.isRunning(index)) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
    node.child = null;
  }

  /** Starts the node's process again with its own config and dir; resolves once it has been spawned. */
  async restart(index: number): Promise<{ ready: Promise<void> }> {
    const node = this.nodes[index]!;
    if (this.isRunning(index)) await this.crash(index);
    const ready = this.launch(node);
    // A process that fails to start (e.g. a nodes.conf it cannot load) is what the script sees
    // next, as connection refused; it must not end the run.
    ready.catch(() => undefined);
    return { ready };
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => this.crash(n.index)));
    for (const n of this.nodes) n.log.end();
  }

  /** Spawns the binary; resolves when the log says it accepts connections, rejects if it exits first. */
  private launch(node: NodeProcess): Promise<void> {
    const child = spawn(this.binary, ['-c', node.conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    node.child = child;
    node.crashing = false;
    live.add(child);
    child.once('exit', () => live.delete(child));
    return new Promise((resolve, reject) => {
      let seen = "";
      const timer = setTimeout(() => reject(new Error(`kvrocks on port ${node.port} not ready after ${READY_TIMEOUT_MS} ms; see ${node.dir}/kvrocks.log`)), READY_TIMEOUT_MS);
      const onData = (chunk: Buffer) => {
        node.log.write(chunk);
        // K-2024 src/common/signal_util.h SegvHandler: "Ooops! Apache Kvrocks ... got signal: ..."
        if (chunk.includes('got signal:')) node.crashing = true;
        seen = (seen + chunk.toString('utf8')).slice(-4096);
        if (seen.includes(READY_LINE)) {
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`kvrocks on port ${node.port} exited (${signal ?? code}) before it was ready; see ${node.dir}/kvrocks.log`));
      });
    });
  }
}
