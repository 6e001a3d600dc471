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
  target: Target;
  /** redis-cli shows `not connected> ` once a command found the server gone. */
  connected = true;
  /** `.wait` never runs past this (replaying to a moment inside a wait). */
  waitLimit = Infinity;
  /** The process incarnation our current connection was made to. */
  private connectedTo = 1;
  private readonly clients = new Map<KvrocksNode, ClientConn>();

  constructor(readonly options: SessionOptions) {
    this.world = new World(options);
    const first = this.world.nodes[0]!;
    this.target = { host: first.host, port: first.port, node: first };
    this.connectedTo = first.bootGeneration;
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
    const trimmed = input.trim();
    const result = (output: string, error: string | null = null, argv: readonly string[] | null = null): RunResult => ({
      at,
      prompt,
      input,
      output,
      error,
      argv,
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
    if (this.connected && !(alive && node.bootGeneration === this.connectedTo)) {
      this.connected = false;
      return 'Error: Server closed the connection';
    }
    if (!alive) {
      this.connected = false;
      return `Could not connect to Redis at ${host}:${port}: Connection refused`;
    }
    this.connected = true;
    this.connectedTo = node.bootGeneration;
    return this.exec(node, argv);
  }

  /** `@kv2 CMD`: a fresh connection for one command (our extension; redis-cli has none). */
  private oneShot(node: KvrocksNode, argv: readonly string[]): string {
    if (!node.running) return `Could not connect to Redis at ${node.address}: Connection refused`;
    return this.exec(node, argv);
  }

  private exec(node: KvrocksNode, argv: readonly string[]): string {
    const reply = this.world.exec(node, this.clientFor(node), argv);
    return reply ? renderReply(reply, argv) : '';
  }

  /** `.use kv2`: point at a node by name. */
  use(node: KvrocksNode): void {
    this.pointAt(node.host, node.port, node);
  }

  /** A restarted node forgets its clients (READONLY and AUTH state are per connection). */
  clientFor(node: KvrocksNode): ClientConn {
    let client = this.clients.get(node);
    if (!client || client.bootGeneration !== node.bootGeneration) {
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
    if (this.pointAt(host, port, node)) return result('');
    return result(`Could not connect to Redis at ${host}:${port}: Connection refused`);
  }
}
