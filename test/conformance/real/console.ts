/**
 * The console language (design §3.2) against real Kvrocks nodes, behaving as the model's Session
 * does and as redis-cli 7.0's interactive mode does: one persistent connection per node, shared
 * by `@node` and the current target; `connect` replaces the connection; a connection the server
 * closed prints `Error: Server closed the connection` once, then `not connected> ` and a reconnect
 * attempt per command; a command that took 500 ms or more is followed by `(N.NNs)`
 * (redis-cli.c repl: `elapsed >= 500`). `.wait` is real time, `.crash`/`.restart` are SIGKILL and
 * a restart of the node's process with its own dir.
 *
 * A `.wait` ends at the script's nominal time: the sum of the waits so far and of how long the
 * model says each command blocks (S11). So the harness's own overheads (a process's exit on
 * `.crash`, a millisecond or so per command, a slow fsync on a busy machine) are absorbed by the
 * next wait instead of shifting the rest of the script, up to a quarter of the wait (at most
 * 50 ms), so that what a script waits for (an expiry, a retry) has still passed; `now t=` prints
 * the real elapsed time, and how long each command really took is compared with the model's.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { splitArgs } from '../../../src/kvrocks/args.ts';
import { renderReply } from '../../../src/kvrocks/render.ts';
import { formatDuration, formatTime, parseDuration } from '../../../src/lab/duration.ts';
import type { Entry } from '../entry.ts';
import type { RealCluster } from './cluster.ts';
import { ClosedError, ConnectError, RespConnection } from './resp-client.ts';

const HOST = '127.0.0.1';
/** The most harness overhead one `.wait` absorbs. */
const MAX_ABSORB_MS = 50;

interface Target {
  host: string;
  port: number;
  /** Index of the node at that address, or null when no node of the cluster is there. */
  node: number | null;
}

export class RealConsole {
  private readonly connections = new Map<number, RespConnection>();
  /** The process each connection was made to (a restart replaces it). */
  private readonly processOf = new WeakMap<RespConnection, unknown>();
  private target: Target;
  /** redis-cli's `context`: false after a failure until a command reconnects. */
  private connected = true;
  private readonly started: number;
  /** The script's nominal time (ms since start): waits plus the model's blocked commands. */
  private nominal = 0;

  private constructor(private readonly cluster: RealCluster) {
    this.target = { host: HOST, port: cluster.basePort, node: 0 };
    this.started = Date.now();
  }

  /** redis-cli connects to its target before the first prompt. */
  static async open(cluster: RealCluster): Promise<RealConsole> {
    const console = new RealConsole(cluster);
    console.connected = (await console.connection(0, false)) !== null;
    return console;
  }

  close(): void {
    for (const c of this.connections.values()) c.close();
    this.connections.clear();
  }

  elapsed(): number {
    return Date.now() - this.started;
  }

  prompt(): string {
    return this.connected ? `${this.target.host}:${this.target.port}> ` : 'not connected> ';
  }

  /** Runs one input; `blocksMs` is how long the model says it blocks (it moves the nominal clock). */
  async run(input: string, line: number, blocksMs = 0): Promise<Entry> {
    this.nominal += blocksMs;
    const at = this.elapsed();
    const prompt = this.prompt();
    const trimmed = input.trim();
    const entry = (kind: Entry['kind'], output: string, argv: string[] | null = null, tookMs = 0): Entry => ({
      line,
      input,
      prompt,
      output,
      at,
      tookMs,
      kind,
      argv,
    });
    if (trimmed === '' || trimmed.startsWith('#')) return entry('comment', '');
    if (trimmed.startsWith('.')) return entry('dot', await this.dot(trimmed));
    const split = splitArgs(trimmed);
    if (!split.ok) return entry('error', split.error);
    const argv = split.args;
    const first = argv[0] ?? '';
    if (first.startsWith('@')) {
      const node = this.find(first.slice(1));
      if (node === null) throw new Error(`line ${line}: unknown node ${first}`);
      const start = Date.now();
      const output = await this.oneShot(node, argv.slice(1));
      return entry('command', output, argv.slice(1), Date.now() - start);
    }
    if (first.toLowerCase() === 'connect') return entry('connect', await this.connect(argv), argv);
    const start = Date.now();
    const output = await this.send(argv);
    return entry('command', output, argv, Date.now() - start);
  }

  /** A node by name (`kv2`) or address (`127.0.0.1:31002`, `localhost:31002`). */
  private find(ref: string): number | null {
    const name = /^kv(\d+)$/i.exec(ref);
    if (name) {
      const i = Number(name[1]) - 1;
      return i >= 0 && i < this.cluster.nodes.length ? i : null;
    }
    const address = /^(?:127\.0\.0\.1|localhost):(\d+)$/i.exec(ref);
    if (!address) return null;
    const i = Number(address[1]) - this.cluster.basePort;
    return i >= 0 && i < this.cluster.nodes.length ? i : null;
  }

