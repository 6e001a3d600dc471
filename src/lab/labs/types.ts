/**
 * Guided labs: the parsed shape of a lab file (labs/*.md). Prose stays Markdown source text, never
 * HTML: the page renders it through a Markdown library and a sanitizer; raw HTML is not rendered.
 */
import type { BehaviourMode } from '../../kvrocks/mode.ts';

/** A mistake in a lab file, or a lab whose own commands fail: always `file:line: reason`. */
export class LabError extends Error {
  constructor(
    readonly file: string,
    /** 1-based, within the file. */
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'LabError';
  }
}

/** One logical console input (a double-quoted payload may span lines), with its first line. */
export interface LabInput {
  readonly line: number;
  readonly text: string;
}

/** A fenced ```kvlab block: console inputs the learner runs with one click. */
export interface CommandBlock {
  /** The line of the opening fence. */
  readonly line: number;
  /** The block's text as written (for display). */
  readonly source: string;
  readonly inputs: readonly LabInput[];
}

/** Prose and blocks in file order, so the page can render them where the author put them. */
export type Segment =
  | { readonly kind: 'markdown'; readonly line: number; readonly text: string }
  | { readonly kind: 'commands'; readonly line: number; readonly block: CommandBlock }
  | { readonly kind: 'checks'; readonly line: number; readonly checks: readonly Check[] };

export type CheckOp = '=' | '!=' | '>' | '>=' | '<' | '<=' | 'contains' | 'not contains' | 'absent' | 'present';

/** What part of a reply a check looks at. */
export type Selector =
  | { readonly kind: 'reply' }
  /** `name:value` lines of INFO or CLUSTER INFO. */
  | { readonly kind: 'field'; readonly name: string }
  /** 1-based line of a text reply. */
  | { readonly kind: 'line'; readonly n: number }
  /** The CLUSTER NODES line of a node, found by its address `host:port@`. */
  | { readonly kind: 'line-of'; readonly node: string; readonly address: string }
  | { readonly kind: 'lines' }
  | { readonly kind: 'length' };

/** One line of a ```check block. */
export interface Check {
  readonly line: number;
  /** The line as written. */
  readonly source: string;
  /** The node's name, e.g. `kv3`. */
  readonly node: string;
  /** The command as written after the node (placeholders expanded), e.g. `INFO replication`. */
  readonly command: string;
  readonly argv: readonly string[];
  /** 1-based indexes into an array reply, e.g. ROLE[3][1] is [3, 1]. */
  readonly path: readonly number[];
  readonly selector: Selector;
  readonly op: CheckOp;
  /** null for `absent` / `present`. */
  readonly expected: string | null;
  /** Poll as virtual time advances, up to this long; null checks once, now. */
  readonly withinMs: number | null;
  /** Only in these modes (null: every mode the lab declares). */
  readonly onlyIn: readonly BehaviourMode[] | null;
  /** Expected to FAIL in these modes (the check states the intended behaviour; the bug breaks it). */
  readonly failsIn: readonly BehaviourMode[];
}

export interface LabHint {
  readonly line: number;
  readonly markdown: string;
}

export interface LabSolution {
  readonly line: number;
  readonly body: readonly Segment[];
  /** Every input of the solution's ```kvlab blocks, in order. */
  readonly inputs: readonly LabInput[];
}

export interface LabStep {
  readonly index: number;
  /** Unique in the lab: `{#id}` after the heading, or the heading's slug. */
  readonly id: string;
  /** The `## heading` text (inline Markdown source). */
  readonly title: string;
  readonly line: number;
  readonly body: readonly Segment[];
  /** The runnable blocks of `body`, in order: LabRunner.runBlock(i) runs blocks[i]. */
  readonly blocks: readonly CommandBlock[];
  readonly checks: readonly Check[];
  readonly hint: LabHint | null;
  readonly solution: LabSolution | null;
}

export interface LabBootstrap {
  /** A named bootstrap (`s1`), or null for a list of inputs (or none). */
  readonly name: string | null;
  readonly inputs: readonly LabInput[];
}

export interface Lab {
  readonly file: string;
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly nodes: number;
  /** The mode the lab starts in by default. */
  readonly mode: BehaviourMode;
  /** Every mode the lab is written for (and tested in); includes `mode`. */
  readonly modes: readonly BehaviourMode[];
  readonly seed: number | string;
  readonly bootstrap: LabBootstrap;
  /** Markdown before the first step. */
  readonly intro: readonly Segment[];
  readonly steps: readonly LabStep[];
}
