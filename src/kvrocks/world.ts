/**
 * A simulated Kvrocks cluster: N nodes kv1..kvN at 127.0.0.1:30001.., fresh (version -1, no
 * myid, no replication, no data), on one deterministic simulation, with the behaviour mode and
 * the optional controller (design §3.1).
 */
import { Simulation } from '../engine/simulation.ts';
import { ControllerLink } from './controller-link.ts';
import { prepareCommand } from './commands/dispatch.ts';
import type { Preparation, Prepared } from './commands/prepared.ts';
import { behaviourOf, type Behaviour, type BehaviourMode } from './mode.ts';
import type { ClientConn } from './node/client.ts';
import { fastForwardPings } from './node/idle-pings.ts';
import { KvrocksNode } from './node/node.ts';
import type { Reply } from '../protocol/reply.ts';
import { wireLabel, type WireMessage } from '../protocol/wire.ts';

export const BASE_PORT = 30001;
export const MAX_NODES = 2000;

export interface WorldOptions {
  readonly nodes: number;
  readonly seed: number | string;
  readonly mode: BehaviourMode;
  /** kv1's port; kvN is at basePort + N - 1 (`kvlab serve --port` makes them the ports it listens on). */
  readonly basePort?: number;
}

export class World {
  readonly sim: Simulation<WireMessage>;
  readonly nodes: KvrocksNode[] = [];
  /** kvrocks-controller, off until `.controller start` so hand-typed topology is never overwritten. */
  readonly controller: ControllerLink;
  /** The setting (a preset, maybe with switches changed): `fixed`, `buggy+remove-master-2643`. */
  mode: BehaviourMode;
  /** The setting resolved: which switches are on. */
  behaviour: Behaviour;
  private readonly byName = new Map<string, KvrocksNode>();
  private readonly byAddress = new Map<string, KvrocksNode>();

  constructor(readonly options: WorldOptions) {
    if (!Number.isInteger(options.nodes) || options.nodes < 1 || options.nodes > MAX_NODES) {
      throw new RangeError(`node count must be a whole number from 1 to ${MAX_NODES}, got ${options.nodes}`);
    }
    this.behaviour = behaviourOf(options.mode);
    this.mode = this.behaviour.setting;
    this.sim = new Simulation<WireMessage>(options.seed, { label: wireLabel });
    const env = { sim: this.sim, mode: () => this.mode, has: (id: string) => this.behaviour.on.has(id) };
    for (let i = 0; i < options.nodes; i++) {
      const node = new KvrocksNode(`kv${i + 1}`, (options.basePort ?? BASE_PORT) + i, env);
      this.nodes.push(node);
      this.byName.set(node.name, node);
      this.byAddress.set(node.address, node);
    }
    this.controller = new ControllerLink(this);
    // Idle replication pings over long spans are computed, not ticked (node/idle-pings.ts).
    this.sim.clock.fastForward = (horizon, limit) => fastForwardPings(this.nodes, this.sim.clock, horizon, limit);
  }

  now(): number {
    return this.sim.now();
  }

  /** A node by name (`kv2`) or address (`127.0.0.1:30002`, `localhost:30002`). */
  find(ref: string): KvrocksNode | undefined {
    const byName = this.byName.get(ref.toLowerCase());
    if (byName) return byName;
    return this.byAddress.get(ref.replace(/^localhost:/i, '127.0.0.1:'));
  }

  /** Switches to another setting (it acts on what happens next). */
  setMode(mode: BehaviourMode): void {
    const next = behaviourOf(mode);
    if (next.setting === this.mode) return;
    this.sim.trace.record({ t: this.now(), kind: 'event', node: '*', text: `behaviour mode ${this.mode} -> ${next.setting}` });
    this.behaviour = next;
    this.mode = next.setting;
  }

  /** Whether a named behaviour (behaviours/switches.ts) is on. */
  has(id: string): boolean {
    return this.behaviour.on.has(id);
  }

  /**
   * Runs a command as a client on `node` at the current virtual time, then settles due work.
   * `prepared` (from `prepare`, `kvlab serve` only) saves time and never changes the outcome.
   */
  exec(node: KvrocksNode, client: ClientConn, argv: readonly string[], prepared?: Prepared): Reply | null {
    const t = this.now();
    this.sim.trace.record({ t, kind: 'command', node: node.name, client: `c${client.id}`, argv });
    const reply = node.execute(client, argv, null, prepared);
    this.sim.settle();
    return reply;
  }

  /** A command's work computed ahead in slices from `node`'s data now (commands/prepared.ts), or null. */
  prepare(node: KvrocksNode, argv: readonly string[]): Preparation | null {
    return prepareCommand(node, argv);
  }

  /**
   * A command from a client that waits for its reply, as redis-cli does (the console, a lab check):
   * it waits while another exclusive command holds the node, and virtual time passes while this one
   * blocks (a replication thread join, S11). `tookMs` is how long the client waited in all.
   */
  call(node: KvrocksNode, client: ClientConn, argv: readonly string[]): { reply: Reply | null; tookMs: number } {
    const start = this.now();
    while (node.running && node.lock.isHeld()) this.sim.runUntil(node.lock.heldUntil);
    let reply = this.exec(node, client, argv);
    const wait = node.lock.callerWaitMs;
    if (wait > 0) this.sim.runUntil(this.now() + wait);
    // A blocking command (CLUSTERX MIGRATE ... sync) answers when its work is done.
    const blocked = client.blocked;
    if (reply === null && blocked) {
      for (let next = this.sim.clock.nextDeadline(); !blocked.done && node.running && next !== undefined; next = this.sim.clock.nextDeadline()) this.sim.runUntil(next);
      client.blocked = null;
      reply = blocked.reply;
    }
    return { reply, tookMs: this.now() - start };
  }

  partition(a: KvrocksNode | 'controller', b: KvrocksNode | 'controller'): void {
    const nameOf = (x: KvrocksNode | 'controller') => (x === 'controller' ? 'controller' : x.name);
    this.sim.net.partition(nameOf(a), nameOf(b));
    this.sim.trace.record({ t: this.now(), kind: 'event', node: '*', text: `partition ${nameOf(a)} <-/-> ${nameOf(b)}` });
  }

  heal(): void {
    this.sim.net.heal();
    this.sim.trace.record({ t: this.now(), kind: 'event', node: '*', text: 'network healed' });
  }

  runUntil(time: number): void {
    this.sim.runUntil(time);
  }

  runFor(ms: number): void {
    this.sim.runFor(ms);
  }
}
