/**
 * A console session: the console language (design §3.2) over one World. Browser console,
 * scripts, labs and embeds all go through `run`. Every input is logged with its virtual time,
 * so the session can be replayed to any moment (engine/history.ts).
 */
import type { InputRecord, Replayable } from '../engine/history.ts';
import { splitArgs } from '../kvrocks/args.ts';
import type { BehaviourMode } from '../kvrocks/mode.ts';
import type { ClientConn } from '../kvrocks/node/client.ts';
import type { KvrocksNode } from '../kvrocks/node/node.ts';
import { renderReply } from '../kvrocks/render.ts';
import { World } from '../kvrocks/world.ts';
import { runDotCommand } from './dot-commands.ts';

export interface SessionOptions {
  readonly nodes: number;
  readonly seed: number | string;
  readonly mode: BehaviourMode;
}

/** What one input produced. `error` is a console-language mistake (not a Kvrocks error reply). */
export interface RunResult {
  /** The virtual time the input ran at. */
  readonly at: number;
  readonly prompt: string;
  readonly input: string;
  readonly output: string;
  readonly error: string | null;
  /** The argv sent to a node, when the input was a command. */
  readonly argv: readonly string[] | null;
  /** Virtual ms the command kept the console waiting (a blocked node, S11); 0 for other inputs. */
  readonly tookMs: number;
}

/** Where redis-cli is pointed: the host and port as typed, and the node there (if any). */
export interface Target {
  readonly host: string;
  readonly port: number;
  readonly node: KvrocksNode | null;
}

export class Session implements Replayable<string> {
  readonly world: World;
  readonly log: InputRecord<string>[] = [];
  /** For each input of the log, the trace's end when it began: what the trace holds from there on followed it (provenance). */
  readonly traceStarts: number[] = [];
  target: Target;
  /** redis-cli shows `not connected> ` once a command found the server gone. */
  connected = true;
  /** `.wait` never runs past this (replaying to a moment inside a wait). */
  waitLimit = Infinity;
  /** When true, a `.wait` records where it goes in `deferredWait` and leaves running the time to the caller (checkpoints.ts). */
  deferWaits = false;
  deferredWait: number | null = null;
  /** The process incarnation our current connection was made to. */
  private connectedTo = 1;
  private readonly clients = new Map<KvrocksNode, ClientConn>();
  private tookMs = 0;

  constructor(readonly options: SessionOptions) {
    this.world = new World(options);
    const first = this.world.nodes[0]!;
    this.target = { host: first.host, port: first.port, node: first };
    this.connectedTo = first.bootGeneration;
    // redis-cli connects before its first prompt: that connection is kv1's client 1.
    this.clientFor(first);
  }

  /** The node commands go to, or null when redis-cli points at an address nobody has. */
  get current(): KvrocksNode | null {
    return this.target.node;
  }

  now(): number {
    return this.world.now();
  }

  runUntil(time: number): void {
    this.world.runUntil(time);
  }

  /** `runUntil(time)` firing at most `budget` timers; false while some are still due (engine/clock.ts advanceWithin). */
  runToward(time: number, budget: number): boolean {
    return this.world.sim.clock.advanceWithin(time, budget);
  }

  /** What `.wait` does with its end time. */
  runWait(time: number): void {
    if (this.deferWaits) this.deferredWait = time;
    else this.world.runUntil(time);
  }

  /** Replays one logged input without letting a `.wait` run past `limit`. */
  apply(input: string, limit = Infinity): void {
    this.waitLimit = limit;
    try {
      this.run(input);
    } finally {
      this.waitLimit = Infinity;
    }
  }

  prompt(): string {
    return this.connected ? `${this.target.host}:${this.target.port}> ` : 'not connected> ';
  }

