import { describe, expect, it } from 'vitest';
import { suggestedNodeId } from '../../../src/protocol/node-ids.ts';
import { ConsoleState } from '../../../src/ui/console/console-state.svelte.ts';
import { HISTORY_LIMIT, remember } from '../../../src/ui/console/history.ts';
import { PREF_KEYS } from '../../../src/ui/prefs.ts';
import { Sandbox, type Storage } from '../../../src/ui/state/sandbox.svelte.ts';

class MemoryStorage implements Storage {
  readonly items = new Map<string, string>();
  getItem = (key: string) => this.items.get(key) ?? null;
  setItem = (key: string, value: string) => void this.items.set(key, value);
}

const ID1 = suggestedNodeId('kv1');
const ID2 = suggestedNodeId('kv2');

function consoleWith(storage: Storage | null = null): ConsoleState {
  return new ConsoleState(new Sandbox(), storage);
}

describe('ConsoleState: running inputs', () => {
  it('Enter runs a complete input, through the sandbox, and clears the line', () => {
    const term = consoleWith();
    term.edited('PING');
    term.submit();
    expect(term.sandbox.transcript.map((r) => r.output)).toEqual(['PONG']);
    expect(term.draft).toBe('');
  });

  it('a payload with newlines inside double quotes is one input; it waits until the quote closes', () => {
    const term = consoleWith();
    term.edited(`CLUSTERX SETNODES "${ID1} 127.0.0.1 30001 master - 0-16383`);
    expect(term.complete).toBe(false);
    term.submit();
    expect(term.sandbox.transcript).toEqual([]);
    term.edited(`${term.draft}\n${ID2} 127.0.0.1 30002 slave ${ID1}" 1`);
    expect(term.complete).toBe(true);
    term.submit();
    expect(term.sandbox.transcript).toHaveLength(1);
    expect(term.sandbox.transcript[0]!.argv?.[2]).toContain('\n');
    expect(term.sandbox.transcript[0]!.output).toBe('OK');
  });

  it('several pasted complete lines run one by one; Ctrl+Enter forces an unfinished one', () => {
    const term = consoleWith();
    term.edited('PING\n# a comment\n\n@kv2 ROLE');
    term.submit();
    expect(term.sandbox.transcript.map((r) => r.input)).toEqual(['PING', '# a comment', '@kv2 ROLE']);
    term.edited('GET "open');
    term.submit(true);
    expect(term.sandbox.transcript.at(-1)?.error).toBe('Invalid argument(s)');
  });
});

describe('ConsoleState: history', () => {
  it('Up and Down walk the history and come back to the line being typed', () => {
    const term = consoleWith();
    for (const input of ['PING', 'ROLE']) {
      term.edited(input);
      term.submit();
    }
    term.edited('CLUS');
    expect(term.previous()).toBe(true);
    expect(term.draft).toBe('ROLE');
    expect(term.previous()).toBe(true);
    expect(term.draft).toBe('PING');
    expect(term.previous()).toBe(false);
    expect(term.next()).toBe(true);
    expect(term.draft).toBe('ROLE');
    expect(term.next()).toBe(true);
    expect(term.draft).toBe('CLUS');
    expect(term.next()).toBe(false);
  });

  it('is kept in storage across reloads, without repeats, and bad stored history is ignored', () => {
    const storage = new MemoryStorage();
    const term = consoleWith(storage);
    for (const input of ['PING', 'PING', 'ROLE']) {
      term.edited(input);
      term.submit();
    }
    const again = consoleWith(storage);
    again.previous();
    expect(again.draft).toBe('ROLE');
    again.previous();
    expect(again.draft).toBe('PING');
    storage.setItem(PREF_KEYS.history, '{not json');
    expect(consoleWith(storage).previous()).toBe(false);
    expect(remember(Array.from({ length: HISTORY_LIMIT }, (_, i) => `c${i}`), 'new')).toHaveLength(HISTORY_LIMIT);
  });

  it('every input that runs joins it: a script\'s, a button\'s (sandbox.run), but not a comment; a paste is one entry', () => {
    const term = consoleWith();
    term.runScripted('PING');
    term.runScripted('# a scenario comment');
    term.sandbox.run('.crash kv2');
    term.sandbox.run('# the conclusion');
    term.edited('ROLE\n@kv3 ROLE');
    term.submit();
    const seen: string[] = [];
    while (term.previous()) seen.push(term.draft);
    expect(seen).toEqual(['ROLE\n@kv3 ROLE', '.crash kv2', 'PING']);
  });
});

