/**
 * One node's settings: every K-2024 setting (../config/fields.ts) as CONFIG GET prints it,
 * plus the kvrocks.conf it restarts from. A restart re-reads the file, so a CONFIG SET lasts until
 * the next restart unless CONFIG REWRITE wrote it (K-2024 src/config/config.cc Rewrite, Load).
 * Typed accessors cover the settings the model acts on.
 */
import { CONFIG_FIELDS, defaultText } from '../config/fields.ts';

/**
 * What each node's kvrocks.conf says, as the conformance builds are started
 * (../shared/kvrocks/start-cluster.sh): the model's nodes start the same way.
 */
export function kvrocksConf(name: string, port: number): ReadonlyMap<string, string> {
  const dir = `/tmp/kvlab/${name}/db`;
  return new Map([
    ['bind', '127.0.0.1'],
    ['port', String(port)],
    ['cluster-enabled', 'yes'],
    ['daemonize', 'no'],
    ['dir', dir],
    // K-2024 src/config/config.cc "dir" callback: a default backup-dir follows dir
    ['backup-dir', `${dir}/backup`],
    ['log-dir', 'stdout'],
    ['log-level', 'info'],
    ['pidfile', `/tmp/kvlab/${name}/kvrocks.pid`],
  ]);
}

/** Every setting's default as CONFIG GET prints it, computed once for all nodes. */
let defaults: ReadonlyMap<string, string> | null = null;
const defaultValues = () => (defaults ??= new Map(CONFIG_FIELDS.map((field) => [field.name, defaultText(field.spec)])));

export class NodeConfig {
  /**
   * The running values that differ from the defaults (which all nodes share, so a thousand nodes
   * start cheaply); shared with `file` until the first change.
   */
  private values: Map<string, string> = new Map();
  private shared = false;
  /** kvrocks.conf: its lines over the defaults; CONFIG REWRITE replaces it. */
  private file: ReadonlyMap<string, string>;
  /** A default a behaviour switch changes (../behaviours/setting-defaults.ts), read at each look-up. */
  switchedDefault: (name: string) => string | undefined = () => undefined;

  constructor(conf: ReadonlyMap<string, string> = new Map()) {
    this.file = new Map(conf);
    this.reload();
  }

  /** The value CONFIG GET prints, or undefined for a name Kvrocks does not have. */
  get(name: string): string | undefined {
    return this.values.get(name) ?? this.switchedDefault(name) ?? defaultValues().get(name);
  }

  /** Stores an already-validated value (CONFIG SET goes through ../commands/config.ts). */
  put(name: string, value: string): void {
    if (!defaultValues().has(name)) throw new Error(`no setting ${name}`);
    this.writable().set(name, value);
  }

  /** CONFIG REWRITE: the running values become kvrocks.conf. */
  rewrite(): void {
    this.file = this.values;
    this.shared = true;
  }

  /** Process start: read kvrocks.conf again. */
  reload(): void {
    this.values = this.file as Map<string, string>;
    this.shared = true;
  }

  private writable(): Map<string, string> {
    if (this.shared) {
      this.values = new Map(this.values);
      this.shared = false;
    }
    return this.values;
  }

  /** AddMaster / RemoveMaster keep `slaveof` in step (K-2024 config.cc SetMaster, ClearMaster). */
  setMaster(host: string, port: number): void {
    this.writable().set('slaveof', `${host} ${port}`);
  }

  clearMaster(): void {
    this.writable().set('slaveof', 'no one');
  }

  private yes(name: string): boolean {
    return this.get(name) === 'yes';
  }

  private text(name: string): string | null {
    const value = this.get(name) ?? '';
    return value === '' ? null : value;
  }

  private number(name: string): number {
    return Number(this.get(name));
  }

  get clusterEnabled(): boolean {
    return this.yes('cluster-enabled');
  }

  /** The longest bulk a request may carry (K-2024 redis_request.cc Tokenize). */
  get protoMaxBulkLen(): number {
    return this.number('proto-max-bulk-len');
  }

  get dbName(): string {
    return this.get('db-name')!;
  }

  /** null when empty: no password. */
  get requirepass(): string | null {
    return this.text('requirepass');
  }

  set requirepass(value: string | null) {
    this.writable().set('requirepass', value ?? '');
  }

  get masterauth(): string | null {
    return this.text('masterauth');
  }

  set masterauth(value: string | null) {
    this.writable().set('masterauth', value ?? '');
  }

  get slaveReadOnly(): boolean {
    return this.yes('slave-read-only');
  }

  get slaveServeStaleData(): boolean {
    return this.yes('slave-serve-stale-data');
  }

  get slavePriority(): number {
    return this.number('slave-priority');
  }

  /** Replication ids in PSYNC and on every write batch (#538). */
  get useRsidPsync(): boolean {
    return this.yes('use-rsid-psync');
  }

  /**
   * The master_host a `slaveof` setting gives at start, or null.
   * // K-2024 src/config/config.cc "slaveof" callback: `if (args[0] != "no" && args[1] != "one")`
   */
  get slaveofHost(): string | null {
    const args = (this.get('slaveof') ?? '').split(/[ \t]+/).filter((a) => a !== '');
    return args.length === 2 && args[0] !== 'no' && args[1] !== 'one' ? args[0]! : null;
  }

  get persistClusterNodesEnabled(): boolean {
    return this.yes('persist-cluster-nodes-enabled');
  }

  get replicaAnnounceIp(): string | null {
    return this.text('replica-announce-ip');
  }

  /** 0: announce the listening port. */
  get replicaAnnouncePort(): number {
    return this.number('replica-announce-port');
  }

  get maxclients(): number {
    return this.number('maxclients');
  }

  /** GiB; 0 is no limit. */
  get maxDbSize(): number {
    return this.number('max-db-size');
  }

  get logDir(): string {
    return this.get('log-dir')!;
  }
}

/** A node's settings as it starts: Kvrocks' defaults and the node's kvrocks.conf. */
export function defaultConfig(name = 'kv1', port = 30001): NodeConfig {
  return new NodeConfig(kvrocksConf(name, port));
}
