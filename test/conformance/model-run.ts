/**
 * The model's side of a conformance case: the same script through the console Session, as
 * Entries; and the model's reply to one input at a moment shifted from where the script ran it,
 * which is how a claimed timing is compared within a tolerance.
 */
import { scriptInputs, type ScriptInput } from '../../src/lab/script.ts';
import { Session, type SessionOptions } from '../../src/lab/session.ts';
import type { Entry } from './entry.ts';

const TIMING = /\n?\((\d+\.\d\d)s\)$/;

function kindOf(input: string, argv: readonly string[] | null): Entry['kind'] {
  const t = input.trim();
  if (t === '' || t.startsWith('#')) return 'comment';
  if (t.startsWith('.')) return 'dot';
  if (argv === null) return 'error';
  return argv[0]?.toLowerCase() === 'connect' && !t.startsWith('@') ? 'connect' : 'command';
}

/** Splits redis-cli's `(N.NNs)` line off an output. */
export function splitTiming(output: string): { output: string; tookMs: number } {
  const m = TIMING.exec(output);
  if (!m) return { output, tookMs: 0 };
  return { output: output.slice(0, m.index), tookMs: Math.round(Number(m[1]) * 1000) };
}

function entryOf(input: ScriptInput, session: Session): Entry {
  const r = session.run(input.text);
  const { output } = splitTiming(r.error ?? r.output);
  const tookMs = r.tookMs;
  const kind = r.error !== null ? 'error' : kindOf(input.text, r.argv);
  return { line: input.line, input: input.text, prompt: r.prompt, output, at: r.at, tookMs, kind, argv: r.argv };
}

export function runModel(text: string, options: SessionOptions): Entry[] {
  return runModelWithMoments(text, options).entries;
}

/**
 * The model's run and every moment something happened in it (a state transition, an event, a
 * message sent or arriving): where a reply can change, so where a shifted look is worth taking.
 */
export function runModelWithMoments(text: string, options: SessionOptions): { entries: Entry[]; moments: number[] } {
  const session = new Session(options);
  const entries = scriptInputs(text, '<case>').map((input) => entryOf(input, session));
  const times = new Set<number>();
  for (const e of session.world.sim.trace.entries) {
    if (e.kind === 'message') times.add(e.arriveAt);
    else if (e.kind === 'transition' || e.kind === 'event') times.add(e.t);
  }
  return { entries, moments: [...times].sort((a, b) => a - b) };
}

/**
 * The model's entry for input `index` if it ran at virtual time `time` instead: the inputs before
 * it run as scripted, except that no `.wait` runs past `time` (inputs after a shortened wait run
 * earlier with it), then time advances to `time`.
 */
export function runModelShifted(text: string, options: SessionOptions, index: number, time: number): Entry {
  const session = new Session(options);
  const inputs = scriptInputs(text, '<case>');
  for (let i = 0; i < index; i++) session.apply(inputs[i]!.text, time);
  if (session.now() < time) session.runUntil(time);
  return entryOf(inputs[index]!, session);
}
