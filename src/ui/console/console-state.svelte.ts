/**
 * The console's editing state: the draft, history browsing, Tab completion cycling. Running goes
 * through the Sandbox, so a command typed here, sent by a button or played from a script is the
 * same input in the log and the transcript.
 */
import { needsMoreInput } from '../../kvrocks/args.ts';
import { scriptInputs } from '../../lab/script.ts';
import type { RunResult } from '../../lab/session.ts';
import type { Sandbox, Storage } from '../state/sandbox.svelte.ts';
import { applyCompletion, complete, contextOf, type Applied, type Completion } from './complete.ts';
import { loadHistory, remember, saveHistory } from './history.ts';
import { narrow, older, searchPrompt, startSearch, type Search } from './reverse-search.ts';
import { ConsoleNotes, type ConsoleNote } from './console-notes.svelte.ts';
import { nodeNamedBy } from './node-named.ts';

export class ConsoleState {
  draft = $state('');
  /** Candidates shown under the input after a Tab that matched several. */
  suggestions: readonly string[] = $state.raw([]);
  /** Enter at an earlier time would drop this many later inputs: asked first (Enter again, or the button, goes on). */
  branchAsk: { readonly text: string; readonly later: number } | null = $state.raw(null);
  /** Entries before this index are hidden (Ctrl+L / "Clear"); the transcript itself stays. */
  clearedBefore = $state(0);
  private readonly shown: ConsoleNotes;
  /** Ctrl+R under way. */
  search: Search | null = $state.raw(null);
  private lastQuery = '';
  private history: string[];
  /** Who is running inputs now: the person typing (history keeps the whole text), a script, or neither (a button). */
  private source: 'typed' | 'script' | null = null;
  /** Position while browsing history with Up/Down; null when editing a fresh line. */
  private browsing: number | null = null;
  private stash = '';
  /** Repeated Tab: `base` is the text after the first Tab; `shown` what the last Tab left. */
  private cycle: { base: string; completion: Completion; next: number; shown: string } | null = null;

  constructor(
    readonly sandbox: Sandbox,
    private readonly storage: Storage | null = null,
  ) {
    this.history = loadHistory(storage);
    this.shown = new ConsoleNotes(sandbox);
    sandbox.listen((result) => this.heard(result));
  }

  /** Lines shown between the transcript's entries that are not the session's (^C, the paused hint). */
  get notes(): readonly ConsoleNote[] {
    return this.shown.list;
  }

  /** True when Enter would run the draft (no double-quoted payload is still open). */
  get complete(): boolean {
    return !needsMoreInput(this.draft);
  }

  /**
   * Runs the draft. Several complete lines (a pasted script) run one by one; a payload whose
   * quotes span lines is one input. `force` runs an unfinished draft as it is (Ctrl+Enter).
   */
  submit(force = false): void {
    const text = this.draft;
    if (text.trim() === '' || (!force && !this.complete)) return;
    const later = this.sandbox.futureInputs;
    if (later > 0 && this.branchAsk?.text !== text) {
      this.branchAsk = { text, later };
      return;
    }
    this.branchAsk = null;
    const inputs = force || !text.includes('\n') ? [text] : scriptInputs(text, 'paste').map((i) => i.text);
    this.source = 'typed';
    try {
      for (const input of inputs) if (input.trim() !== '') this.shown.hintIfPaused(this.runAndSelect(input));
    } finally {
      this.source = null;
    }
    this.keep(text);
    this.reset('');
  }

  /** Runs an input played by a script: shown in the transcript and kept in history. */
  runScripted(input: string): void {
    this.source = 'script';
    try {
      this.runAndSelect(input);
    } finally {
      this.source = null;
    }
    this.reset('');
  }

  /** `@kv8 ...`, `.use kv8`: the node it names becomes the selection (the graph frames it). */
  private runAndSelect(input: string): RunResult {
    const result = this.sandbox.run(input);
    const named = result.error === null ? nodeNamedBy(input, this.sandbox.session.world) : null;
    if (named) this.sandbox.selected = named;
    return result;
  }

  /**
   * Any input that ran (a lab's Run, a scenario, the topology panel, a fault button) joins the
   * history as the input it ran; comments do not (nothing ran). Typed text is kept by `submit`.
   */
  private heard(result: RunResult): void {
    if (this.source === 'typed' || result.input.trim().startsWith('#')) return;
    this.keep(result.input);
    if (this.source === null) this.shown.hintIfPaused(result);
  }

