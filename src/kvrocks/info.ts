/**
 * INFO text, section by section in upstream's order. Lines end in CRLF; sections are separated
 * by an empty line. A section is printed when it is asked for by its lower-case name or by `all`
 * (INFO with no argument); any other word prints nothing.
 * // K-2024 src/server/server.cc GetInfo, src/commands/cmd_server.cc CommandInfo
 */
import { keyspaceLines } from './info/keyspace.ts';
import { replicationLines } from './info/replication.ts';
import { rocksdbLines } from './info/rocksdb.ts';
import { clientsLines, clusterLines, commandstatsLines, cpuLines, memoryLines, persistenceLines, serverLines, statsLines } from './info/sections.ts';
import type { KvrocksNode } from './node/node.ts';

const CRLF = '\r\n';

export const INFO_SECTIONS = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'commandstats', 'cluster', 'keyspace', 'rocksdb'] as const;

type Section = (typeof INFO_SECTIONS)[number];

const SECTION_LINES: Record<Section, (node: KvrocksNode) => string[]> = {
  server: serverLines,
  clients: clientsLines,
  memory: memoryLines,
  persistence: persistenceLines,
  stats: statsLines,
  replication: replicationLines,
  cpu: cpuLines,
  commandstats: commandstatsLines,
  cluster: clusterLines,
  keyspace: keyspaceLines,
  rocksdb: rocksdbLines,
};

/** These read the DB, which is closed while loading: GetInfo skips them then (`!is_loading_`). */
const NEEDS_DB: ReadonlySet<Section> = new Set(['replication', 'keyspace', 'rocksdb']);

/** `section` is already lower-cased, as CommandInfo does. */
export function infoText(node: KvrocksNode, section: string): string {
  const all = section === 'all';
  const parts: string[] = [];
  for (const name of INFO_SECTIONS) {
    if (!all && section !== name) continue;
    if (node.loading && NEEDS_DB.has(name)) continue;
    parts.push(SECTION_LINES[name](node).map((line) => line + CRLF).join(''));
  }
  return parts.join(CRLF);
}
