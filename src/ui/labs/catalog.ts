/**
 * The lab files (labs/NN-*.md), each loaded on demand as its own small chunk and parsed here. A lab
 * that does not parse is kept in the list with its `file:line: reason`, never dropped.
 */
import { tryParseLab, type Lab } from '../../lab/labs/index.ts';

export type LabSources = Record<string, () => Promise<string>>;

export type LabEntry =
  | { readonly file: string; readonly ok: true; readonly lab: Lab }
  | { readonly file: string; readonly ok: false; readonly error: string };

const SOURCES: LabSources = import.meta.glob<string>('/labs/[0-9][0-9]-*.md', { query: '?raw', import: 'default' });

/** `/labs/02-x.md` as the lab files name themselves: `labs/02-x.md`. */
const fileOf = (path: string) => path.replace(/^\//, '');

type Loaded = LabEntry & { readonly idLine?: number };

export async function loadEntry(path: string, load: () => Promise<string>): Promise<Loaded> {
  const file = fileOf(path);
  let text: string;
  try {
    text = await load();
  } catch (e) {
    return { file, ok: false, error: `${file}: could not be loaded: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (typeof text !== 'string') return { file, ok: false, error: `${file}: could not be loaded: not a text file` };
  const parsed = tryParseLab(text, file);
  if (!parsed.ok) return { file, ok: false, error: parsed.error.message };
  return { file, ok: true, lab: parsed.value, idLine: text.split('\n').findIndex((line) => line.startsWith('id:')) + 1 };
}

/** Every lab, in file order. Saved progress is keyed by id, so a second lab with an id already used is an error. */
export async function loadCatalog(sources: LabSources = SOURCES): Promise<LabEntry[]> {
  const paths = Object.keys(sources).sort();
  const entries = await Promise.all(paths.map((path) => loadEntry(path, sources[path]!)));
  const seen = new Map<string, string>();
  return entries.map((entry): LabEntry => {
    if (!entry.ok) return entry;
    const first = seen.get(entry.lab.id);
    if (first) return { file: entry.file, ok: false, error: `${entry.file}:${entry.idLine}: id '${entry.lab.id}' is already used by ${first}` };
    seen.set(entry.lab.id, entry.file);
    return { file: entry.file, ok: true, lab: entry.lab };
  });
}
