/**
 * INFO replication. `role` is the replication truth (IsSlave: master_host is set), not the
 * topology's role. // K-2024 src/server/server.cc GetReplicationInfo
 */
import type { KvrocksNode } from '../node/node.ts';
import { wallSeconds } from '../time.ts';

export function replicationLines(node: KvrocksNode): string[] {
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
  return out;
}
