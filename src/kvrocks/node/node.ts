/**
 * One simulated Kvrocks server: config, data, cluster view, the replication it actually runs
 * (replica side and master side) and its process lifecycle. Commands live in ../commands.
 */
import { type Actor, createActor } from 'xstate';
import type { Socket } from '../../engine/network.ts';
import type { Simulation } from '../../engine/simulation.ts';
import { nodeProcessMachine } from '../../machines/node-process.machine.ts';
import { ClusterState } from '../cluster/cluster-state.ts';
import { dumpNodesConf, loadNodesConf, NODES_CONF_LOAD_ERROR_PREFIX } from '../cluster/nodes-conf.ts';
import { execute } from '../commands/dispatch.ts';
import type { Prepared } from '../commands/prepared.ts';
import type { BehaviourMode } from '../mode.ts';
import type { Reply } from '../../protocol/reply.ts';
import { keyNumStats } from '../data/scan.ts';
import { SlotImporter } from '../migration/importer.ts';
import { SlotMigrator } from '../migration/migrator.ts';
import { type Checkpoint, Storage } from '../storage.ts';
import { wallMs } from '../time.ts';
import type { WireMessage } from '../../protocol/wire.ts';
import { applyTopology } from './apply-topology.ts';
import type { ClientConn } from './client.ts';
import { Connections } from './connections.ts';
import { defaultConfig, type NodeConfig } from './config.ts';
import { MasterSide } from './feeds.ts';
import { ReplicaLink } from './replica.ts';
import { shiftReplId } from './repl-id.ts';
import { switchedDefault } from '../behaviours/setting-defaults.ts';
import { WorkerLock } from './worker-lock.ts';

export interface NodeEnv {
  readonly sim: Simulation<WireMessage>;
  mode(): BehaviourMode;
  /** Whether a named behaviour is on (behaviours/switches.ts). */
  has(id: string): boolean;
}

export interface NodeStats {
  totalConnections: number;
  totalCommands: number;
  syncFull: number;
  syncPartialOk: number;
  syncPartialErr: number;
  keyspaceHits: number;
  keyspaceMisses: number;
}

/** What the last DBSIZE SCAN counted (K-2024 redis_db.cc Keys with KeyNumStats). */
export interface KeyNumStats {
  readonly keys: number;
  readonly expires: number;
  readonly avgTtl: number;
  readonly expired: number;
  readonly scannedAt: number | null;
  readonly scanning: boolean;
}

const NO_KEY_SCAN: KeyNumStats = { keys: 0, expires: 0, avgTtl: 0, expired: 0, scannedAt: null, scanning: false };

const newStats = (): NodeStats => ({
  totalConnections: 0,
  totalCommands: 0,
  syncFull: 0,
  syncPartialOk: 0,
  syncPartialErr: 0,
  keyspaceHits: 0,
  keyspaceMisses: 0,
});

export class KvrocksNode {
  readonly host = '127.0.0.1';
  readonly address: string;
  readonly sim: Simulation<WireMessage>;
  config: NodeConfig;
  /** RocksDB: survives a crash. */
  readonly storage = new Storage();
  /** `<dir>/nodes.conf`: survives a crash. */
  readonly disk: { nodesConf: string | null } = { nodesConf: null };
  /** In memory, rebuilt from nodes.conf on restart. */
  cluster = new ClusterState();
  replica: ReplicaLink | null = null;
  readonly master: MasterSide;
  loading = false;
  /** The global worker lock: an exclusive command that joins a replication thread stalls the node (S11). */
  readonly lock: WorkerLock;
  /** Slot migration: this node as a source, and as a destination (in memory: a restart forgets them). */
  migrator = new SlotMigrator(this);
  importer = new SlotImporter();
  /** The checkpoint the last `_fetch_meta` created, served by `_fetch_file`. */
  fullSyncCheckpoint: Checkpoint | null = null;
  startedAt = 0;
  /** Incremented at every start; connections from an earlier incarnation are gone. */
  bootGeneration = 0;
  stats = newStats();
  /** Calls per command name, for INFO commandstats. */
  commandCalls = new Map<string, number>();
  /** The result of the last `DBSIZE SCAN` (DBSIZE and INFO keyspace report it, not a live count). */
  keyNumStats: KeyNumStats = NO_KEY_SCAN;
  /** A stable fake pid per node for INFO server. */
  readonly processId: number;
  readonly process: Actor<typeof nodeProcessMachine>;
  readonly connections: Connections;

