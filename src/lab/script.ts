/**
 * Console scripts: physical lines joined into logical inputs (a double-quoted payload may span
 * lines), each run at the current virtual time, with the transcript redis-cli would show.
 */
import { isOpen, readQuotes, START } from '../kvrocks/open-quote.ts';
import { Session, type RunResult, type SessionOptions } from './session.ts';

export interface ScriptInput {
  /** 1-based line where the input starts. */
  readonly line: number;
  readonly text: string;
}

export class ScriptError extends Error {
  /** What the script printed before the mistake. */
  transcript = '';

  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}`);
  }
}

/**
 * Splits a script into logical inputs; an unterminated quote is an error at its first line. Each
 * character is read once (open-quote.ts), so a 10,000-line payload splits as fast as it reads.
 */
export function scriptInputs(text: string, file: string): ScriptInput[] {
  const source = text.includes('\r') ? text.replace(/\r\n/g, '\n') : text;
  const lines = source.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const inputs: ScriptInput[] = [];
  // An input spanning lines is cut from the source in one piece (no copy of each line joined).
  let offset = 0;
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    const from = offset;
    const first = lines[i]!;
    offset += first.length + 1;
    if (!first.trimStart().startsWith('#')) {
      let state = readQuotes(START, first);
      while (isOpen(state) && i + 1 < lines.length) {
        state = readQuotes(readQuotes(state, '\n'), lines[++i]!);
        offset += lines[i]!.length + 1;
      }
      if (isOpen(state)) throw new ScriptError(file, start + 1, 'unterminated quoted string');
    }
    inputs.push({ line: start + 1, text: i === start ? first : source.slice(from, offset - 1) });
  }
  return inputs;
}

/** How one input reads in a transcript: the prompt and the input, then what it printed. */
export function transcriptOf(result: RunResult): string {
  const trimmed = result.input.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return result.input;
  const out = result.output === '' ? '' : `\n${result.output}`;
  return `${result.prompt}${result.input}${out}`;
}

export interface ScriptRun {
  readonly session: Session;
  readonly transcript: string;
}

/** Runs inputs in order, writing each one's transcript; returns the mistake that stopped them. */
function runInputs(session: Session, inputs: readonly ScriptInput[], file: string, write: (part: string) => void): ScriptError | null {
  for (const input of inputs) {
    const result = session.run(input.text);
    if (result.error !== null) return new ScriptError(file, input.line, result.error);
    write(`${transcriptOf(result)}\n`);
  }
  return null;
}

/**
 * Runs a script, handing each input's transcript (with its newline) to `write` as soon as it has
 * run, and keeping no trace: `kvlab run` streams a long script in bounded memory. Returns the
 * console-language mistake that stopped it (its transcript is what was written before).
 */
export function streamScript(text: string, options: SessionOptions, file: string, write: (part: string) => void): ScriptError | null {
  let inputs: ScriptInput[];
  try {
    inputs = scriptInputs(text, file);
  } catch (e) {
    if (e instanceof ScriptError) return e;
    throw e;
  }
  const session = new Session(options);
  session.world.sim.trace.keep = false;
  return runInputs(session, inputs, file, write);
}

/** Runs a whole script; a console-language mistake stops it with file:line. */
export function runScript(text: string, options: SessionOptions, file = '<script>'): ScriptRun {
  const inputs = scriptInputs(text, file);
  const session = new Session(options);
  let transcript = '';
  const error = runInputs(session, inputs, file, (part) => (transcript += part));
  if (error !== null) {
    error.transcript = transcript;
    throw error;
  }
  return { session, transcript };
}
