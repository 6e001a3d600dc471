/** The kvrocks.conf settings the model reads, with Kvrocks' defaults (K-2024 kvrocks.conf, config.cc). */
export interface NodeConfig {
  clusterEnabled: boolean;
  dbName: string;
  requirepass: string | null;
  masterauth: string | null;
  slaveReadOnly: boolean;
  slaveServeStaleData: boolean;
  slavePriority: number;
  persistClusterNodesEnabled: boolean;
  replicaAnnounceIp: string | null;
  maxclients: number;
}

export function defaultConfig(): NodeConfig {
  return {
    clusterEnabled: true,
    dbName: 'change.me.db',
    requirepass: null,
    masterauth: null,
    slaveReadOnly: true,
    slaveServeStaleData: true,
    slavePriority: 100,
    persistClusterNodesEnabled: true,
    replicaAnnounceIp: null,
    maxclients: 10240,
  };
}
