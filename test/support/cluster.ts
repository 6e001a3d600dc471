/** Builds worlds for tests: fresh nodes, topology payloads, bootstrap, and redis-cli-rendered exec. */
import type { BehaviourMode } from '../../src/kvrocks/mode.ts';
import { suggestedNodeId } from '../../src/protocol/node-ids.ts';
import type { KvrocksNode } from '../../src/kvrocks/node/node.ts';
import { renderReply } from '../../src/kvrocks/render.ts';
import { World } from '../../src/kvrocks/world.ts';

export const id = (name: string): string => suggestedNodeId(name);

/** One master line with the given slots, then one slave line per replica. */
export function shardLines(master: string, replicas: readonly string[], slots = '0-16383'): string {
  const port = (name: string) => 30000 + Number(name.slice(2));
  const lines = [`${id(master)} 127.0.0.1 ${port(master)} master - ${slots}`];
  for (const r of replicas) lines.push(`${id(r)} 127.0.0.1 ${port(r)} slave ${id(master)}`);
  return lines.join('\n');
}

export class TestCluster {
  readonly world: World;

  constructor(nodes = 3, mode: BehaviourMode = 'buggy', seed: number | string = 1) {
    this.world = new World({ nodes, seed, mode });
  }

  node(name: string): KvrocksNode {
    const node = this.world.find(name);
    if (!node) throw new Error(`no node ${name}`);
    return node;
  }

  /**
   * Runs a command on a node as one console client per node and returns redis-cli's rendering.
   * Like redis-cli, it waits for the reply: virtual time passes while the command blocks (S11).
   */
  run(name: string, ...argv: string[]): string {
    const node = this.node(name);
    const { reply, tookMs } = this.world.call(node, this.client(node), argv);
    this.lastTookMs = tookMs;
    return reply === null ? '' : renderReply(reply, argv);
  }

  /** How long the last `run` kept its client waiting, in virtual ms. */
  lastTookMs = 0;

  /** INFO replication as field -> value. */
  info(name: string, section = 'replication'): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const line of this.run(name, 'INFO', section).split('\n')) {
      const at = line.indexOf(':');
      if (at > 0 && !line.startsWith('#')) fields[line.slice(0, at)] = line.slice(at + 1);
    }
    return fields;
  }

  /** SETNODEID on every listed node, then SETNODES `payload` at `version` on each. */
  push(payload: string, version: number, to: readonly string[]): void {
    for (const name of to) {
      if (this.node(name).cluster.myId === '') this.run(name, 'CLUSTERX', 'SETNODEID', id(name));
      const reply = this.run(name, 'CLUSTERX', 'SETNODES', payload, String(version));
      if (reply !== 'OK') throw new Error(`SETNODES on ${name}: ${reply}`);
    }
  }

  wait(ms: number): void {
    this.world.runFor(ms);
  }

  private clients = new Map<KvrocksNode, ReturnType<KvrocksNode['localClient']>>();
  private client(node: KvrocksNode) {
    let client = this.clients.get(node);
    if (!client || client.bootGeneration !== node.bootGeneration) {
      client = node.localClient();
      this.clients.set(node, client);
    }
    return client;
  }
}

/** S1: kv1 master of every slot, kv2 and kv3 its replicas, all at version 1, settled. */
export function bootstrapS1(mode: BehaviourMode = 'buggy', seed: number | string = 1): TestCluster {
  const c = new TestCluster(3, mode, seed);
  c.push(shardLines('kv1', ['kv2', 'kv3']), 1, ['kv1', 'kv2', 'kv3']);
  c.wait(1000);
  return c;
}
