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

export class Session implements Replayable<string> {
  readonly world: World;
  readonly log: InputRecord<string>[] = [];
  current: KvrocksNode;
  /** redis-cli shows `not connected> ` after a command found the server down. */
  connected = true;
  private readonly clients = new Map<KvrocksNode, ClientConn>();

  constructor(readonly options: SessionOptions) {
    this.world = new World(options);
    this.current = this.world.nodes[0]!;
  }

  now(): number {
    return this.world.now();
  }

  runUntil(time: number): void {
    this.world.runUntil(time);
  }

  apply(input: string): void {
    this.run(input);
  }

  prompt(): string {
    return this.connected ? `${this.current.address}> ` : 'not connected> ';
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
    let argv = split.args;
    let target = this.current;
    const first = argv[0] ?? '';
    if (first.startsWith('@')) {
      const node = this.world.find(first.slice(1));
      if (!node) return result('', `unknown node '${first.slice(1)}': use a name such as kv2 or an address such as 127.0.0.1:30002`);
      if (argv.length === 1) return result('', `nothing to run on ${node.name}: write '@${node.name} <command>'`);
      target = node;
      argv = argv.slice(1);
    } else if (first.toLowerCase() === 'connect') {
      return this.connect(argv, result);
    }
    return result(this.send(target, argv, target === this.current), null, argv);
  }

  /** Sends argv to a node as redis-cli would, returning what redis-cli prints. */
  send(node: KvrocksNode, argv: readonly string[], updatesPrompt: boolean): string {
    if (!node.running) {
      if (updatesPrompt) this.connected = false;
      return `Could not connect to Redis at ${node.address}: Connection refused`;
    }
    if (updatesPrompt) this.connected = true;
    const reply = this.world.exec(node, this.clientFor(node), argv);
    return reply ? renderReply(reply, argv) : '';
  }

  use(node: KvrocksNode): void {
    this.current = node;
    this.connected = node.running;
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

  private connect(argv: readonly string[], result: (o: string, e?: string | null) => RunResult): RunResult {
    if (argv.length !== 3) return result('', 'usage: connect <host> <port>');
    const node = this.world.find(`${argv[1]}:${argv[2]}`);
    if (!node) {
      this.connected = false;
      return result(`Could not connect to Redis at ${argv[1]}:${argv[2]}: Connection refused`);
    }
    this.use(node);
    return result(node.running ? '' : `Could not connect to Redis at ${node.address}: Connection refused`);
  }
}
