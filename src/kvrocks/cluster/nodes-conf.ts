/**
 * nodes.conf: what a node persists after SETNODES/SETNODEID/SETSLOT and reloads at startup (§2.4).
 * // K-2024 src/cluster/cluster.cc DumpClusterNodes, genNodesInfo, LoadClusterNodes
 */
import { parseCIntBig } from './c-int.ts';
import type { ClusterState, ListeningAddress, SetNodesOutcome } from './cluster-state.ts';
import { ERR_INVALID_CLUSTER_VERSION } from './cluster-state.ts';
import { parseConfigLine } from './config-line.ts';
import { slotTextByOwnerId } from './slot-owner-runs.ts';
import { ERR_INVALID_NODE_ID } from './topology-line.ts';
import { byteLength } from './text.ts';
import { NODE_ID_LENGTH, type ClusterNode, type Topology } from './types.ts';

/** Startup prefixes load errors with this. // K-2024 src/server/server.cc Server::Start */
export const NODES_CONF_LOAD_ERROR_PREFIX = 'failed to load cluster nodes info';

/**
 * The file text. Master lines read `node <id> <host> <port> master - ` followed by ` <slots>`, hence
 * the double space before slots and a trailing space on a master without slots; slave lines read
 * `node <id> <host> <port> slave <master_id> ` with a trailing space. Slots come from the slot table.
 */
export function dumpNodesConf(state: ClusterState): string {
  return `version ${state.versionText}\nid ${state.myId}\n${nodeLines(state.topology, state.slotOwner)}`;
}

const linesCache = new WeakMap<readonly (ClusterNode | null)[], WeakMap<Topology, string>>();

/** The `node ...` lines: shared by every node holding the same topology and slot table. */
function nodeLines(topology: Topology | null, slotOwner: readonly (ClusterNode | null)[]): string {
  if (!topology) return '';
  let byTopology = linesCache.get(slotOwner);
  const cached = byTopology?.get(topology);
  if (cached !== undefined) return cached;
  const slotText = slotTextByOwnerId(slotOwner);
  let text = '';
  for (const node of topology.nodes.values()) {
    const role = node.role === 'master' ? 'master - ' : `slave ${node.masterId ?? ''} `;
    const slots = node.role === 'master' ? (slotText.get(node.id) ?? '') : '';
    text += `node ${node.id} ${node.host} ${node.port} ${role}${slots === '' ? '' : ` ${slots}`}\n`;
  }
  if (!byTopology) linesCache.set(slotOwner, (byTopology = new WeakMap()));
  byTopology.set(topology, text);
  return text;
}

export type NodesConfResult =
  | { readonly ok: true; readonly version: bigint; readonly myId: string; readonly payload: string }
  | { readonly ok: false; readonly error: string };

/**
 * Read the file into what startup applies: a version (-1 if absent), a myid ('' if absent) and a
 * SETNODES payload made of the `node` values. Errors come without NODES_CONF_LOAD_ERROR_PREFIX.
 */
export function parseNodesConf(text: string): NodesConfResult {
  let version = -1n;
  let myId = '';
  let payload = '';
  const lines = text.split('\n');
  if (text.endsWith('\n')) lines.pop(); // std::getline yields no empty last line
  for (const line of lines) {
    const parsed = parseConfigLine(line);
    if (!parsed.ok) return { ok: false, error: `malformed line: ${parsed.error}` };
    if (parsed.key === '' || parsed.value === '') continue; // e.g. `id ` while no myid is set
    if (parsed.key === 'version') {
      const parsedVersion = parseCIntBig(parsed.value, 'int64');
      if (!parsedVersion.ok) return { ok: false, error: ERR_INVALID_CLUSTER_VERSION };
      version = parsedVersion.value;
    } else if (parsed.key === 'id') {
      if (byteLength(parsed.value) !== NODE_ID_LENGTH) return { ok: false, error: ERR_INVALID_NODE_ID };
      myId = parsed.value;
    } else if (parsed.key === 'node') {
      payload += `${parsed.value}\n`;
    } else {
      return { ok: false, error: `unknown key: ${parsed.key}` };
    }
  }
  return { ok: true, version, myId, payload };
}

/**
 * Startup: set myid straight from the file, then SETNODES without force (which re-derives nothing
 * when an id was stored, and fails with `Invalid cluster version` for a file written at version -1,
 * e.g. after SETNODEID alone). The caller applies replication from the outcome, as for SETNODES.
 */
export function loadNodesConf(
  state: ClusterState,
  text: string,
  self: ListeningAddress,
  bindAddresses?: readonly string[],
): SetNodesOutcome {
  const conf = parseNodesConf(text);
  if (!conf.ok) return { kind: 'error', message: conf.error };
  state.restoreMyId(conf.myId);
  return state.setClusterNodes(conf.payload, conf.version, false, self, bindAddresses);
}
