/**
 * Links into the sandbox: `index.html#scenario=issue-2618&mode=fixed&seed=1` opens a fresh
 * session in that setting and plays the scenario (`lab=` opens a guided lab, `script=` plays an
 * inline console script). Embeds write them for "Open in Cluster Lab"; the sandbox reads them.
 * A link is checked whole before anything happens: a mistake is named, and changes nothing. Pure.
 */
import { canonicalMode, MODES } from '../kvrocks/mode.ts';

export type LinkSource =
  | { readonly kind: 'scenario' | 'lab'; readonly id: string }
  | { readonly kind: 'script'; readonly text: string };

export interface SandboxLink {
  readonly source: LinkSource;
  /** null: the scenario's or lab's own (else buggy). */
  readonly mode: string | null;
  readonly seed: number | string | null;
  readonly nodes: number | null;
}

export interface KnownSources {
  readonly scenarios: readonly string[];
  readonly labs: readonly string[];
}

export const MAX_LINK_NODES = 500;
/** A longer script belongs in a file (`kvlab run`), not in an address. */
export const MAX_LINK_SCRIPT_CHARS = 100_000;
const PARAMETERS = ['scenario', 'lab', 'script', 'mode', 'seed', 'nodes'] as const;

/** A seed like the CLI's: up to 9 digits is a number (so `seed=42` and `--seed 42` agree), anything else printable is a word. */
export function parseSeed(text: string): number | string | null {
  if (/^\d{1,9}$/.test(text)) return Number(text);
  return /^[\x21-\x7e]{1,64}$/.test(text) ? text : null;
}

/** The fragment (without `#`) that opens `link`. */
export function formatLink(link: SandboxLink): string {
  const params = new URLSearchParams();
  if (link.source.kind === 'script') params.set('script', link.source.text);
  else params.set(link.source.kind, link.source.id);
  if (link.mode !== null) params.set('mode', link.mode);
  if (link.seed !== null) params.set('seed', String(link.seed));
  if (link.nodes !== null) params.set('nodes', String(link.nodes));
  return params.toString();
}

/** `#session=...`: a whole session at one moment (ui/state/permalink.ts packs and unpacks it). */
export const PERMALINK_PARAM = 'session';
export const isPermalink = (fragment: string): boolean => fragment.replace(/^#/, '').startsWith(`${PERMALINK_PARAM}=`);

/** Whether a fragment is meant as a sandbox link at all (an empty or foreign `#...` is not). */
export function isSandboxLink(fragment: string): boolean {
  const text = fragment.replace(/^#/, '');
  return PARAMETERS.slice(0, 3).some((name) => new RegExp(`(^|&)${name}=`).test(text));
}

const quoted = (value: string) => JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);

export function parseLink(fragment: string, known: KnownSources): { ok: true; link: SandboxLink } | { ok: false; errors: string[] } {
  const text = fragment.replace(/^#/, '');
  const errors: string[] = [];
  if (text.length > MAX_LINK_SCRIPT_CHARS * 3) return { ok: false, errors: [`the link is ${text.length} characters long; at most ${MAX_LINK_SCRIPT_CHARS * 3}`] };
  const values = new Map<string, string>();
  for (const [key, value] of new URLSearchParams(text)) {
    if (!(PARAMETERS as readonly string[]).includes(key)) errors.push(`unknown parameter ${quoted(key)}: a link takes ${PARAMETERS.join(', ')}`);
    else if (values.has(key)) errors.push(`'${key}' is given more than once`);
    else values.set(key, value);
  }
  const given = (['scenario', 'lab', 'script'] as const).filter((name) => values.has(name));
  let source: LinkSource | null = null;
  if (given.length !== 1) errors.push(given.length === 0 ? 'the link names no scenario, lab or script' : `give one of scenario, lab or script, not ${given.join(' and ')}`);
  else if (given[0] === 'script') {
    const script = values.get('script')!;
    if (script.trim() === '') errors.push('the script is empty');
    else if (script.length > MAX_LINK_SCRIPT_CHARS) errors.push(`the script is ${script.length} characters long; a link takes at most ${MAX_LINK_SCRIPT_CHARS}`);
    else source = { kind: 'script', text: script };
  } else {
    const kind = given[0]!;
    const id = values.get(kind)!.trim();
    const ids = kind === 'scenario' ? known.scenarios : known.labs;
    if (ids.includes(id)) source = { kind, id };
    else errors.push(`unknown ${kind} ${quoted(id)}: ${kind}s are ${ids.join(', ')}`);
  }
  const modeText = values.get('mode');
  const mode = modeText === undefined ? null : canonicalMode(modeText.trim().toLowerCase());
  if (modeText !== undefined && mode === null) errors.push(`unknown mode ${quoted(modeText)}: use ${MODES.join(', ')}, optionally with +switch or -switch`);
  const seedText = values.get('seed');
  const seed = seedText === undefined ? null : parseSeed(seedText.trim());
  if (seedText !== undefined && seed === null) errors.push(`bad seed ${quoted(seedText)}: a number (e.g. 42) or a word of 1 to 64 printable characters without spaces`);
  const nodesText = values.get('nodes');
  const nodes = nodesText === undefined ? null : /^\d{1,4}$/.test(nodesText.trim()) ? Number(nodesText.trim()) : NaN;
  if (nodes !== null && !(nodes >= 1 && nodes <= MAX_LINK_NODES)) errors.push(`'nodes' must be a whole number from 1 to ${MAX_LINK_NODES}, got ${quoted(nodesText!)}`);
  if (errors.length > 0 || source === null) return { ok: false, errors };
  return { ok: true, link: { source, mode, seed, nodes } };
}
