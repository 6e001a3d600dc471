/**
 * What is wrong in the cluster now, as a list of one-line findings the strip above the graph
 * shows: ghost links, nodes running a role their topology does not give them, links down, nodes
 * down, and nodes at different topology versions. The same facts the graph draws (links.ts,
 * roles.ts, elements.ts' roleMismatch), in the same words, so a finding and its look agree.
 */
import type { World } from '../../kvrocks/world.ts';
import { roleMismatch } from './elements.ts';
import { LINK_WORDS, replicationLinks, type ReplLink } from './links.ts';
import { runningRole, toldRole, TOLD_TEXT } from './roles.ts';

export type FindingKind = 'ghost' | 'role' | 'link-down' | 'down' | 'version';

export interface Finding {
  /** Stable across frames while the fact holds (a key for the view). */
  readonly id: string;
  readonly kind: FindingKind;
  /** The headline, e.g. `Ghost link kv3 → kv1`. */
  readonly text: string;
  /** Why, or the particulars (may be empty). */
  readonly detail: string;
  /** The nodes it is about: the first is selected, all are framed. */
  readonly nodes: readonly string[];
}

/** At most this many names in one finding; the rest are counted. */
const MAX_NAMES = 4;

export function nameList(names: readonly string[]): string {
  if (names.length <= MAX_NAMES) return names.join(', ');
  return `${names.slice(0, MAX_NAMES).join(', ')} and ${names.length - MAX_NAMES} more`;
}

function ghostFinding(link: ReplLink): Finding {
  const how = link.state === null ? `${link.master} still feeds ${link.replica}` : `${link.replica} replicates ${link.master}`;
  return {
    id: `ghost:${link.id}`,
    kind: 'ghost',
    text: `Ghost link ${link.replica} → ${link.master}`,
    detail: `${LINK_WORDS[link.linkClass]}: ${how}, yet ${link.ghostReason}`,
    nodes: [link.replica, link.master],
  };
}

function linkDownFinding(world: World, link: ReplLink): Finding {
  const master = world.find(link.master);
  const why = master && !master.running ? `${link.master} is ${master.processState}` : 'retrying';
  return { id: `down:${link.id}`, kind: 'link-down', text: `Link down ${link.replica} → ${link.master}`, detail: why, nodes: [link.replica, link.master] };
}

/** Running nodes grouped by topology version, highest first; one finding when they differ. */
function versionFinding(world: World): Finding | null {
  const byVersion = new Map<number, string[]>();
  for (const node of world.nodes) {
    if (!node.running) continue;
    const v = node.cluster.version;
    byVersion.set(v, [...(byVersion.get(v) ?? []), node.name]);
  }
  if (byVersion.size < 2) return null;
  const groups = [...byVersion].sort(([a], [b]) => b - a);
  const text = groups.map(([v, names]) => `${nameList(names)} at ${v < 0 ? '-1 (no topology)' : v}`).join('; ');
  const behind = groups.slice(1).flatMap(([, names]) => names);
  return { id: 'version', kind: 'version', text: 'Version skew', detail: text, nodes: behind };
}

export function findings(world: World, links: readonly ReplLink[] = replicationLinks(world)): Finding[] {
  const out: Finding[] = [];
  for (const link of links) if (link.ghost) out.push(ghostFinding(link));
  for (const node of world.nodes) {
    const told = toldRole(node);
    const running = runningRole(node);
    if (roleMismatch(told, running)) {
      out.push({ id: `role:${node.name}`, kind: 'role', text: `${node.name} runs ${running}, told: ${TOLD_TEXT[told]}`, detail: 'its INFO role is not the one its own topology gives it', nodes: [node.name] });
    }
  }
  for (const link of links) if (link.linkClass === 'broken') out.push(linkDownFinding(world, link));
  for (const node of world.nodes) {
    if (!node.running) out.push({ id: `process:${node.name}`, kind: 'down', text: `${node.name} is down`, detail: node.processState, nodes: [node.name] });
  }
  const skew = versionFinding(world);
  if (skew) out.push(skew);
  return out;
}

/** What the strip says when there is nothing to report. */
export function quietStatus(world: World): string {
  if (world.nodes.every((n) => n.running && n.cluster.version < 0)) return 'No topology yet: every node is at version -1 (CLUSTERX SETNODES gives one).';
  return 'Nothing wrong now: roles, links and topology versions agree.';
}

export type FilterKind = 'ghost' | 'role' | 'link-down' | 'version';

export interface FilterCount {
  readonly kind: FilterKind;
  /** `2 ghost links`, `1 told ≠ running`... (the chip's text). */
  readonly text: string;
  readonly count: number;
  /** The node each click goes to in turn (a ghost's replica, a mismatched node, a node behind). */
  readonly nodes: readonly string[];
}

const FILTER_WORDS: Record<FilterKind, [string, string]> = {
  ghost: ['ghost link', 'ghost links'],
  role: ['told ≠ running', 'told ≠ running'],
  'link-down': ['link down', 'links down'],
  version: ['version skew', 'behind in version'],
};

/**
 * The filter chips' live counts, from the findings (one source of truth): ghost links, nodes
 * whose told role is not their running role, links down, and nodes behind the newest topology
 * version. Every kind is listed, with 0 when none.
 */
export function filterCounts(list: readonly Finding[]): FilterCount[] {
  return (Object.keys(FILTER_WORDS) as FilterKind[]).map((kind) => {
    const of = list.filter((f) => f.kind === kind);
    const nodes = kind === 'version' ? (of[0]?.nodes ?? []) : [...new Set(of.map((f) => f.nodes[0]!))];
    const count = kind === 'version' ? nodes.length : of.length;
    const [one, many] = FILTER_WORDS[kind];
    return { kind, text: `${count} ${count === 1 ? one : many}`, count, nodes };
  });
}
