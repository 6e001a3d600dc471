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

  it('inputs played by a script do not enter the history', () => {
    const term = consoleWith();
    term.runScripted('PING');
    expect(term.previous()).toBe(false);
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
