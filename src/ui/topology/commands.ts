/**
 * The topology panel's model: roles chosen per node -> a CLUSTERX SETNODES payload, checked before
 * anything is sent, and the console inputs that push it (`@kvN CLUSTERX SETNODEID <id>` for nodes
 * without a myid, then `@kvN CLUSTERX SETNODES "<payload>" <version>`, one line each, quoteArg'd).
 * Line format as kvrocks-controller writes it (kvrocks-semantics §6, Shard.ToSlotsString).
 */
import { quoteArg } from '../../kvrocks/args.ts';
import { formatSlotRanges, MAX_SLOT, slotsToRanges } from '../../kvrocks/cluster/slots.ts';
import type { SlotRange } from '../../kvrocks/cluster/types.ts';
import { suggestedNodeId } from '../../protocol/node-ids.ts';

export type Role = 'master' | 'slave' | 'out';

export interface Assignment {
  readonly name: string;
  readonly role: Role;
  /** Masters: `0-5460 5461`, spaces or commas between items. */
  readonly slots: string;
  /** Slaves: the name of their master. */
  readonly master: string;
}

export interface NodeInfo {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** '' when the node has none yet. */
  readonly myId: string;
  readonly version: number;
  readonly running: boolean;
}

export interface Plan {
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** The SETNODES payload (lines joined by `\n`); '' when there are errors. */
  readonly payload: string;
  /** Names of the nodes the payload lists, in payload order. */
  readonly inTopology: readonly string[];
}

export const nodeIdOf = (node: NodeInfo): string => node.myId || suggestedNodeId(node.name);

/** Parses a master's slot list; ranges are kept as typed, errors name the bad item. */
export function parseSlots(spec: string): { ok: true; ranges: SlotRange[] } | { ok: false; error: string } {
  const ranges: SlotRange[] = [];
  for (const item of spec.split(/[\s,]+/).filter((x) => x !== '')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(item);
    if (!m) return { ok: false, error: `'${item}' is not a slot or a range like 0-5460` };
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    if (start > MAX_SLOT || end > MAX_SLOT) return { ok: false, error: `'${item}' is out of range: slots are 0-${MAX_SLOT}` };
    if (start > end) return { ok: false, error: `'${item}' runs backwards` };
    ranges.push({ start, end });
  }
  return { ok: true, ranges };
}

/** Checks the roles and builds the payload: masters shard by shard, each followed by its slaves. */
export function planTopology(nodes: readonly NodeInfo[], assignments: readonly Assignment[]): Plan {
  const errors: string[] = [];
  const warnings: string[] = [];
  const role = new Map(assignments.map((a) => [a.name, a]));
  const info = new Map(nodes.map((n) => [n.name, n]));
  const owner = new Array<string | undefined>(MAX_SLOT + 1);
  const overlaps = new Map<string, number[]>();
  const slotsOf = new Map<string, SlotRange[]>();
  for (const a of assignments) {
    if (!info.has(a.name)) errors.push(`${a.name}: no such node`);
    if (a.role === 'master') {
      const parsed = parseSlots(a.slots);
      if (!parsed.ok) {
        errors.push(`${a.name}: ${parsed.error}`);
        continue;
      }
      const mine: number[] = [];
      for (const r of parsed.ranges) {
        for (let s = r.start; s <= r.end; s++) {
          const prev = owner[s];
          if (prev !== undefined) {
            const key = prev === a.name ? `${a.name} twice` : `${prev} and ${a.name}`;
            overlaps.set(key, [...(overlaps.get(key) ?? []), s]);
          } else {
            owner[s] = a.name;
            mine.push(s);
          }
        }
      }
      slotsOf.set(a.name, slotsToRanges(mine));
    } else if (a.role === 'slave') {
      const m = role.get(a.master);
      if (a.master === '') errors.push(`${a.name}: choose its master`);
      else if (a.master === a.name) errors.push(`${a.name}: a node cannot replicate itself`);
      else if (m?.role !== 'master') errors.push(`${a.name}: its master ${a.master} is not a master in this topology`);
    }
  }
  for (const [who, slots] of overlaps) errors.push(`slots ${formatSlotRanges(slotsToRanges(slots))} are claimed by ${who}`);
  const masters = assignments.filter((a) => a.role === 'master');
  if (masters.length === 0) errors.push('the topology needs at least one master');
  const unassigned: number[] = [];
  for (let s = 0; s <= MAX_SLOT; s++) if (owner[s] === undefined) unassigned.push(s);
  if (masters.length > 0 && unassigned.length > 0) warnings.push(`slots ${formatSlotRanges(slotsToRanges(unassigned))} are assigned to no master`);
  if (errors.length > 0) return { errors, warnings, payload: '', inTopology: [] };

  const lines: string[] = [];
  const inTopology: string[] = [];
  const line = (a: Assignment, tail: string) => {
    const n = info.get(a.name)!;
    lines.push(`${nodeIdOf(n)} ${n.host} ${n.port} ${tail}`.trimEnd());
    inTopology.push(a.name);
  };
  for (const m of masters) {
    line(m, `master - ${formatSlotRanges(slotsOf.get(m.name) ?? [])}`);
    const masterId = nodeIdOf(info.get(m.name)!);
    for (const s of assignments) if (s.role === 'slave' && s.master === m.name) line(s, `slave ${masterId}`);
  }
  return { errors, warnings, payload: lines.join('\n'), inTopology };
}

/** What a push at `version` does on each target, when it is not simply applied. */
export function versionWarnings(nodes: readonly NodeInfo[], targets: readonly string[], version: number): string[] {
  const out: string[] = [];
  const wanted = new Set(targets);
  for (const n of nodes) {
    if (!wanted.has(n.name)) continue;
    if (!n.running) out.push(`${n.name} is down: the console will say "Connection refused"`);
    else if (n.version > version) out.push(`${n.name} is at version ${n.version}: it will answer "ERR Invalid cluster version"`);
    else if (n.version === version) out.push(`${n.name} is already at version ${version}: it will answer OK and change nothing`);
  }
  return out;
}

export function parseVersion(text: string): number | null {
  return /^\d{1,18}$/.test(text.trim()) ? Number(text.trim()) : null;
}

/** Highest version any node holds, plus one (at least 1). */
export function defaultVersion(nodes: readonly NodeInfo[]): number {
  return Math.max(0, ...nodes.map((n) => n.version)) + 1;
}

/** The console inputs that push `plan` at `version` to `targets`, in node order (the first `limit`). */
export function pushCommands(nodes: readonly NodeInfo[], plan: Plan, targets: readonly string[], version: number, limit = Infinity): string[] {
  if (plan.payload === '') return [];
  const out: string[] = [];
  const payload = quoteArg(plan.payload);
  const wanted = new Set(targets);
  const listed = new Set(plan.inTopology);
  for (const n of nodes) {
    if (out.length >= limit) break;
    if (!wanted.has(n.name)) continue;
    if (n.myId === '' && listed.has(n.name)) out.push(`@${n.name} CLUSTERX SETNODEID ${nodeIdOf(n)}`);
    out.push(`@${n.name} CLUSTERX SETNODES ${payload} ${version}`);
  }
  return out.slice(0, limit);
}

/** How many inputs pushCommands would give, without building them. */
export function pushCount(nodes: readonly NodeInfo[], plan: Plan, targets: readonly string[]): number {
  if (plan.payload === '') return 0;
  const wanted = new Set(targets);
  const listed = new Set(plan.inTopology);
  return nodes.reduce((sum, n) => sum + (wanted.has(n.name) ? (n.myId === '' && listed.has(n.name) ? 2 : 1) : 0), 0);
}
