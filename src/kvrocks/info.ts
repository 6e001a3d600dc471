/**
 * INFO text, section by section, field by field as K-2024 src/server/server.cc prints it
 * (GetInfo, GetServerInfo, GetReplicationInfo, GetStatsInfo, ...). Lines end in CRLF; sections
 * are separated by an empty line. Memory, CPU and RocksDB internals are not modelled: those
 * sections say so in a `#` comment line instead of printing invented numbers.
 */
import type { KvrocksNode } from './node/node.ts';
import { wallSeconds } from './time.ts';

const CRLF = '\r\n';
const lines = (...items: string[]) => items.map((item) => item + CRLF).join('');

export const INFO_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'commandstats', 'cluster', 'keyspace', 'rocksdb'] as const;

export function infoText(node: KvrocksNode, section: string): string {
  const all = section === 'all';
  const parts: string[] = [];
  for (const name of INFO_SECTIONS) {
    if (!all && section !== name) continue;
    // While loading, sections that read the DB are skipped entirely (GetInfo: !is_loading_).
    if (node.loading && (name === 'replication' || name === 'keyspace' || name === 'rocksdb')) continue;
    parts.push(SECTION_PRINTERS[name](node));
  }
  return parts.join(CRLF);
}

const SECTION_PRINTERS: Record<(typeof INFO_SECTIONS)[number], (node: KvrocksNode) => string> = {
  server: serverSection,
  clients: (node) =>
    lines('# Clients', `maxclients:${node.config.maxclients}`, `connected_clients:${node.connectedClients()}`, 'monitor_clients:0', 'blocked_clients:0'),
  memory: () => lines('# Memory', '# kvlab: memory is not modelled'),
  persistence: (node) =>
    lines('# Persistence', `loading:${node.loading ? 1 : 0}`, 'bgsave_in_progress:0', `last_bgsave_time:${wallSeconds(node.startedAt)}`, 'last_bgsave_status:ok', 'last_bgsave_time_sec:-1'),
  stats: statsSection,
  replication: replicationSection,
  cpu: () => lines('# CPU', '# kvlab: CPU usage is not modelled'),
  commandstats: (node) =>
    lines('# Commandstats', ...[...node.commandCalls].map(([name, calls]) => `cmdstat_${name}:calls=${calls},usec=0,usec_per_call=0`)),
  cluster: (node) => lines('# Cluster', `cluster_enabled:${node.config.clusterEnabled ? 1 : 0}`),
  keyspace: keyspaceSection,
  rocksdb: () => lines('# RocksDB', '# kvlab: RocksDB internals are not modelled'),
};

function serverSection(node: KvrocksNode): string {
  const mode = node.config.clusterEnabled ? 'cluster' : 'standalone';
  const uptime = Math.floor((node.sim.now() - node.startedAt) / 1000);
  return lines(
    '# Server',
    'version:unstable',
    'kvrocks_version:unstable',
    'redis_version:4.0.0',
    `git_sha1:kvlab-${node.mode()}`,
    `kvrocks_git_sha1:kvlab-${node.mode()}`,
    `redis_mode:${mode}`,
    `kvrocks_mode:${mode}`,
    'os:Linux 6.1.0 x86_64',
    'gcc_version:12.2.0',
    'arch_bits:64',
    `process_id:${node.processId}`,
    `tcp_port:${node.port}`,
    `uptime_in_seconds:${uptime}`,
    `uptime_in_days:${Math.floor(uptime / 86400)}`,
  );
}

function statsSection(node: KvrocksNode): string {
  const s = node.stats;
  return lines(
    '# Stats',
    `total_connections_received:${s.totalConnections}`,
    `total_commands_processed:${s.totalCommands}`,
    'instantaneous_ops_per_sec:0',
    'total_net_input_bytes:0',
    'total_net_output_bytes:0',
    'instantaneous_input_kbps:0',
    'instantaneous_output_kbps:0',
    `sync_full:${s.syncFull}`,
    `sync_partial_ok:${s.syncPartialOk}`,
    `sync_partial_err:${s.syncPartialErr}`,
    `keyspace_hits:${s.keyspaceHits}`,
    `keyspace_misses:${s.keyspaceMisses}`,
    'pubsub_channels:0',
    'pubsub_patterns:0',
  );
}

/** GetReplicationInfo: `role` is the replication truth (IsSlave), not the topology role. */
export function replicationSection(node: KvrocksNode): string {
  const out = ['# Replication', `role:${node.isSlave ? 'slave' : 'master'}`];
  const replica = node.replica;
  const latest = node.storage.latestSeq;
  if (replica) {
    const state = replica.state;
    const now = wallSeconds(node.sim.now());
    const lastIo = replica.lastIoAt === null ? 0 : wallSeconds(replica.lastIoAt);
    out.push(
      `master_host:${replica.masterHost}`,
      `master_port:${replica.masterPort}`,
      `master_link_status:${state === 'kReplConnected' ? 'up' : 'down'}`,
      `master_sync_unrecoverable_error:${state === 'kReplError' ? 'yes' : 'no'}`,
      `master_sync_in_progress:${state === 'kReplFetchMeta' || state === 'kReplFetchSST' ? 1 : 0}`,
      `master_last_io_seconds_ago:${now - lastIo}`,
      `slave_repl_offset:${latest}`,
      `slave_priority:${node.config.slavePriority}`,
    );
  }
  // connected_slaves counts stopped threads until the cron reaps them; slaveN lines skip them.
  out.push(`connected_slaves:${node.master.feeds.length}`);
  node.master.live().forEach((feed, i) => {
    out.push(`slave${i}:ip=${feed.client.infoIp},port=${feed.client.infoPort},offset=${feed.offset},lag=${latest - feed.offset}`);
  });
  out.push(`master_repl_offset:${latest}`);
  return lines(...out);
}

function keyspaceSection(node: KvrocksNode): string {
  const scan = node.keyNumStats;
  const header =
    scan.scannedAt === null ? '# WARN: DBSIZE SCAN never performed yet' : `# Last DBSIZE SCAN time: ${formatScanTime(wallSeconds(scan.scannedAt))}`;
  return lines(
    '# Keyspace',
    header,
    `db0:keys=${scan.keys},expires=0,avg_ttl=0,expired=0`,
    `sequence:${node.storage.latestSeq}`,
    'used_db_size:0',
    'max_db_size:0',
    'used_percent: 0%',
  );
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** strftime "%a %b %e %H:%M:%S %Y" in UTC, without Date (the core has no wall clock). */
export function formatScanTime(unixSeconds: number): string {
  const days = Math.floor(unixSeconds / 86400);
  const secs = unixSeconds - days * 86400;
  const [year, month, day] = civilFromDays(days);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor(secs / 3600))}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}`;
  return `${DAYS[(days + 4) % 7]} ${MONTHS[month - 1]} ${String(day).padStart(2, ' ')} ${hms} ${year}`;
}

/** Howard Hinnant's days-from-civil inverse: day count since 1970-01-01 to [y, m, d]. */
function civilFromDays(z: number): [number, number, number] {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}
