/**
 * What an element plays: its settings resolved into a session's options and a list of cues (console
 * inputs, and for a lab, "check this step now"). Every input is checked statically first, so a
 * typo is reported with its line before anything runs. Pure: no DOM.
 */
import { sessionTimeProblem } from '../lab/duration.ts';
import type { Lab, LabStep } from '../lab/labs/index.ts';
import { consoleProblem } from '../lab/labs/console-check.ts';
import { scriptInputs, ScriptError } from '../lab/script.ts';
import type { SessionOptions } from '../lab/session.ts';
import { findScenario, loadLab, scenarioHeader } from './catalogue.ts';
import { waitMs } from './pacing.ts';
import type { EmbedSettings, SettingError } from './settings.ts';

export type Cue =
  /** `line` is 1-based in `Program.file`'s text. */
  | { readonly kind: 'input'; readonly text: string; readonly line: number; readonly step: number | null }
  | { readonly kind: 'checks'; readonly step: number };

export interface Program {
  /** What the header shows. */
  readonly title: string;
  readonly summary: string;
  /** Where line numbers point: a repository path, or `script`. */
  readonly file: string;
  readonly options: SessionOptions;
  /** A lab's bootstrap: run before the first cue, in one go. */
  readonly bootstrap: readonly string[];
  readonly cues: readonly Cue[];
  readonly lab: Lab | null;
}

export type LoadedProgram = { ok: true; program: Program } | { ok: false; errors: SettingError[] };

const DEFAULTS = { mode: 'buggy', seed: 1, nodes: 3 } as const;

/** Removes the indentation common to every non-blank line (a script indented inside HTML) and one leading blank line. */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[0]!.trim() === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(Math.min(cut, /^[ \t]*/.exec(l)![0].length))).join('\n');
}

/** How a line is named in messages: `line 3` in an inline script, `labs/scenarios/x.kvlab line 9` in a file. */
export function lineLabel(file: string, line: number): string {
  return file === 'script' ? `line ${line}` : `${file} line ${line}`;
}

/** Splits and checks a script; problems say `<where> line N: ...`. */
function inputsOf(text: string, file: string, where: string, nodes: number, from = 1): { inputs: Cue[]; errors: SettingError[] } {
  const errors: SettingError[] = [];
  let split;
  try {
    split = scriptInputs(text, file);
  } catch (e) {
    if (!(e instanceof ScriptError)) throw e;
    return { inputs: [], errors: [{ attribute: where, message: `${lineLabel(file, e.line)}: ${e.reason}` }] };
  }
  const inputs: Cue[] = [];
  let waited = 0;
  for (const input of split) {
    if (input.line < from || input.text.trim() === '') continue;
    waited += waitMs(input.text) ?? 0;
    const problem = consoleProblem(input.text, nodes) ?? sessionTimeProblem(waited, 'its waits reach');
    if (problem !== null) errors.push({ attribute: where, message: `${lineLabel(file, input.line)}: ${problem.replace('this lab has', 'the cluster has')}` });
    else inputs.push({ kind: 'input', text: input.text, line: input.line, step: null });
  }
  return { inputs, errors: errors.slice(0, 5) };
}

function labProgram(lab: Lab, settings: EmbedSettings): LoadedProgram {
  const errors: SettingError[] = [];
  const mode = settings.mode ?? lab.mode;
  if (!lab.modes.includes(mode)) errors.push({ attribute: 'mode', message: `lab '${lab.id}' is written for mode${lab.modes.length > 1 ? 's' : ''} ${lab.modes.join(', ')}, not ${mode}` });
  if (settings.nodes !== null && settings.nodes !== lab.nodes) errors.push({ attribute: 'nodes', message: `lab '${lab.id}' runs on ${lab.nodes} nodes; leave 'nodes' out (got ${settings.nodes})` });
  if (errors.length > 0) return { ok: false, errors };
  const cues: Cue[] = [];
  for (const step of lab.steps) {
    const inputs = [...step.blocks.flatMap((b) => b.inputs), ...(step.solution?.inputs ?? [])];
    for (const input of inputs) cues.push({ kind: 'input', text: input.text, line: input.line, step: step.index });
    if (step.checks.length > 0) cues.push({ kind: 'checks', step: step.index });
  }
  return {
    ok: true,
    program: {
      title: lab.title,
      summary: lab.summary,
      file: lab.file,
      options: { mode, seed: settings.seed ?? lab.seed, nodes: lab.nodes },
      bootstrap: lab.bootstrap.inputs.map((i) => i.text),
      cues,
      lab,
    },
  };
}

export function loadProgram(settings: EmbedSettings): LoadedProgram {
  const source = settings.source;
  const options: SessionOptions = { mode: settings.mode ?? DEFAULTS.mode, seed: settings.seed ?? DEFAULTS.seed, nodes: settings.nodes ?? DEFAULTS.nodes };
  const plain = (title: string, summary: string, file: string, cues: Cue[]): LoadedProgram => ({ ok: true, program: { title, summary, file, options, bootstrap: [], cues, lab: null } });
  switch (source.kind) {
    case 'none':
      return plain('Kvrocks cluster', `${options.nodes} fresh node${options.nodes === 1 ? '' : 's'}: type a command, or .help`, 'script', []);
    case 'lab': {
      const parsed = loadLab(source.id);
      if (parsed === null) return { ok: false, errors: [{ attribute: 'lab', message: `unknown lab '${source.id}'` }] };
      if (!parsed.ok) return { ok: false, errors: [{ attribute: 'lab', message: parsed.error.message }] };
      return labProgram(parsed.value, settings);
    }
    case 'scenario': {
      const scenario = findScenario(source.id);
      if (scenario === null) return { ok: false, errors: [{ attribute: 'scenario', message: `unknown scenario '${source.id}'` }] };
      const header = scenarioHeader(scenario.text);
      const { inputs, errors } = inputsOf(scenario.text, scenario.file, settings.nodes === null ? 'scenario' : 'nodes', options.nodes, header.bodyLine);
      // `apache/kvrocks#2618: a replica removed ...` reads as a title and a sentence.
      const named = /^(\S+#\d+):\s+(.+)$/.exec(header.summary);
      const title = named ? named[1]! : scenario.id;
      const summary = named ? named[2]!.charAt(0).toUpperCase() + named[2]!.slice(1) : header.summary;
      return errors.length > 0 ? { ok: false, errors } : plain(title, summary, scenario.file, inputs);
    }
    case 'script': {
      const text = dedent(source.text);
      const where = source.from === 'attribute' ? 'script' : '<script type="text/kvrocks">';
      const { inputs, errors } = inputsOf(text, 'script', where, options.nodes);
      if (errors.length === 0 && inputs.length === 0) errors.push({ attribute: where, message: 'the script has no inputs' });
      return errors.length > 0 ? { ok: false, errors } : plain('Console script', `${inputs.length} input${inputs.length === 1 ? '' : 's'} on ${options.nodes} node${options.nodes === 1 ? '' : 's'}`, 'script', inputs);
    }
  }
}

/** The lab step a cue belongs to (null outside labs). */
export function stepOf(program: Program, cue: Cue | undefined): LabStep | null {
  if (!program.lab || !cue || cue.step === null) return null;
  return program.lab.steps[cue.step] ?? null;
}