  constructor(
    readonly name: string,
    readonly port: number,
    readonly env: NodeEnv,
  ) {
    this.sim = env.sim;
    this.address = `${this.host}:${port}`;
    this.processId = 1000 + (port % 30000);
    this.config = defaultConfig(name, port);
    this.config.switchedDefault = (setting) => switchedDefault(setting, (id) => env.has(id));
    this.master = new MasterSide(this);
    this.lock = new WorkerLock(this.sim.clock);
    this.connections = new Connections(this);
    this.sim.net.bind(name, this.address);
    this.process = createActor(nodeProcessMachine, {
      clock: this.sim.clock,
      // Boot runs right after the transition (same virtual instant), outside the machine's action:
      // it starts other actors, which xstate does not allow from inside an action.
      input: { io: { boot: () => this.sim.clock.schedule(() => this.boot(), 0), die: () => this.die() } },
    });
    this.process.subscribe((snapshot) => this.noteProcessState(String(snapshot.value)));
    this.process.start();
    this.boot();
  }

  get running(): boolean {
    return this.process.getSnapshot().value === 'running';
  }

  get processState(): string {
    return String(this.process.getSnapshot().value);
  }

  /** `IsSlave()`: master_host is set, whatever the topology says. */
  get isSlave(): boolean {
    return this.replica !== null;
  }

  mode(): BehaviourMode {
    return this.env.mode();
  }

  /** Whether a named behaviour is on now (behaviours/switches.ts): read where its decision is made. */
  has(id: string): boolean {
    return this.env.has(id);
  }

  /** `has` as a function value, made once: every command's dispatch passes it on. */
  readonly hasSwitch = (id: string): boolean => this.env.has(id);

  /** A client connection for a console or a test, accepted like any other (connections.ts). */
  localClient(): ClientConn {
    return this.connections.local();
  }

  normalClients(): ClientConn[] {
    return this.connections.normal();
  }

  closeClient(client: ClientConn, afterReply = false): void {
    this.connections.close(client, afterReply);
  }

  /** Runs one command; null when the command answered on the socket itself (replication commands). */
  execute(client: ClientConn, argv: readonly string[], socket: Socket<WireMessage> | null = null, prepared?: Prepared): Reply | null {
    this.lock.beginCommand();
    return execute(prepared ? { node: this, client, socket, prepared } : { node: this, client, socket }, argv);
  }

  /**
   * AddMaster (K-2024 server.cc): same host and port without force is a no-op. Otherwise the old
   * thread is stopped and joined first, which can take seconds (replication-stop.ts): the calling
   * command waits, holding the node if it is exclusive, and the new thread starts after.
   */
  addMaster(host: string, port: number, forceReconnect = false, exclusive = true): void {
    const current = this.replica;
    if (!forceReconnect && current && current.masterHost === host && current.masterPort === port) return;
    const joinMs = current ? current.stop() : 0;
    this.lock.block(joinMs, exclusive);
    const link = new ReplicaLink(this, host, port);
    this.replica = link;
    this.config.setMaster(host, port);
    this.trace(`SLAVE OF ${host}:${port} enabled`);
    if (joinMs === 0) link.start();
    else this.sim.clock.schedule(() => this.replica === link && this.running && link.start(), joinMs);
  }

