/**
 * Replication ids (PR #538, "PSYNC based on Unique Replication Sequence ID"): with
 * `use-rsid-psync yes` a node that starts as a master, or stops replicating (RemoveMaster), takes
 * a new random id, writes it to the propagate column family (one sequence number), and logs it at
 * the end of every batch it writes afterwards. A replica's PSYNC then names the id of its last
 * batch, and the master refuses a partial sync when its own batch at that sequence has another id.
 */
import { Rng } from '../../engine/rng.ts';
import { REPL_ID_LENGTH } from '../../protocol/wal.ts';
import type { KvrocksNode } from './node.ts';

// K-2024 src/storage/storage.cc ShiftReplId: 16 characters from this set (std::mt19937 seeded
// from random_device + pid upstream; a per-node seeded generator here).
const CHARSET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const generators = new WeakMap<KvrocksNode, Rng>();

function randomReplId(node: KvrocksNode): string {
  let rng = generators.get(node);
  if (!rng) generators.set(node, (rng = new Rng(`replid:${node.name}`)));
  let id = '';
  for (let i = 0; i < REPL_ID_LENGTH; i++) id += CHARSET[rng.int(0, CHARSET.length - 1)];
  return id;
}

/**
 * ShiftReplId: a no-op unless use-rsid-psync is yes. Called at process start (unless a `slaveof`
 * line makes the node a replica) and by RemoveMaster.
 * // K-2024 src/server/server.cc Server::Start, RemoveMaster; src/storage/storage.cc ShiftReplId
 */
export function shiftReplId(node: KvrocksNode): void {
  if (!node.config.useRsidPsync) return;
  const replId = randomReplId(node);
  node.storage.replId = replId;
  node.trace(`[replication] New replication id: ${replId}`);
  node.storage.write([{ op: 'setReplId', replId }], 1);
  node.master.walAppended();
}

/**
 * The id a replica names in PSYNC: the one logged with its latest batch, else the propagate column
 * family's (after a full sync the WAL may not reach back), else none.
 * // K-2024 src/cluster/replication.cc tryPSyncWriteCB
 */
export function psyncReplId(node: KvrocksNode): string | null {
  const inWal = node.storage.replIdAt(node.storage.latestSeq);
  if (inWal.length === REPL_ID_LENGTH) return inWal;
  const inDb = node.storage.propagatedReplId;
  return inDb.length === REPL_ID_LENGTH ? inDb : null;
}
