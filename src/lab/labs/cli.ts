/**
 * `kvlab lab [--mode M] [--seed S] [--transcript] <lab.md>...`: runs each lab's own commands in
 * each mode it declares (or only --mode M) and reports every check. File reading is injected.
 */
import { canonicalMode, MODES, type BehaviourMode } from '../../kvrocks/mode.ts';
import { formatLabRun, runLab } from './run-lab.ts';
import { seedOf, tryParseLab } from './parse.ts';
import { LabError } from './types.ts';

export interface LabCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<string>;
}

export const LAB_USAGE = `  kvlab lab [--mode buggy|fixed|guarded] [--seed S] [--transcript] <lab.md>...
      Runs a guided lab's own commands (bootstrap, then each step's kvlab blocks and
      solution) and reports every check, pass or fail with the field-level difference.
      Without --mode, runs every mode the lab declares. --transcript prints the console
      transcript too. Exits 1 if a check's outcome is not what the lab expects, 2 for a
      usage error or a bad lab file (<file>:<line>: <reason> on stderr).`;

interface LabArgs {
  mode: BehaviourMode | null;
  seed: string | null;
  transcript: boolean;
  files: string[];
}

function parseArgs(args: readonly string[]): LabArgs | string {
  const out: LabArgs = { mode: null, seed: null, transcript: false, files: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--mode') {
      const v = args[++i];
      const setting = v === undefined ? null : canonicalMode(v);
      if (setting === null) return `--mode needs one of ${MODES.join(', ')}, optionally with +switch or -switch`;
      out.mode = setting;
    } else if (arg === '--seed') {
      const v = args[++i];
      if (v === undefined || v === '') return '--seed needs a value';
      out.seed = v;
    } else if (arg === '--transcript') {
      out.transcript = true;
    } else if (arg.startsWith('--')) {
      return `unknown option ${arg}`;
    } else {
      out.files.push(arg);
    }
  }
  return out.files.length === 0 ? 'lab needs at least one lab file' : out;
}

export async function labCommand(args: readonly string[], io: LabCliIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr(`kvlab lab: ${parsed}\n`);
    return 2;
  }
  let code = 0;
  for (const file of parsed.files) {
    let text: string;
    try {
      text = await io.readFile(file);
    } catch (e) {
      io.stderr(`kvlab lab: cannot read ${file}: ${(e as Error).message}\n`);
      code = 2;
      continue;
    }
    const lab = tryParseLab(text, file);
    if (!lab.ok) {
      io.stderr(`${lab.error.message}\n`);
      code = 2;
      continue;
    }
    if (parsed.mode && !lab.value.modes.includes(parsed.mode)) {
      io.stderr(`${file}: this lab is written for modes ${lab.value.modes.join(', ')}, not ${parsed.mode}\n`);
      code = 2;
      continue;
    }
    for (const mode of parsed.mode ? [parsed.mode] : lab.value.modes) {
      try {
        const run = runLab(lab.value, mode, parsed.seed === null ? lab.value.seed : seedOf(parsed.seed));
        io.stdout(formatLabRun(run, parsed.transcript));
        if (run.unexpected.length > 0) code = Math.max(code, 1);
      } catch (e) {
        if (!(e instanceof LabError)) throw e;
        io.stderr(`${e.message} (mode ${mode})\n`);
        code = 2;
      }
    }
  }
  return code;
}
