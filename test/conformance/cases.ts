/**
 * The conformance corpus: console scripts under test/conformance/cases/, every script in
 * labs/scenarios/, and every guided lab (its own path, as a script). A case may set, in comment
 * lines anywhere in its text:
 *   # conformance: nodes 4            cluster size (default 3)
 *   # conformance: modes buggy        which modes to run (default: buggy and fixed)
 *   # conformance: tolerance 500ms    how far in time a reply may be from the model's (default 300ms)
 *   # conformance: conf use-rsid-psync yes    a line for every real node's kvrocks.conf (repeatable)
 *   # conformance: switches +use-rsid-psync-538    what the model's setting changes to match that
 *                                                 configuration (applied to each mode)
 * Its first comment line is its title.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { canonicalMode } from '../../src/kvrocks/mode.ts';
import { parseDuration } from '../../src/lab/duration.ts';
import { scriptInputs } from '../../src/lab/script.ts';
import { labScript } from './lab-script.ts';

export const REAL_MODES = ['buggy', 'fixed'] as const;
export type RealMode = (typeof REAL_MODES)[number];

export const ROOT = join(import.meta.dirname, '..', '..');
export const CASES_DIR = join(import.meta.dirname, 'cases');
export const DEFAULT_TOLERANCE_MS = 300;

export interface ConformanceCase {
  /** Stable name: `cases/<stem>`, `scenarios/<stem>` or `labs/<stem>`. */
  readonly id: string;
  /** Path from the repository root. */
  readonly source: string;
  readonly title: string;
  readonly nodes: number;
  readonly modes: readonly RealMode[];
  readonly toleranceMs: number;
  /** Extra kvrocks.conf lines for every real node. */
  readonly conf: readonly string[];
  /** The model's setting for a real mode: the mode with the case's switch changes. */
  modelSetting(mode: RealMode): string;
  /** The script in `mode` (a lab's script depends on the mode: its checks wait as the model does). */
  script(mode: RealMode): string;
  /** Why a real server cannot run this script, or null. */
  readonly notComparable: string | null;
  /** Modes the script is written for that no real build has (guarded: the #2850 proposal). */
  readonly modelOnlyModes: readonly string[];
}

const DIRECTIVE = /^\s*#\s*conformance:\s*(\w+)\s+(.+?)\s*$/;

interface Directives {
  nodes: number;
  modes: RealMode[];
  toleranceMs: number;
  conf: string[];
  switches: string;
}

function directives(text: string, source: string): Directives {
  let nodes = 3;
  let modes: RealMode[] = [...REAL_MODES];
  let toleranceMs = DEFAULT_TOLERANCE_MS;
  const conf: string[] = [];
  let switches = '';
  for (const [i, line] of text.split('\n').entries()) {
    const m = DIRECTIVE.exec(line);
    if (!m) continue;
    const [, key, value] = m;
    const where = `${source}:${i + 1}`;
    if (key === 'nodes' && /^\d+$/.test(value!)) nodes = Number(value);
    else if (key === 'modes' && value!.split(/\s+/).every((v) => (REAL_MODES as readonly string[]).includes(v))) modes = value!.split(/\s+/) as RealMode[];
    else if (key === 'tolerance') {
      const d = parseDuration(value!);
      if (!d.ok) throw new Error(`${where}: ${d.error}`);
      toleranceMs = d.ms;
    } else if (key === 'conf') conf.push(value!);
    else if (key === 'switches' && /^([+-][a-z0-9-]+\s*)+$/.test(value!)) {
      switches = value!.replace(/\s+/g, '');
      for (const m of REAL_MODES) if (canonicalMode(m + switches) === null) throw new Error(`${where}: ${m}${switches} is not a setting`);
    } else throw new Error(`${where}: unknown conformance directive '${key} ${value}'`);
  }
  return { nodes, modes, toleranceMs, conf, switches };
}

/** Dot-commands that act on something a real server does not have. */
const MODEL_ONLY: Readonly<Record<string, string>> = {
  '.partition': 'network partitions (.partition) are the model network\'s',
  '.heal': 'network partitions (.heal) are the model network\'s',
  '.controller': 'the controller (.controller) is a model of kvrocks-controller, not run here',
  '.migration': 'a migration fault (.migration) is injected into the model only',
};

export function notComparableReason(text: string): string | null {
  for (const input of scriptInputs(text, '<case>')) {
    const [name = '', arg] = input.text.trim().split(/\s+/);
    const reason = MODEL_ONLY[name.toLowerCase()];
    if (reason) return `line ${input.line}: ${reason}`;
    if (name.toLowerCase() === '.mode' && arg !== undefined) return `line ${input.line}: a mid-script .mode switches the model's behaviour; a real server is one build`;
  }
  return null;
}

function titleOf(text: string, fallback: string): string {
  for (const line of text.split('\n')) {
    const m = /^\s*#\s*(.*)$/.exec(line);
    if (m && m[1] && !DIRECTIVE.test(line)) return m[1].trim();
  }
  return fallback;
}

function scriptCase(file: string, prefix: string): ConformanceCase {
  const text = readFileSync(file, 'utf8');
  const source = relative(ROOT, file);
  const stem = basename(file).replace(/\.kvlab$/, '');
  const { switches, ...d } = directives(text, source);
  return {
    id: `${prefix}/${stem}`,
    source,
    title: titleOf(text, stem),
    ...d,
    modelSetting: (mode) => canonicalMode(mode + switches)!,
    script: () => text,
    notComparable: notComparableReason(text),
    modelOnlyModes: [],
  };
}

const kvlabFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.kvlab'))
    .sort()
    .map((f) => join(dir, f));

export function loadCases(): ConformanceCase[] {
  const cases = kvlabFiles(CASES_DIR).map((f) => scriptCase(f, 'cases'));
  cases.push(...kvlabFiles(join(ROOT, 'labs', 'scenarios')).map((f) => scriptCase(f, 'scenarios')));
  const labs = readdirSync(join(ROOT, 'labs')).filter((f) => /^\d\d-.*\.md$/.test(f)).sort();
  for (const f of labs) cases.push(labScript(join(ROOT, 'labs', f), ROOT));
  return cases;
}

/** Maps the canonical ports 30001.. in a script to a cluster at `basePort`. */
export function toBasePort(text: string, basePort: number, nodes: number): string {
  return text.replace(/(?<!\d)(\d{5})(?!\d)/g, (digits) => {
    const n = Number(digits);
    return n >= 30001 && n <= 30000 + nodes ? String(basePort + n - 30001) : digits;
  });
}

/** Maps a real cluster's ports (and CLUSTER NODES' port+10000) back to the canonical 30001... */
export function fromBasePort(text: string, basePort: number, nodes: number): string {
  return text.replace(/(?<!\d)(\d{5})(?!\d)/g, (digits) => {
    const n = Number(digits);
    if (n >= basePort && n < basePort + nodes) return String(30001 + n - basePort);
    if (n >= basePort + 10000 && n < basePort + 10000 + nodes) return String(40001 + n - basePort - 10000);
    return digits;
  });
}
