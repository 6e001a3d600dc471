/**
 * parseLab(text, file): a lab file (Markdown with front matter, see labs/README.md) into a Lab,
 * or a LabError with `file:line: reason`. Nothing else is ever thrown.
 */
import { canonicalMode, MODES, type BehaviourMode } from '../../kvrocks/mode.ts';
import { MAX_NODES } from '../../kvrocks/world.ts';
import { scriptInputs, ScriptError } from '../script.ts';
import { BOOTSTRAP_SUMMARY, namedBootstrap } from './bootstraps.ts';
import { parseBody, type FencedBlock } from './body.ts';
import { parseCheck } from './check-parse.ts';
import { consoleProblem } from './console-check.ts';
import { parseFrontMatter, type FrontValue } from './front-matter.ts';
import { LabError, type Check, type CommandBlock, type Lab, type LabInput } from './types.ts';

export const FRONT_MATTER_KEYS = ['id', 'title', 'summary', 'nodes', 'mode', 'modes', 'seed', 'bootstrap'] as const;

/** The largest cluster a lab may start (the sandbox handles more; a lesson needs few). */
export const MAX_LAB_NODES = Math.min(MAX_NODES, 64);

export type ParsedLab = { ok: true; value: Lab } | { ok: false; error: LabError };

/** Like parseLab, but returns the error instead of throwing it. */
export function tryParseLab(text: string, file: string): ParsedLab {
  try {
    return { ok: true, value: parseLab(text, file) };
  } catch (e) {
    if (e instanceof LabError) return { ok: false, error: e };
    throw e;
  }
}

/** A seed like the CLI's: digits stay a number, so `seed: 42` and `--seed 42` agree. */
export function seedOf(text: string): number | string {
  return /^\d{1,9}$/.test(text) ? Number(text) : text;
}

export function parseLab(text: string, file: string): Lab {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const fm = parseFrontMatter(lines, file, FRONT_MATTER_KEYS);
  const fail = (line: number, reason: string): never => {
    throw new LabError(file, line, reason);
  };
  const get = (key: string) => fm.values.get(key);
  const scalar = (key: string, entry: FrontValue | undefined): string | undefined => {
    if (!entry) return undefined;
    if (typeof entry.value !== 'string') return fail(entry.line, `'${key}' takes one value, not a list`);
    return entry.value;
  };
  for (const key of ['id', 'title', 'summary']) if (!get(key)) fail(1, `the front matter has no '${key}'`);
  const id = scalar('id', get('id'))!;
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(id)) fail(get('id')!.line, `bad id '${id}': lowercase letters, digits and '-', at most 64`);
  const title = scalar('title', get('title'))!;
  const summary = scalar('summary', get('summary'))!;

  const nodesText = scalar('nodes', get('nodes')) ?? '3';
  const nodes = Number(nodesText);
  if (!/^\d+$/.test(nodesText) || nodes < 1 || nodes > MAX_LAB_NODES) fail(get('nodes')!.line, `'nodes' must be a whole number from 1 to ${MAX_LAB_NODES}, got '${nodesText}'`);

  const modeEntry = get('modes');
  let modes: BehaviourMode[] | null = null;
  if (modeEntry) {
    const items = typeof modeEntry.value === 'string' ? [{ line: modeEntry.line, text: modeEntry.value }] : modeEntry.value;
    modes = [];
    for (const item of items) {
      const setting = canonicalMode(item.text);
      if (setting === null) fail(item.line, `unknown mode '${item.text}': modes are ${MODES.join(', ')}, optionally with +switch or -switch`);
      if (modes.includes(setting!)) fail(item.line, `mode '${item.text}' is listed twice`);
      modes.push(setting!);
    }
  }
  const modeText = scalar('mode', get('mode'));
  const modeSetting = modeText === undefined ? undefined : canonicalMode(modeText);
  if (modeSetting === null) fail(get('mode')!.line, `unknown mode '${modeText}': modes are ${MODES.join(', ')}, optionally with +switch or -switch`);
  const mode: BehaviourMode = modeSetting ?? modes?.[0] ?? 'buggy';
  if (modes && !modes.includes(mode)) fail(get('mode')!.line, `mode '${mode}' is not among the lab's modes (${modes.join(', ')})`);
  modes ??= [mode];

  const seedText = scalar('seed', get('seed')) ?? '1';
  const seed = seedOf(seedText);

  const inputsOf = (text: string, firstLine: number, where: string): LabInput[] => {
    let inputs;
    try {
      inputs = scriptInputs(text, file);
    } catch (e) {
      if (e instanceof ScriptError) return fail(firstLine + e.line - 1, `${where}: ${e.reason}`);
      throw e;
    }
    const out: LabInput[] = [];
    for (const input of inputs) {
      if (input.text.trim() === '') continue;
      const line = firstLine + input.line - 1;
      const problem = consoleProblem(input.text, nodes);
      if (problem !== null) fail(line, `${where}: ${problem}`);
      out.push({ line, text: input.text });
    }
    return out;
  };

  const bootEntry = get('bootstrap');
  let bootstrap: Lab['bootstrap'] = { name: null, inputs: [] };
  if (bootEntry && typeof bootEntry.value === 'string') {
    const named = namedBootstrap(bootEntry.value, nodes);
    if (!named) fail(bootEntry.line, `unknown bootstrap '${bootEntry.value}': use ${Object.keys(BOOTSTRAP_SUMMARY).join(', ')}, or a list of console inputs`);
    bootstrap = { name: bootEntry.value, inputs: named!.map((text) => ({ line: bootEntry.line, text })) };
  } else if (bootEntry && typeof bootEntry.value !== 'string') {
    bootstrap = { name: null, inputs: bootEntry.value.flatMap((item) => inputsOf(item.text, item.line, 'bootstrap')) };
  }

  const commands = (block: FencedBlock): CommandBlock => {
    const inputs = inputsOf(block.text, block.line + 1, 'kvlab block');
    if (inputs.length === 0) fail(block.line, 'an empty ```kvlab block');
    return { line: block.line, source: block.text, inputs };
  };
  const checks = (block: FencedBlock): Check[] => {
    const out: Check[] = [];
    block.text.split('\n').forEach((source, i) => {
      if (source.trim() === '' || source.trim().startsWith('#')) return;
      const parsed = parseCheck(source, block.line + 1 + i, { nodes, modes: modes! });
      if (!parsed.ok) fail(block.line + 1 + i, parsed.error);
      else out.push(parsed.check);
    });
    if (out.length === 0) fail(block.line, 'an empty ```check block');
    return out;
  };
  const { intro, steps } = parseBody(lines, fm.bodyStart, file, { commands, checks });
  for (const step of steps) {
    if (step.hint && step.hint.markdown.trim() === '') fail(step.hint.line, '### Hint has no text');
    if (step.solution && step.solution.inputs.length === 0) fail(step.solution.line, '### Solution needs a ```kvlab block with the commands to run');
  }
  return { file, id, title, summary, nodes, mode, modes, seed, bootstrap, intro, steps };
}