  /** Runs one logical input (a double-quoted payload may span lines). */
  run(input: string): RunResult {
    const prompt = this.prompt();
    const at = this.now();
    this.log.push({ at, input });
    this.traceStarts.push(this.world.sim.trace.end);
    this.tookMs = 0;
    const trimmed = input.trim();
    const result = (output: string, error: string | null = null, argv: readonly string[] | null = null): RunResult => ({
      at,
      prompt,
      input,
      output,
      error,
      argv,
      tookMs: this.tookMs,
    });
    if (trimmed === '' || trimmed.startsWith('#')) return result('');
    if (trimmed.startsWith('.')) {
      const outcome = runDotCommand(this, trimmed);
      return outcome.ok ? result(outcome.output) : result('', outcome.error);
    }
    const split = splitArgs(trimmed);
    if (!split.ok) return result('', split.error);
    const argv = split.args;
    const first = argv[0] ?? '';
    if (first.startsWith('@')) {
      const node = this.world.find(first.slice(1));
      if (!node) return result('', `unknown node '${first.slice(1)}': use a name such as kv2 or an address such as 127.0.0.1:30002`);
      if (argv.length === 1) return result('', `nothing to run on ${node.name}: write '@${node.name} <command>'`);
      return result(this.oneShot(node, argv.slice(1)), null, argv.slice(1));
    }
    if (first.toLowerCase() === 'connect') return this.connect(argv, result);
    return result(this.send(argv), null, argv);
  }

  /**
   * A command on the current connection, as redis-cli interactive mode behaves: a server that
   * went away since the last reply shows `Error: Server closed the connection` once; after that
   * each command tries to reconnect and prints `Could not connect ...` while nothing listens.
   */
  private send(argv: readonly string[]): string {
    const { node, host, port } = this.target;
    const alive = node !== null && node.running;
    // CLIENT KILL or QUIT closed our connection: redis-cli finds out on the next command.
    const closed = node !== null && this.clients.get(node)?.closed === true;
    if (this.connected && (closed || !(alive && node.bootGeneration === this.connectedTo))) {
      this.connected = false;
      return 'Error: Server closed the connection';
    }
    if (!alive) {
      this.connected = false;
      return `Could not connect to Redis at ${host}:${port}: Connection refused`;
    }
    this.connected = true;
    this.connectedTo = node.bootGeneration;
    const output = this.exec(node, argv);
    // The command killed the process (e.g. the SETSLOT null-entry segfault): the reply never came.
    if (!node.running) {
      this.connected = false;
      return 'Error: Server closed the connection';
    }
    return output;
  }

  /** `@kv2 CMD`: a fresh connection for one command (our extension; redis-cli has none). */
  private oneShot(node: KvrocksNode, argv: readonly string[]): string {
    if (!node.running) return `Could not connect to Redis at ${node.address}: Connection refused`;
    const output = this.exec(node, argv);
    // Killed by the command: the one-shot connection closes and a retry finds nothing listening.
    return node.running ? output : `Could not connect to Redis at ${node.address}: Connection refused`;
  }

  /** redis-cli prints how long a command took when it was 500 ms or more (redis-cli.c repl). */
  private exec(node: KvrocksNode, argv: readonly string[]): string {
    const { reply, tookMs } = this.world.call(node, this.clientFor(node), argv);
    this.tookMs = tookMs;
    const text = reply ? renderReply(reply, argv) : '';
    if (tookMs < 500) return text;
    const timing = `(${(tookMs / 1000).toFixed(2)}s)`;
    return text === '' ? timing : `${text}\n${timing}`;
  }

  /** `.use kv2`: point at a node by name. */
  use(node: KvrocksNode): void {
    if (this.pointAt(node.host, node.port, node)) this.clientFor(node);
  }

  /** A restarted node forgets its clients (READONLY and AUTH state are per connection). */
  clientFor(node: KvrocksNode): ClientConn {
    let client = this.clients.get(node);
    if (!client || client.closed || client.bootGeneration !== node.bootGeneration) {
      client = node.localClient();
      this.clients.set(node, client);
    }
    return client;
  }

  private pointAt(host: string, port: number, node: KvrocksNode | null): boolean {
    this.target = { host, port, node };
    this.connected = node !== null && node.running;
    if (node) this.connectedTo = node.bootGeneration;
    return this.connected;
  }

  /** redis-cli `connect host port`: the prompt shows the host as typed. */
  private connect(argv: readonly string[], result: (o: string, e?: string | null) => RunResult): RunResult {
    if (argv.length !== 3 || !/^\d{1,5}$/.test(argv[2]!)) return result('', 'usage: connect <host> <port>');
    const host = argv[1]!;
    const port = Number(argv[2]);
    const node = this.world.find(`${host}:${port}`) ?? null;
    if (this.pointAt(host, port, node)) {
      // redis-cli drops its old connection and opens a new one.
      const old = this.clients.get(node!);
      if (old && !old.closed && old.bootGeneration === node!.bootGeneration) node!.closeClient(old);
      this.clientFor(node!);
      return result('');
    }
    return result(`Could not connect to Redis at ${host}:${port}: Connection refused`);
  }
}