describe('ConsoleState: readline keys', () => {
  function withHistory(inputs: readonly string[]): ConsoleState {
    const term = consoleWith();
    for (const input of inputs) {
      term.edited(input);
      term.submit();
    }
    return term;
  }

  it('Ctrl+R finds the newest match as the query grows, Ctrl+R again an older one, and says when none is left', () => {
    const term = withHistory(['INFO replication', '@kv2 ROLE', 'INFO keyspace', 'PING']);
    term.edited('draft');
    term.searchBack();
    expect(term.searchPrompt).toBe("(reverse-i-search)`': ");
    expect(term.draft).toBe('draft');
    for (const key of 'INF') term.searchType(key);
    expect(term.searchPrompt).toBe("(reverse-i-search)`INF': ");
    expect(term.draft).toBe('INFO keyspace');
    term.searchBack();
    expect(term.draft).toBe('INFO replication');
    term.searchBack();
    expect(term.searchPrompt).toBe("(failed reverse-i-search)`INF': ");
    expect(term.draft).toBe('INFO replication');
    term.searchType(null);
    expect(term.searchPrompt).toBe("(reverse-i-search)`IN': ");
    expect(term.draft).toBe('PING');
    term.cancelSearch();
    expect(term.search).toBe(null);
    expect(term.draft).toBe('draft');
  });

  it('Enter runs the match; Ctrl+R on an empty query repeats the last search', () => {
    const term = withHistory(['@kv2 ROLE', 'PING']);
    term.searchBack();
    for (const key of 'ROLE') term.searchType(key);
    term.acceptSearch(true);
    expect(term.sandbox.transcript.at(-1)?.input).toBe('@kv2 ROLE');
    expect(term.draft).toBe('');
    term.searchBack();
    term.searchBack();
    expect(term.draft).toBe('@kv2 ROLE');
    term.acceptSearch();
    expect(term.search).toBe(null);
    expect(term.draft).toBe('@kv2 ROLE');
  });

  it('Ctrl+C abandons the line: shown with ^C after the last entry, nothing runs, a fresh line', () => {
    const term = withHistory(['PING']);
    term.edited('CLUSTER NOD');
    term.abandon('127.0.0.1:30001> ');
    expect(term.notes).toEqual([{ after: 1, kind: 'abandoned', text: '127.0.0.1:30001> CLUSTER NOD^C' }]);
    expect(term.sandbox.transcript).toHaveLength(1);
    expect(term.draft).toBe('');
    term.clearScreen();
    expect(term.notes).toEqual([]);
  });
});

describe('ConsoleState: time paused', () => {
  const SETNODES = `CLUSTERX SETNODES "${ID1} 127.0.0.1 30001 master - 0-16383" 1`;

  it('a state-changing input typed while paused adds the hint once per pause; reads and errors do not', () => {
    const term = consoleWith();
    const type = (input: string) => {
      term.edited(input);
      term.submit();
    };
    type('PING');
    type('SLAVEOF 127.0.0.1 30002');
    expect(term.notes).toEqual([]);
    type(SETNODES);
    expect(term.notes.map((n) => [n.after, n.kind])).toEqual([[3, 'paused']]);
    expect(term.notes[0]!.text).toContain('.wait 1s');
    type('SET k v');
    expect(term.notes).toHaveLength(1);
    term.sandbox.playing = true;
    type('SET k v2');
    expect(term.notes).toHaveLength(1);
    term.sandbox.playing = false;
    term.sandbox.run('.crash kv2');
    expect(term.notes.map((n) => n.after)).toEqual([3, 6]);
  });

  it('says nothing for a scenario\'s inputs', () => {
    const term = consoleWith();
    term.runScripted(SETNODES);
    expect(term.notes).toEqual([]);
  });
});

describe('ConsoleState: Tab', () => {
  it('completes against the live cluster: the target node\'s suggested id comes first', () => {
    const term = consoleWith();
    term.edited('@kv2 CLUSTERX SETNODEID ');
    expect(term.tab(term.draft.length)).toBeNull();
    expect(term.suggestions[0]).toBe(ID2);
    expect(term.tab(term.draft.length)?.text).toBe(`@kv2 CLUSTERX SETNODEID ${ID2}`);
  });

  it('shows several candidates, then cycles through them on repeated Tabs', () => {
    const term = consoleWith();
    term.edited('CLUSTERX SETNO');
    term.tab(term.draft.length);
    expect(term.draft).toBe('CLUSTERX SETNODE');
    expect(term.suggestions).toEqual(['SETNODEID', 'SETNODES']);
    term.tab(term.draft.length);
    expect(term.draft).toBe('CLUSTERX SETNODEID');
    term.tab(term.draft.length);
    expect(term.draft).toBe('CLUSTERX SETNODES');
    term.tab(term.draft.length);
    expect(term.draft).toBe('CLUSTERX SETNODEID');
    term.edited('CLUSTERX SETNODEID x');
    expect(term.suggestions).toEqual([]);
  });
});

describe('ConsoleState: the node an input names becomes the selection', () => {
  it('@kv3, .use kv2 and connect select that node; an unknown node or a plain command leaves the selection', () => {
    const term = consoleWith();
    const typed = (input: string) => {
      term.edited(input);
      term.submit();
      return term.sandbox.selected;
    };
    expect(typed('PING')).toBeNull();
    expect(typed('@kv3 INFO replication')).toBe('kv3');
    expect(typed('.use kv2')).toBe('kv2');
    expect(typed('@127.0.0.1:30001 PING')).toBe('kv1');
    expect(typed('connect 127.0.0.1 30003')).toBe('kv3');
    expect(typed('@kv9 PING')).toBe('kv3');
    expect(typed('GET a')).toBe('kv3');
  });
});
