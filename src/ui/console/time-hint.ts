/**
 * Which inputs set something in motion that only time carries out: a pushed topology (the
 * replica connects, syncs), a write (it replicates), a fault (links notice, reconnect). Typed
 * while time is paused, the console says once how to let time pass.
 */
import { KVROCKS_COMMANDS } from '../../kvrocks/commands/command-table.ts';
import type { RunResult } from '../../lab/session.ts';

const WRITES = new Set(KVROCKS_COMMANDS.filter((row) => row[2] === 'write').map((row) => row[0]));
/** Subcommands that change a node's topology, slots or replication (CLUSTERX, CLUSTER, CONFIG). */
const CHANGING: Readonly<Record<string, readonly string[]>> = {
  clusterx: ['setnodes', 'setnodeid', 'setslot', 'migrate'],
  cluster: ['reset', 'import'],
  config: ['set'],
};
const CHANGING_DOTS = new Set(['.crash', '.restart', '.partition', '.heal']);
/** `.controller start|create|...` and `.migration lose-ack` act over time; their status reads do not. */
const CHANGING_DOT_SUBS: Readonly<Record<string, readonly string[]>> = {
  '.controller': ['start', 'create', 'remove', 'failover', 'migrate', 'sync'],
  '.migration': ['lose-ack'],
};

export const PAUSED_HINT = 'Time is paused, so nothing follows from this yet: press Play (Space) to let it run, Step (.) to jump to the next event, or type .wait 1s.';

/** True when `result` started something that needs virtual time to pass (and did not fail). */
export function needsTime(result: RunResult): boolean {
  if (result.error !== null || result.output.startsWith('(error)') || result.output.startsWith('Could not connect')) return false;
  const argv = result.argv;
  if (argv === null) {
    const [dot = '', sub = ''] = result.input.trim().toLowerCase().split(/\s+/);
    return CHANGING_DOTS.has(dot) || (CHANGING_DOT_SUBS[dot]?.includes(sub) ?? false);
  }
  const name = argv[0]?.toLowerCase() ?? '';
  if (name === 'slaveof') return true;
  const subs = CHANGING[name];
  if (subs) return subs.includes(argv[1]?.toLowerCase() ?? '');
  return WRITES.has(name);
}
