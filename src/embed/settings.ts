/**
 * The settings of one `<kvrocks-lab>`, read from its attributes (or the iframe page's URL query)
 * and checked before anything runs: every mistake is reported, named by its attribute, never
 * guessed around. Pure: no DOM.
 */
import { canonicalMode, MODES, type BehaviourMode } from '../kvrocks/mode.ts';
import { parseSeed } from '../lab/link.ts';

export const ATTRIBUTES = ['lab', 'scenario', 'script', 'mode', 'seed', 'nodes', 'autoplay', 'readonly', 'speed', 'height', 'theme', 'sandbox'] as const;
export type AttributeName = (typeof ATTRIBUTES)[number];

export const MAX_EMBED_NODES = 500;
export const SPEED_RANGE = { min: 0.1, max: 100 } as const;
export const HEIGHT_RANGE = { min: 240, max: 2000 } as const;
export const DEFAULT_HEIGHT = 560;
/** Longer inline scripts belong in a file and `kvlab run`. */
export const MAX_SCRIPT_CHARS = 100_000;
export const THEMES = ['auto', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export type Source =
  | { readonly kind: 'none' }
  | { readonly kind: 'scenario'; readonly id: string }
  | { readonly kind: 'lab'; readonly id: string }
  /** `from`: the `script` attribute, or a child `<script type="text/kvrocks">`. */
  | { readonly kind: 'script'; readonly text: string; readonly from: 'attribute' | 'child' };

export interface EmbedSettings {
  readonly source: Source;
  /** null: the lab's own (or buggy). */
  readonly mode: BehaviourMode | null;
  /** null: the lab's own (or 1). */
  readonly seed: number | string | null;
  /** null: the lab's own (or 3). */
  readonly nodes: number | null;
  readonly autoplay: boolean;
  readonly readonly: boolean;
  readonly speed: number;
  /** Pixels, or `fill`: the element's own height, as the page sets it (the iframe page does). */
  readonly height: number | 'fill';
  readonly theme: Theme;
  /**
   * Where "Open in Cluster Lab" leads: `beside` (the sandbox in the folder the embed script came
   * from, as `npm run build` lays it out), an http(s) or relative URL, or null (no link).
   */
  readonly sandbox: 'beside' | string | null;
}

export interface SettingError {
  /** The attribute (or query parameter) at fault. */
  readonly attribute: string;
  readonly message: string;
}

export type ParsedSettings = { ok: true; settings: EmbedSettings } | { ok: false; errors: SettingError[] };

export interface Known {
  readonly scenarios: readonly string[];
  readonly labs: readonly string[];
}

/** Untrusted text shown inside a message: shortened, and quoted as JSON (control characters escaped). */
export function shown(value: string, max = 40): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

const list = (items: readonly string[]) => (items.length === 0 ? '(none)' : items.join(', '));

/** A boolean attribute: present (empty, `true` or its own name) or `false`. */
function flag(name: string, value: string | null, fail: (m: string) => void): boolean {
  if (value === null) return false;
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'true' || v === name) return true;
  if (v === 'false') return false;
  fail(`'${name}' is a yes/no setting: write it bare (${name}) or ${name}="false", not ${shown(value)}`);
  return false;
}

function decimal(value: string): number | null {
  return /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value.trim()) : null;
}

/**
 * `read(name)` gives an attribute's value (null when absent); `child` is the text of a child
 * `<script type="text/kvrocks">`, if there is one.
 */
