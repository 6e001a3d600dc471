/** The replica's `ReplState` enum, exact names and order (K-2024 src/cluster/replication.h). */
export const REPL_STATES = [
  'kReplConnecting',
  'kReplSendAuth',
  'kReplCheckDBName',
  'kReplReplConf',
  'kReplSendPSync',
  'kReplFetchMeta',
  'kReplFetchSST',
  'kReplConnected',
  'kReplError',
] as const;

export type ReplState = (typeof REPL_STATES)[number];