  /** The node's connection, opened if there is none (or the old one is closed); null if refused. */
  private async connection(node: number, fresh: boolean): Promise<RespConnection | null> {
    const existing = this.connections.get(node);
    if (existing && !existing.closed && !fresh) return existing;
    existing?.close();
    this.connections.delete(node);
    try {
      const process = this.cluster.nodes[node]!.child;
      const conn = await RespConnection.connect(HOST, this.cluster.nodes[node]!.port);
      this.connections.set(node, conn);
      this.processOf.set(conn, process);
      return conn;
    } catch (e) {
      if (e instanceof ConnectError) return null;
      throw e;
    }
  }

  private async exec(conn: RespConnection, argv: readonly string[]): Promise<string> {
    return renderReply(await conn.command(argv), argv);
  }

  /** redis-cli issueCommandRepeat on the current target. */
  private async send(argv: readonly string[]): Promise<string> {
    const { host, port, node } = this.target;
    const refused = `Could not connect to Redis at ${host}:${port}: Connection refused`;
    if (node === null) return refused;
    let conn = this.connected ? (this.connections.get(node) ?? null) : null;
    if (!conn) {
      // A process dying of a signal still listens while its handler prints; the model's dies at once.
      if (this.cluster.nodes[node]!.crashing) await this.cluster.dies(node);
      conn = await this.connection(node, true);
      if (!conn) {
        this.connected = false;
        return refused;
      }
      this.connected = true;
    }
    try {
      return await this.exec(conn, argv);
    } catch (e) {
      if (!(e instanceof ClosedError)) throw e;
      this.connections.delete(node);
      this.connected = false;
      return 'Error: Server closed the connection';
    }
  }

  /** `@kv2 CMD`: that node's connection, reopened silently if it was closed. */
  private async oneShot(node: number, argv: readonly string[]): Promise<string> {
    const refused = `Could not connect to Redis at ${HOST}:${this.cluster.nodes[node]!.port}: Connection refused`;
    const conn = await this.connection(node, false);
    if (!conn) return refused;
    try {
      return await this.exec(conn, argv);
    } catch (e) {
      if (!(e instanceof ClosedError)) throw e;
      // The command killed the process (a segfault): as in the model, the retry finds nothing
      // listening. Its handler prints a stack trace for up to 0.6 s before the process is gone.
      const sameProcess = this.processOf.get(conn) === this.cluster.nodes[node]!.child;
      if (sameProcess && (await this.cluster.dies(node))) return refused;
      // Otherwise the model's one-shot finds the restarted node and uses a fresh client for it.
      const again = await this.connection(node, true);
      if (!again) return refused;
      return this.exec(again, argv);
    }
  }

  /** redis-cli `connect host port`: a new connection; the prompt shows the host as typed. */
  private async connect(argv: readonly string[]): Promise<string> {
    if (argv.length !== 3 || !/^\d{1,5}$/.test(argv[2]!)) throw new Error('usage: connect <host> <port>');
    const host = argv[1]!;
    const port = Number(argv[2]);
    const node = /^(127\.0\.0\.1|localhost)$/i.test(host) ? this.find(`127.0.0.1:${port}`) : null;
    this.target = { host, port, node };
    this.connected = node !== null && (await this.connection(node, true)) !== null;
    return this.connected ? '' : `Could not connect to Redis at ${host}:${port}: Connection refused`;
  }

  private nodeArg(ref: string | undefined): number {
    const node = ref === undefined ? null : this.find(ref);
    if (node === null) throw new Error(`unknown node ${ref ?? '(none)'}`);
    return node;
  }

  private async dot(line: string): Promise<string> {
    const [name = '', ...args] = line.split(/\s+/).filter((p) => p !== '');
    switch (name.toLowerCase()) {
      case '.wait': {
        const d = parseDuration(args[0] ?? '');
        if (!d.ok) throw new Error(d.error);
        this.nominal += d.ms;
        // Catch up with the nominal clock, but never shorten a wait by more than a quarter (at
        // most 50 ms): what the script waits for since its last command must still have passed.
        const floor = d.ms - Math.min(MAX_ABSORB_MS, d.ms / 4);
        await sleep(Math.max(floor, this.nominal - this.elapsed()));
        return `# waited ${formatDuration(d.ms)}, now ${formatTime(this.elapsed())}`;
      }
      case '.use': {
        const node = this.nodeArg(args[0]);
        this.target = { host: HOST, port: this.cluster.nodes[node]!.port, node };
        this.connected = (await this.connection(node, false)) !== null;
        return '';
      }
      case '.crash': {
        const node = this.nodeArg(args[0]);
        await this.cluster.crash(node);
        return `# kv${node + 1} crashed`;
      }
      case '.restart': {
        const node = this.nodeArg(args[0]);
        await this.cluster.restart(node);
        return `# kv${node + 1} restarting`;
      }
      case '.time':
        return `# ${formatTime(this.elapsed())}`;
      default:
        // Views of the model (.nodes, .ids, .help, .mode without an argument) have no real side.
        return '';
    }
  }
}