export function parseSettings(read: (name: AttributeName) => string | null, child: string | null, known: Known): ParsedSettings {
  const errors: SettingError[] = [];
  const fail = (attribute: string) => (message: string) => void errors.push({ attribute, message });

  const lab = read('lab');
  const scenario = read('scenario');
  const script = read('script');
  const given = [lab !== null && 'lab', scenario !== null && 'scenario', script !== null && 'script', child !== null && 'a <script type="text/kvrocks"> child'].filter(
    (x): x is string => typeof x === 'string',
  );
  let source: Source = { kind: 'none' };
  if (given.length > 1) {
    fail(given.includes('lab') ? 'lab' : 'scenario')(`give one of lab, scenario or script, not ${given.join(' and ')}`);
  } else if (lab !== null) {
    if (!known.labs.includes(lab.trim())) fail('lab')(`unknown lab ${shown(lab)}: labs are ${list(known.labs)}`);
    source = { kind: 'lab', id: lab.trim() };
  } else if (scenario !== null) {
    if (!known.scenarios.includes(scenario.trim())) fail('scenario')(`unknown scenario ${shown(scenario)}: scenarios are ${list(known.scenarios)}`);
    source = { kind: 'scenario', id: scenario.trim() };
  } else if (script !== null || child !== null) {
    const text = (script ?? child)!;
    const where = script !== null ? 'script' : '<script type="text/kvrocks">';
    if (text.length > MAX_SCRIPT_CHARS) fail(where)(`the script is ${text.length} characters long; an embed takes at most ${MAX_SCRIPT_CHARS}`);
    if (text.trim() === '') fail(where)('the script is empty');
    source = { kind: 'script', text, from: script !== null ? 'attribute' : 'child' };
  }

  const modeText = read('mode');
  let mode: BehaviourMode | null = null;
  if (modeText !== null) {
    const m = canonicalMode(modeText.trim().toLowerCase());
    if (m !== null) mode = m;
    else fail('mode')(`unknown mode ${shown(modeText)}: use ${MODES.join(', ')}, optionally with +switch or -switch`);
  }

  const seedText = read('seed');
  let seed: number | string | null = null;
  if (seedText !== null) {
    seed = parseSeed(seedText.trim());
    if (seed === null) fail('seed')(`bad seed ${shown(seedText)}: a number (e.g. 42) or a word of 1 to 64 printable characters without spaces`);
  }

  const nodesText = read('nodes');
  let nodes: number | null = null;
  if (nodesText !== null) {
    const n = /^\d{1,4}$/.test(nodesText.trim()) ? Number(nodesText.trim()) : NaN;
    if (n >= 1 && n <= MAX_EMBED_NODES) nodes = n;
    else fail('nodes')(`'nodes' must be a whole number from 1 to ${MAX_EMBED_NODES}, got ${shown(nodesText)}`);
  }

  const speedText = read('speed');
  let speed = 1;
  if (speedText !== null) {
    const s = decimal(speedText);
    if (s !== null && s >= SPEED_RANGE.min && s <= SPEED_RANGE.max) speed = s;
    else fail('speed')(`'speed' must be a number from ${SPEED_RANGE.min} to ${SPEED_RANGE.max} (1 is normal, 2 twice as fast), got ${shown(speedText)}`);
  }

  const heightText = read('height');
  let height: number | 'fill' = DEFAULT_HEIGHT;
  if (heightText !== null && heightText.trim().toLowerCase() === 'fill') height = 'fill';
  else if (heightText !== null) {
    const match = /^(\d{1,5})(px)?$/.exec(heightText.trim());
    const h = match ? Number(match[1]) : NaN;
    if (h >= HEIGHT_RANGE.min && h <= HEIGHT_RANGE.max) height = h;
    else fail('height')(`'height' must be a number of pixels from ${HEIGHT_RANGE.min} to ${HEIGHT_RANGE.max} (e.g. 480 or 480px), or fill, got ${shown(heightText)}`);
  }

  const themeText = read('theme');
  let theme: Theme = 'auto';
  if (themeText !== null) {
    const t = themeText.trim().toLowerCase();
    if ((THEMES as readonly string[]).includes(t)) theme = t as Theme;
    else fail('theme')(`unknown theme ${shown(themeText)}: use ${THEMES.join(', ')}`);
  }

  const sandboxText = read('sandbox');
  let sandbox: string | null = 'beside';
  if (sandboxText !== null) {
    const t = sandboxText.trim();
    if (t.toLowerCase() === 'none') sandbox = null;
    else if (/^https?:\/\/[^\s]+$/i.test(t) || (/^[^:\s]*$/.test(t) && t !== '')) sandbox = t;
    else fail('sandbox')(`'sandbox' is the address of the Cluster Lab sandbox (https://... or a relative path), or none, got ${shown(sandboxText)}`);
  }

  const autoplay = flag('autoplay', read('autoplay'), fail('autoplay'));
  const readonly = flag('readonly', read('readonly'), fail('readonly'));
  if (readonly && source.kind === 'none') fail('readonly')('a read-only embed needs something to play: add scenario, lab or script');

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, settings: { source, mode, seed, nodes, autoplay, readonly, speed, height, theme, sandbox } };
}
