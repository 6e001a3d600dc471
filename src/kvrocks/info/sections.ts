/**
 * The INFO sections that read the process rather than the DB, field by field as K-2024
 * src/server/server.cc prints them (GetServerInfo, GetClientsInfo, GetMemoryInfo, GetInfo's
 * persistence and cpu parts, GetStatsInfo, GetCommandsStatsInfo, GetClusterInfo).
 * Memory and CPU figures are constants of a freshly started node: not modelled (docs/model.md).
 */
import type { KvrocksNode } from '../node/node.ts';
import { wallSeconds } from '../time.ts';

export function serverLines(node: KvrocksNode): string[] {
  const mode = node.config.clusterEnabled ? 'cluster' : 'standalone';
  const uptime = Math.floor((node.sim.now() - node.startedAt) / 1000);
  return [
    '# Server',
    'version:unstable',
    'kvrocks_version:unstable',
    'redis_version:4.0.0',
    // The model names itself here, so no one mistakes it for a build.
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
  ];
}

export function clientsLines(node: KvrocksNode): string[] {
  return ['# Clients', `maxclients:${node.config.maxclients}`, `connected_clients:${node.connectedClients()}`, 'monitor_clients:0', 'blocked_clients:0'];
}

export function memoryLines(): string[] {
  return [
    '# Memory',
    'used_memory_rss:29077504',
    'used_memory_rss_human:27.73M',
    'used_memory_lua:36864',
    'used_memory_lua_human:36.00K',
    'used_memory_startup:28815360',
  ];
}

export function persistenceLines(node: KvrocksNode): string[] {
  return [
    '# Persistence',
    `loading:${node.loading ? 1 : 0}`,
    'bgsave_in_progress:0',
    // No BGSAVE ever ran: upstream prints the start time.
    `last_bgsave_time:${wallSeconds(node.startedAt)}`,
    'last_bgsave_status:ok',
    'last_bgsave_time_sec:-1',
  ];
}

export function statsLines(node: KvrocksNode): string[] {
  const s = node.stats;
  return [
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
  ];
}

export function cpuLines(): string[] {
  return ['# CPU', 'used_cpu_sys:0', 'used_cpu_user:0'];
}

/** Commands that ran at least once, by name (upstream keeps them in a std::map). */
export function commandstatsLines(node: KvrocksNode): string[] {
  const names = [...node.commandCalls.keys()].sort();
  return ['# Commandstats', ...names.map((name) => `cmdstat_${name}:calls=${node.commandCalls.get(name)},usec=0,usec_per_call=0`)];
}

export function clusterLines(node: KvrocksNode): string[] {
  return ['# Cluster', `cluster_enabled:${node.config.clusterEnabled ? 1 : 0}`];
}
