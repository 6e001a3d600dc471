/**
 * What an embed can name: the built-in scenarios (labs/scenarios/*.kvlab, by file name) and the
 * guided labs (labs/NN-*.md, by the `id:` in their front matter). The texts are bundled with the
 * embed script; a lab is parsed only when an element asks for it.
 */
import { CATALOGUE } from '../lab/catalogue.ts';
import { tryParseLab, type ParsedLab } from '../lab/labs/index.ts';

const scenarioFiles = import.meta.glob<string>('../../labs/scenarios/*.kvlab', { query: '?raw', import: 'default', eager: true });
const labFiles = import.meta.glob<string>('../../labs/[0-9][0-9]-*.md', { query: '?raw', import: 'default', eager: true });

export interface ScenarioEntry {
  readonly id: string;
  /** As the repository names it, e.g. labs/scenarios/issue-2618.kvlab. */
  readonly file: string;
  readonly text: string;
}

export interface LabEntry {
  readonly id: string;
  readonly file: string;
  readonly text: string;
}

const repoPath = (path: string) => path.replace(/^(\.\.\/)+/, '');

/** Scenarios in the bug catalogue's order (#2618 first), then any others by name. */
const catalogueRank = (file: string) => {
  const i = CATALOGUE.findIndex((e) => e.scenario === file);
  return i < 0 ? CATALOGUE.length : i;
};

export const SCENARIOS: readonly ScenarioEntry[] = Object.entries(scenarioFiles)
  .map(([path, text]) => ({ id: /([^/]+)\.kvlab$/.exec(path)![1]!, file: repoPath(path), text }))
  .sort((a, b) => catalogueRank(a.file) - catalogueRank(b.file) || a.id.localeCompare(b.id));

/** The id a lab file declares (the full parse comes later, and reports its own errors). */
function frontMatterId(text: string): string | null {
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
  const id = front ? /^id:[ \t]*["']?([a-z0-9-]+)["']?[ \t]*$/m.exec(front[1]!) : null;
  return id ? id[1]! : null;
}

export const LABS: readonly LabEntry[] = Object.entries(labFiles)
  .sort(([a], [b]) => a.localeCompare(b))
  .flatMap(([path, text]) => {
    const id = frontMatterId(text);
    return id ? [{ id, file: repoPath(path), text }] : [];
  });

export const scenarioIds = (): string[] => SCENARIOS.map((s) => s.id);
export const labIds = (): string[] => LABS.map((l) => l.id);

export function findScenario(id: string): ScenarioEntry | null {
  return SCENARIOS.find((s) => s.id === id) ?? null;
}

export function loadLab(id: string): ParsedLab | null {
  const entry = LABS.find((l) => l.id === id);
  return entry ? tryParseLab(entry.text, entry.file) : null;
}

/**
 * A scenario file opens with a header (comment lines up to the first bare `#`) that says what it
 * shows and how to run it from the command line; the embed shows its first sentence and plays the
 * rest of the file.
 */
export function scenarioHeader(text: string): { summary: string; bodyLine: number } {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const end = lines.findIndex((l) => l.trim() === '#');
  if (end < 0 || !lines.slice(0, end).every((l) => l.trimStart().startsWith('#'))) return { summary: '', bodyLine: 1 };
  const prose = lines
    .slice(0, end)
    .map((l) => l.replace(/^\s*#\s?/, ''))
    .join(' ');
  const sentence = /^(.*?\.)(\s|$)/.exec(prose)?.[1] ?? prose;
  return { summary: sentence.trim(), bodyLine: end + 2 };
}
