/**
 * The console's editing state: the draft, history browsing, Tab completion cycling. Running goes
 * through the Sandbox, so a command typed here, sent by a button or played from a script is the
 * same input in the log and the transcript.
 */
import { needsMoreInput } from '../../kvrocks/args.ts';
import { scriptInputs } from '../../lab/script.ts';
import type { Sandbox, Storage } from '../state/sandbox.svelte.ts';
import { applyCompletion, complete, contextOf, type Applied, type Completion } from './complete.ts';
import { loadHistory, remember, saveHistory } from './history.ts';

export class ConsoleState {
  draft = $state('');
  /** Candidates shown under the input after a Tab that matched several. */
  suggestions: readonly string[] = $state.raw([]);
  /** Enter at an earlier time would drop this many later inputs: asked first (Enter again, or the button, goes on). */
  branchAsk: { readonly text: string; readonly later: number } | null = $state.raw(null);
  /** Entries before this index are hidden (Ctrl+L / "Clear"); the transcript itself stays. */
  clearedBefore = $state(0);
  private history: string[];
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
    for (const input of inputs) if (input.trim() !== '') this.sandbox.run(input);
    this.history = remember(this.history, text);
    saveHistory(this.storage, this.history);
    this.reset('');
  }

  /** Runs an input played by a script: shown in the transcript, not added to history. */
  runScripted(input: string): void {
    this.sandbox.run(input);
    this.reset('');
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
  }

  private reset(draft: string): void {
    this.draft = draft;
    this.browsing = null;
    this.cycle = null;
    this.suggestions = [];
  }
}
