/**
 * Ctrl+R, readline's reverse-i-search over the console history: each key typed narrows the
 * search, Ctrl+R again finds the next older match, and the prompt says what is searched for:
 * "(reverse-i-search)`q': " or, when nothing older matches, "(failed reverse-i-search)`q': ".
 */
export interface Search {
  readonly query: string;
  /** The history entry shown; null before anything matched. */
  readonly index: number | null;
  readonly failed: boolean;
  /** The line as it was before Ctrl+R, for Esc / Ctrl+G. */
  readonly original: string;
}

export function startSearch(original: string): Search {
  return { query: '', index: null, failed: false, original };
}

/** The newest entry at or before `from` containing `query`, or null. */
export function findBack(history: readonly string[], query: string, from: number): number | null {
  for (let i = Math.min(from, history.length - 1); i >= 0; i--) if (history[i]!.includes(query)) return i;
  return null;
}

/** `query` typed: search from the entry shown (it may still match) back. */
export function narrow(history: readonly string[], search: Search, query: string): Search {
  const found = query === '' ? null : findBack(history, query, search.index ?? history.length - 1);
  return found === null ? { ...search, query, failed: query !== '' } : { ...search, query, index: found, failed: false };
}

/** Ctrl+R again: the next older match (with an empty query, readline searches for the last one again). */
export function older(history: readonly string[], search: Search, lastQuery: string): Search {
  const query = search.query === '' ? lastQuery : search.query;
  if (query === '') return search;
  const found = findBack(history, query, (search.index ?? history.length) - 1);
  return found === null ? { ...search, query, failed: true } : { ...search, query, index: found, failed: false };
}

export function searchPrompt(search: Search): string {
  return `(${search.failed ? 'failed ' : ''}reverse-i-search)\`${search.query}': `;
}