  /** RemoveMaster: only acts when replicating; data and our own feed threads are kept. It joins the thread too. */
  removeMaster(): void {
    if (!this.replica) return;
    const previous = this.replica;
    this.replica = null;
    this.config.clearMaster();
    this.lock.block(previous.stop(), true);
    this.trace('MASTER MODE enabled');
    shiftReplId(this);
  }

  /** nodes.conf is written after SETNODES/SETNODEID/SETSLOT when persist-cluster-nodes-enabled. */
  persistNodesConf(): void {
    if (this.config.persistClusterNodesEnabled) this.disk.nodesConf = dumpNodesConf(this.cluster);
  }

  trace(text: string): void {
    this.sim.trace.record({ t: this.sim.now(), kind: 'event', node: this.name, text });
  }

  traceTransition(machine: string, from: string, to: string): void {
    this.sim.trace.record({ t: this.sim.now(), kind: 'transition', node: this.name, machine, from, to });
  }

  /** DBSIZE SCAN runs in the background; the model lets it take 1 ms. */
  startKeyScan(): void {
    this.keyNumStats = { ...this.keyNumStats, scanning: true };
    this.sim.clock.schedule(() => {
      this.keyNumStats = { ...keyNumStats(this.storage, wallMs(this.sim.now())), scannedAt: this.sim.now(), scanning: false };
    }, 1);
  }

  /** CONFIG SET persist-cluster-nodes-enabled: dumps nodes.conf, or removes it (config.cc callback). */
  onPersistToggled(dump: boolean): void {
    if (!this.config.clusterEnabled) return;
    this.disk.nodesConf = dump ? dumpNodesConf(this.cluster) : null;
  }

  crash(): void {
    this.process.send({ type: 'CRASH' });
  }

  restart(): void {
    this.process.send({ type: 'RESTART' });
  }

  private lastProcessState = 'running';
  private noteProcessState(state: string): void {
    if (state === this.lastProcessState) return;
    this.traceTransition('process', this.lastProcessState, state);
    this.lastProcessState = state;
  }

  /** Start-up: listen, then load nodes.conf and apply it like SETNODES without force (§2.4). */
  private boot(): void {
    this.startedAt = this.sim.now();
    this.config.reload();
    this.storage.opened();
    this.bootGeneration++;
    this.connections.reset();
    this.stats = newStats();
    this.commandCalls = new Map();
    this.keyNumStats = NO_KEY_SCAN;
    this.sim.net.listen(this.address, (socket) => this.connections.accept(socket));
    // K-2024 server.cc Start: a node not made a replica by a `slaveof` line takes a new replication id.
    if (this.config.slaveofHost === null) shiftReplId(this);
    const text = this.disk.nodesConf;
    if (text === null) return;
    const outcome = loadNodesConf(this.cluster, text, { host: this.host, port: this.port });
    if (outcome.kind === 'error') {
      // Server::Start fails and main() exits: "Failed to start server".
      this.trace(`Failed to start server: ${NODES_CONF_LOAD_ERROR_PREFIX}: ${outcome.message}`);
      this.process.send({ type: 'BOOT_FAILED' });
      return;
    }
    this.trace(`loaded nodes.conf: version ${this.cluster.version}`);
    applyTopology(this, outcome);
  }

  /** The process dies: the kernel closes every socket (FIN); memory is gone, disk stays. */
  private die(): void {
    this.sim.net.unlisten(this.address);
    this.sim.net.closeAllOf(this.name);
    if (this.replica) this.replica.actor.stop();
    this.replica = null;
    this.master.clear();
    this.storage.replId = '';
    this.lock.clear();
    this.connections.reset();
    this.loading = false;
    this.cluster = new ClusterState();
    this.migrator.halt();
    this.migrator = new SlotMigrator(this);
    this.importer = new SlotImporter();
  }

  connectedClients(): number {
    return this.connections.count();
  }
}