  private keep(input: string): void {
    this.history = remember(this.history, input);
    saveHistory(this.storage, this.history);
  }

  /** Ctrl+C: the line is abandoned, shown with ^C as readline shows it, and a fresh prompt starts. */
  abandon(prompt: string): void {
    const text = this.search ? this.search.original : this.draft;
    this.search = null;
    this.branchAsk = null;
    this.shown.add('abandoned', `${prompt}${text}^C`);
    this.reset('');
  }

  /** Ctrl+R: starts a reverse search, or finds the next older match. */
  searchBack(): void {
    const search = this.search;
    this.search = search ? older(this.history, search, this.lastQuery) : startSearch(this.draft);
    this.showMatch();
  }

  /** A key typed during the search (`null` for Backspace). */
  searchType(key: string | null): void {
    const search = this.search;
    if (!search) return;
    const query = key === null ? search.query.slice(0, -1) : search.query + key;
    this.search = narrow(this.history, key === null ? { ...search, index: null } : search, query);
    this.showMatch();
  }

  /** Ends the search with the match in the line (to edit or, with `run`, to run as Enter does). */
  acceptSearch(run = false): void {
    if (!this.search) return;
    if (this.search.query !== '') this.lastQuery = this.search.query;
    this.search = null;
    this.browsing = null;
    if (run) this.submit();
  }

  /** Esc / Ctrl+G: the line as it was before Ctrl+R. */
  cancelSearch(): void {
    if (!this.search) return;
    this.draft = this.search.original;
    this.search = null;
  }

  get searchPrompt(): string | null {
    return this.search ? searchPrompt(this.search) : null;
  }

  private showMatch(): void {
    const search = this.search!;
    this.draft = search.index === null ? search.original : this.history[search.index]!;
  }

  /** Up: the previous input. Returns false when there is none. */
  previous(): boolean {
    if (this.history.length === 0 || this.browsing === 0) return false;
    if (this.browsing === null) {
      this.stash = this.draft;
      this.browsing = this.history.length;
    }
    this.browsing--;
    this.draft = this.history[this.browsing]!;
    return true;
  }

  /** Down: the next input, then back to what was being typed. */
  next(): boolean {
    if (this.browsing === null) return false;
    this.browsing++;
    if (this.browsing >= this.history.length) {
      this.browsing = null;
      this.draft = this.stash;
    } else {
      this.draft = this.history[this.browsing]!;
    }
    return true;
  }

  /** Tab at `cursor`: complete, or cycle through the candidates on repeated presses. */
  tab(cursor: number): Applied | null {
    const cycle = this.cycle;
    if (cycle && cycle.shown === this.draft) {
      const applied = applyCompletion(cycle.base, cycle.completion, cycle.next)!;
      this.cycle = { ...cycle, next: cycle.next + 1, shown: applied.text };
      this.draft = applied.text;
      return applied;
    }
    const context = contextOf(this.sandbox.session.world, this.sandbox.session.current?.name ?? '');
    const completion = complete(this.draft, cursor, context);
    const applied = applyCompletion(this.draft, completion);
    const several = completion.candidates.length > 1;
    this.suggestions = several ? completion.candidates : [];
    this.cycle = null;
    if (several) {
      // Further Tabs cycle through the candidates, replacing the word as completed so far.
      const base = applied?.text ?? this.draft;
      const end = applied ? applied.cursor : completion.end;
      this.cycle = { base, completion: { ...completion, end }, next: 0, shown: base };
    }
    if (applied) this.draft = applied.text;
    return applied;
  }

  /** The person typed: stop browsing history and completing. */
  edited(text: string): void {
    if (text !== this.draft) this.branchAsk = null;
    this.draft = text;
    this.browsing = null;
    this.cycle = null;
    this.suggestions = [];
  }

  dismissSuggestions(): void {
    this.suggestions = [];
    this.cycle = null;
  }

  clearScreen(): void {
    this.clearedBefore = this.sandbox.transcript.length;
    this.shown.clear();
  }

  private reset(draft: string): void {
    this.draft = draft;
    this.browsing = null;
    this.cycle = null;
    this.suggestions = [];
  }
}
