/**
 * The Markdown body of a lab: prose before the first `## ` heading is the intro; each `## heading`
 * starts a step; inside a step, ```kvlab blocks are runnable console inputs, ```check blocks hold
 * checks, and `### Hint` / `### Solution` close the step. Prose is kept as Markdown source.
 */
import type { Check, CommandBlock, LabHint, LabSolution, LabStep, Segment } from './types.ts';
import { LabError } from './types.ts';

export interface FencedBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly text: string;
}

export interface BlockReaders {
  commands(block: FencedBlock): CommandBlock;
  checks(block: FencedBlock): Check[];
}

type Section = 'intro' | 'main' | 'hint' | 'solution';

interface Draft {
  id: string;
  title: string;
  line: number;
  body: Segment[];
  hint: { line: number; parts: Segment[] } | null;
  solution: { line: number; parts: Segment[] } | null;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
const STEP_ID = /^[a-z0-9][a-z0-9-]*$/;

export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[`*_[\]()<>!]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
}

export function parseBody(lines: readonly string[], start: number, file: string, read: BlockReaders): { intro: Segment[]; steps: LabStep[] } {
  const fail = (index: number, reason: string): never => {
    throw new LabError(file, index + 1, reason);
  };
  const intro: Segment[] = [];
  const drafts: Draft[] = [];
  let section: Section = 'intro';
  let prose: string[] = [];
  let proseStart = start;

  const target = (): Segment[] => {
    const step = drafts[drafts.length - 1];
    if (!step) return intro;
    if (section === 'hint') return step.hint!.parts;
    if (section === 'solution') return step.solution!.parts;
    return step.body;
  };
  const flush = () => {
    let first = 0;
    while (first < prose.length && prose[first]!.trim() === '') first++;
    let last = prose.length;
    while (last > first && prose[last - 1]!.trim() === '') last--;
    if (last > first) target().push({ kind: 'markdown', line: proseStart + first + 1, text: prose.slice(first, last).join('\n') });
    prose = [];
  };
  const addProse = (index: number, text: string) => {
    if (prose.length === 0) proseStart = index;
    prose.push(text);
  };

  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = FENCE.exec(line);
    if (fence && !(fence[1]!.startsWith('`') && fence[2]!.includes('`'))) {
      const marker = fence[1]!;
      const lang = fence[2]!.trim().split(/\s+/)[0]!.toLowerCase();
      let close = i + 1;
      const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`);
      while (close < lines.length && !closing.test(lines[close]!)) close++;
      if (close >= lines.length) fail(i, `unterminated ${marker} fence: no closing ${marker} line`);
      if (lang !== 'kvlab' && lang !== 'check' && /^(kvlab|check)/.test(lang)) fail(i, `unknown block '${lang}': runnable blocks are \`\`\`kvlab and \`\`\`check`);
      if (lang === 'kvlab' || lang === 'check') {
        if (section === 'intro') fail(i, `a \`\`\`${lang} block before the first step: put set-up commands in the front matter's 'bootstrap'`);
        if (section === 'hint') fail(i, `a \`\`\`${lang} block in a hint: hints are prose; commands go in ### Solution`);
        if (lang === 'check' && section === 'solution') fail(i, 'a ```check block in a solution: checks go in the step, above ### Hint and ### Solution');
        flush();
        const block: FencedBlock = { line: i + 1, text: lines.slice(i + 1, close).join('\n') };
        if (lang === 'kvlab') target().push({ kind: 'commands', line: i + 1, block: read.commands(block) });
        else target().push({ kind: 'checks', line: i + 1, checks: read.checks(block) });
      } else {
        for (let j = i; j <= close; j++) addProse(j, lines[j]!);
      }
      i = close;
      continue;
    }
    const heading = HEADING.exec(line);
    if (!heading) {
      addProse(i, line);
      continue;
    }
    const level = heading[1]!.length;
    const text = (heading[2] ?? '').replace(/[ \t]+#+$/, '').trim();
    if (level === 1) {
      if (section !== 'intro') fail(i, "a '# ' heading inside the steps: each step is a '## ' heading");
      addProse(i, line);
    } else if (level === 2) {
      flush();
      const explicit = /^(.*?)\s*\{#([^}]*)\}$/.exec(text);
      const title = explicit ? explicit[1]! : text;
      if (title === '') fail(i, 'a step heading needs a title');
      const id = explicit ? explicit[2]! : slug(title) || `step-${drafts.length + 1}`;
      if (!STEP_ID.test(id)) fail(i, `bad step id '${id}': lowercase letters, digits and '-'`);
      const twin = drafts.find((d) => d.id === id);
      if (twin) fail(i, `step id '${id}' is already used by the step at line ${twin.line}; add {#another-id} after the heading`);
      drafts.push({ id, title, line: i + 1, body: [], hint: null, solution: null });
      section = 'main';
    } else if (level === 3 && /^(hint|solution)$/i.test(text)) {
      if (section === 'intro') fail(i, `### ${text} before the first step`);
      flush();
      const step = drafts[drafts.length - 1]!;
      const which = text.toLowerCase() as 'hint' | 'solution';
      if (step[which]) fail(i, `a second ### ${text} in this step (the first is at line ${step[which]!.line})`);
      step[which] = { line: i + 1, parts: [] };
      section = which;
    } else if (level === 3 && (section === 'hint' || section === 'solution')) {
      fail(i, `### ${text} after ### ${section === 'hint' ? 'Hint' : 'Solution'}: a step's hint and solution come last; move it above`);
    } else {
      addProse(i, line);
    }
  }
  flush();
  if (drafts.length === 0) fail(lines.length - 1, "a lab needs at least one step: a '## ' heading after the front matter");
  return { intro, steps: drafts.map(finish) };
}

function finish(draft: Draft, index: number): LabStep {
  const blocks = draft.body.flatMap((s) => (s.kind === 'commands' ? [s.block] : []));
  const checks = draft.body.flatMap((s) => (s.kind === 'checks' ? s.checks : []));
  const hint: LabHint | null = draft.hint ? { line: draft.hint.line, markdown: draft.hint.parts.map((p) => (p.kind === 'markdown' ? p.text : '')).join('\n\n') } : null;
  const solution: LabSolution | null = draft.solution
    ? { line: draft.solution.line, body: draft.solution.parts, inputs: draft.solution.parts.flatMap((p) => (p.kind === 'commands' ? p.block.inputs : [])) }
    : null;
  return { index, id: draft.id, title: draft.title, line: draft.line, body: draft.body, blocks, checks, hint, solution };
}
