/**
 * Scripted kvrocks nodes for the controller machine's tests: each answers a call 1 ms later on a
 * SimClock, the way a node would (CLUSTER INFO, SETNODEID, SETNODES with the version gate and
 * `force`, CLUSTER NODES, INFO), and an io with the switches a test turns on.
 */
import { createActor } from 'xstate';
import { SimClock } from '../../src/engine/clock.ts';
import { OK, bulk, err, error, type Reply } from '../../src/protocol/reply.ts';
import type { ControllerIo, ControllerResult } from '../../src/machines/controller-io.ts';
import { controllerMachine } from '../../src/machines/controller.machine.ts';
import { createCluster, type StoredCluster } from '../../src/machines/controller-store.ts';

export const id = (c: string) => c.repeat(40);
export const [M, R1, R2] = [id('m'), id('a'), id('b')];
export const [AM, A1, A2] = ['127.0.0.1:30001', '127.0.0.1:30002', '127.0.0.1:30003'];

export interface FakeNode {
  version: number;
  up: boolean;
  role: 'master' | 'slave';
  sequence: number;
  loading: boolean;
  myId: string;
  payload: string;
  nodesText: string;
  /** `cluster_known_nodes` and `cluster_slots_ok` in CLUSTER INFO, when set. */
  counts?: { known: number; slots: number };
}

/** Scripted nodes that answer every call 1 ms later on the SimClock, as a kvrocks node would. */
function answer(node: FakeNode, argv: readonly string[]): Reply | null {
  if (!node.up) return null;
  const command = argv.slice(0, argv[0] === 'INFO' ? 1 : 2).join(' ').toUpperCase();
  if (command === 'CLUSTER INFO') {
    if (node.loading) return error('LOADING kvrocks is restoring the db from backup');
    if (node.version < 0) return error('CLUSTERDOWN The cluster is not initialized');
    const counts = node.counts ? `cluster_slots_ok:${node.counts.slots}\r\ncluster_known_nodes:${node.counts.known}\r\n` : '';
    return bulk(`cluster_state:ok\r\n${counts}cluster_current_epoch:${node.version}\r\ncluster_my_epoch:${node.version}\r\n`);
  }
  if (command === 'CLUSTERX SETNODEID') return (node.myId = argv[2]!), OK;
  if (command === 'CLUSTERX SETNODES') {
    const version = Number(argv[3]);
    const force = argv[4] === 'force';
    if (version < node.version && !force) return err('Invalid cluster version');
    if (version > node.version || force) [node.version, node.payload, node.counts] = [version, argv[2]!, undefined];
    return OK;
  }
  if (command === 'CLUSTER NODES') return bulk(node.nodesText);
  // While loading, INFO leaves out the replication and keyspace sections. // K-2024 src/server/server.cc GetInfo
  if (command === 'INFO' && node.loading) return bulk('# Server\r\nredis_version:4.0.0\r\n');
  if (command === 'INFO') return bulk(`# Replication\r\nrole:${node.role}\r\nconnected_slaves:0\r\n# Keyspace\r\nsequence:${node.sequence}\r\n`);
  return err(`unknown command '${argv[0]}'`);
}

export function world(options: { cluster?: StoredCluster; version?: number; switches?: readonly string[]; addresses?: readonly string[] } = {}) {
  const clock = new SimClock();
  const node = (role: 'master' | 'slave'): FakeNode => ({
    version: options.version ?? -1, up: true, role, sequence: 0, loading: false, myId: '', payload: '', nodesText: '',
  });
  const addresses = options.addresses ?? [AM, A1, A2];
  const stored = options.cluster?.shards.flatMap((shard) => shard.nodes) ?? [];
  const roleOf = (address: string, i: number) => stored.find((n) => `${n.host}:${n.port}` === address)?.role ?? (i === 0 ? 'master' : 'slave');
  const nodes: Record<string, FakeNode> = Object.fromEntries(addresses.map((address, i) => [address, node(roleOf(address, i))]));
  const calls: { at: number; to: string; argv: readonly string[] }[] = [];
  const logs: string[] = [];
  const switches = new Set(options.switches ?? []);
  const io: ControllerIo = {
    now: () => clock.now(),
    log: (text) => logs.push(text),
    call: (address, argv, done) => {
      calls.push({ at: clock.now(), to: address, argv });
      clock.setTimeout(() => done(answer(nodes[address]!, argv)), 1);
    },
    has: (id) => switches.has(id),
    after: (ms, fn) => void clock.setTimeout(fn, ms),
  };
  const actor = createActor(controllerMachine, { input: { io, cluster: options.cluster ?? null }, clock });
  actor.start();
  const results: ControllerResult[] = [];
  const reply = (result: ControllerResult) => results.push(result);
  /** Calls from `since`, as `address COMMAND SUB`; SETNODES keeps its version. */
  const sent = (since = 0, upTo = Infinity) =>
    calls
      .filter((c) => c.at >= since && c.at <= upTo)
      .map((c) => `${c.to} ${c.argv[0]}${c.argv[1] ? ` ${c.argv[1]}` : ''}${c.argv[1] === 'SETNODES' ? ` v${c.argv[3]}` : ''}`);
  return { clock, nodes, calls, logs, actor, results, reply, sent };
}

export function labCluster(): StoredCluster {
  const made = createCluster('lab', [AM, A1, A2], 3, [M, R1, R2]);
  if (!made.ok) throw new Error(made.error);
  return made.cluster;
}

/** A started controller whose cluster v1 the three nodes already hold. */
export function steady(switches: readonly string[] = []) {
  const w = world({ cluster: labCluster(), version: 1, switches });
  w.actor.send({ type: 'START' });
  return w;
}
