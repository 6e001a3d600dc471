// Lab files (labs/README.md "The format"): strict front matter, steps with prose, kvlab and check
// blocks, hints and solutions; prose kept as Markdown source; every mistake reported as file:line.
import { describe, expect, it } from 'vitest';
import { suggestedNodeId } from '../../../src/protocol/node-ids.ts';
import { parseLab, tryParseLab } from '../../../src/lab/labs/parse.ts';
import { FRONT, lab, labError, labText } from './helpers.ts';

const FULL = `---
id: demo-lab
title: "Demo: a lab"
summary: 'It''s a demo'
nodes: 4
mode: fixed
modes:
  - buggy
  - fixed
seed: abc
bootstrap:
  - .wait 1s
  - '@kv2 CLUSTERX SETNODEID ${'a'.repeat(40)}'
---

# A title in the intro

Intro *prose* with <b>raw html</b>.

## First step {#first}

Some prose.

\`\`\`kvlab
@kv1 SET a 1
# a comment
@kv1 CLUSTERX SETNODES "x
y" 1
\`\`\`

More prose.

\`\`\`text
## not a heading, a code block
\`\`\`

\`\`\`check
# a comment line
kv1 INFO replication: role = master
[fixed] kv2 ROLE[1] = master within 1s
\`\`\`

### Hint

Try \`SET\`.

### Solution

Run this:

\`\`\`kvlab
@kv1 GET a
\`\`\`

## Second \`step\`: done!
`;

describe('parseLab: a complete file', () => {
  const parsed = parseLab(FULL, 'demo.md');

  it('reads the front matter', () => {
    expect(parsed).toMatchObject({ file: 'demo.md', id: 'demo-lab', title: 'Demo: a lab', summary: "It's a demo", nodes: 4, mode: 'fixed', modes: ['buggy', 'fixed'], seed: 'abc' });
    expect(parsed.bootstrap).toEqual({ name: null, inputs: [{ line: 12, text: '.wait 1s' }, { line: 13, text: `@kv2 CLUSTERX SETNODEID ${'a'.repeat(40)}` }] });
  });

  it('keeps the intro and the prose as Markdown source, raw HTML included (the page sanitizes)', () => {
    expect(parsed.intro).toEqual([{ kind: 'markdown', line: 16, text: '# A title in the intro\n\nIntro *prose* with <b>raw html</b>.' }]);
    const [first] = parsed.steps;
    expect(first!.body.map((s) => [s.kind, s.line])).toEqual([
      ['markdown', 22],
      ['commands', 24],
      ['markdown', 31],
      ['checks', 37],
    ]);
    expect(first!.body[2]).toEqual({ kind: 'markdown', line: 31, text: 'More prose.\n\n```text\n## not a heading, a code block\n```' });
  });

  it('splits steps, with ids from {#id} or the heading slug', () => {
    expect(parsed.steps.map((s) => [s.index, s.id, s.title, s.line])).toEqual([
      [0, 'first', 'First step', 20],
      [1, 'second-step-done', 'Second `step`: done!', 55],
    ]);
    expect(parsed.steps[1]!.body).toEqual([]);
  });

  it('reads kvlab blocks as logical inputs with their lines (blank lines dropped, comments kept)', () => {
    const block = parsed.steps[0]!.blocks[0]!;
    expect(block.line).toBe(24);
    expect(block.inputs).toEqual([
      { line: 25, text: '@kv1 SET a 1' },
      { line: 26, text: '# a comment' },
      { line: 27, text: '@kv1 CLUSTERX SETNODES "x\ny" 1' },
    ]);
  });

  it('reads checks, with their lines, tags and selectors', () => {
    const [role, tagged] = parsed.steps[0]!.checks;
    expect(role).toMatchObject({ line: 39, node: 'kv1', command: 'INFO replication', argv: ['INFO', 'replication'], selector: { kind: 'field', name: 'role' }, op: '=', expected: 'master', withinMs: null, onlyIn: null, failsIn: [] });
    expect(tagged).toMatchObject({ line: 40, node: 'kv2', command: 'ROLE', path: [1], selector: { kind: 'reply' }, withinMs: 1000, onlyIn: ['fixed'] });
  });

  it('reads the hint as Markdown and the solution as prose plus inputs', () => {
    const step = parsed.steps[0]!;
    expect(step.hint).toEqual({ line: 43, markdown: 'Try `SET`.' });
    expect(step.solution!.line).toBe(47);
    expect(step.solution!.inputs).toEqual([{ line: 52, text: '@kv1 GET a' }]);
    expect(step.solution!.body.map((s) => s.kind)).toEqual(['markdown', 'commands']);
  });
});

describe('parseLab: defaults and named bootstraps', () => {
  it('defaults: 3 nodes, buggy, seed 1, fresh', () => {
    const l = lab('## One');
    expect(l).toMatchObject({ nodes: 3, mode: 'buggy', modes: ['buggy'], seed: 1, bootstrap: { name: null, inputs: [] } });
  });

  it('mode defaults to the first of modes; a digit seed is a number', () => {
    expect(lab('## One', [...FRONT, 'modes: [fixed, guarded]', 'seed: 42'])).toMatchObject({ mode: 'fixed', modes: ['fixed', 'guarded'], seed: 42 });
  });

  it('bootstrap s1 is SETNODEID, then SETNODES version 1 on every node, then .wait 1s', () => {
    const l = lab('## One', [...FRONT, 'nodes: 2', 'bootstrap: s1']);
    const payload = `${suggestedNodeId('kv1')} 127.0.0.1 30001 master - 0-16383\n${suggestedNodeId('kv2')} 127.0.0.1 30002 slave ${suggestedNodeId('kv1')}`;
    expect(l.bootstrap.name).toBe('s1');
    expect(l.bootstrap.inputs.map((i) => i.text)).toEqual([
      `@kv1 CLUSTERX SETNODEID ${suggestedNodeId('kv1')}`,
      `@kv2 CLUSTERX SETNODEID ${suggestedNodeId('kv2')}`,
      `@kv1 CLUSTERX SETNODES "${payload}" 1`,
      `@kv2 CLUSTERX SETNODES "${payload}" 1`,
      '.wait 1s',
    ]);
  });

  it('tryParseLab returns the error instead of throwing it', () => {
    const r = tryParseLab('nope', 'x.md');
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.file, r.error.line, r.error.reason]).toEqual(['x.md', 1, "a lab starts with front matter: a line '---', then 'key: value' lines, then '---'"]);
  });
});

describe('parseLab: bad files fail with file:line and a reason', () => {
  const cases: [string, string, string][] = [
    ['no front matter', '# Lab\n## One', "t.md:1: a lab starts with front matter: a line '---', then 'key: value' lines, then '---'"],
    ['unclosed front matter', '---\nid: t\n## One', "t.md:1: front matter is not closed: no second '---' line"],
    ['unknown key', labText('## One', [...FRONT, 'author: me']), "t.md:5: unknown front-matter key 'author': known keys are id, title, summary, nodes, mode, modes, seed, bootstrap"],
    ['repeated key', labText('## One', [...FRONT, 'title: again']), "t.md:5: 'title' is given twice"],
    ['missing title', labText('## One', ['id: t', 'summary: S']), "t.md:1: the front matter has no 'title'"],
    ['no space after the colon', labText('## One', [...FRONT, 'nodes:3']), "t.md:5: expected 'key: value' (a space after the colon)"],
    ['a tab', labText('## One', [...FRONT, 'nodes:\t3']), 't.md:5: tabs are not allowed in front matter (YAML forbids them as indentation)'],
    ['": " in a plain value', labText('## One', ['id: t', 'title: A: B', 'summary: S']), 't.md:3: quote a value that contains \': \' or \' #\', e.g. "A: B"'],
    ['a leading @', labText('## One', [...FRONT, 'bootstrap:', '  - @kv1 PING']), "t.md:6: a value starting with '@' must be quoted, e.g. '@kv1 PING'"],
    ['a YAML boolean', labText('## One', ['id: t', 'title: yes', 'summary: S']), "t.md:3: quote 'yes': YAML would read it as a boolean or null"],
    ['a bad double-quoted value', labText('## One', ['id: t', 'title: "open', 'summary: S']), 't.md:3: bad double-quoted value "open: it must end with \'"\', with \\" for a quote inside'],
    ['an empty list key', labText('## One', [...FRONT, 'modes:']), "t.md:5: 'modes' has no value"],
    ['a stray indented line', labText('## One', [...FRONT, '  - buggy']), "t.md:5: unexpected indented line: only '  - item' lines under a key with no value of its own"],
    ['a bad id', labText('## One', ['id: Not_OK', 'title: T', 'summary: S']), "t.md:2: bad id 'Not_OK': lowercase letters, digits and '-', at most 64"],
    ['too many nodes', labText('## One', [...FRONT, 'nodes: 65']), "t.md:5: 'nodes' must be a whole number from 1 to 64, got '65'"],
    ['an unknown mode', labText('## One', [...FRONT, 'mode: broken']), "t.md:5: unknown mode 'broken': modes are buggy, fixed, guarded, optionally with +switch or -switch"],
    ['mode outside modes', labText('## One', [...FRONT, 'mode: buggy', 'modes: [fixed]']), "t.md:5: mode 'buggy' is not among the lab's modes (fixed)"],
    ['a repeated mode', labText('## One', [...FRONT, 'modes: [fixed, fixed]']), "t.md:5: mode 'fixed' is listed twice"],
    ['an unknown bootstrap', labText('## One', [...FRONT, 'bootstrap: s9']), "t.md:5: unknown bootstrap 's9': use fresh, s1, or a list of console inputs"],
    ['a bad bootstrap input', labText('## One', [...FRONT, 'bootstrap:', '  - .wait soon']), "t.md:6: bootstrap: invalid duration 'soon': use a number and a unit, e.g. 500ms, 5s, 2m, 1h"],
    ['no steps', labText('Just prose.'), "t.md:6: a lab needs at least one step: a '## ' heading after the front matter"],
    ['an unterminated fence', labText('## One\n\n```kvlab\nPING\n'), 't.md:8: unterminated ``` fence: no closing ``` line'],
    ['a kvlab block in the intro', labText('```kvlab\nPING\n```\n## One'), "t.md:6: a ```kvlab block before the first step: put set-up commands in the front matter's 'bootstrap'"],
    ['a check block in a hint', labText('## One\n### Hint\n```check\nkv1 PING = PONG\n```'), 't.md:8: a ```check block in a hint: hints are prose; commands go in ### Solution'],
    ['a check block in a solution', labText('## One\n### Solution\n```check\nkv1 PING = PONG\n```'), 't.md:8: a ```check block in a solution: checks go in the step, above ### Hint and ### Solution'],
    ['a misspelt block', labText('## One\n```checks\nkv1 PING = PONG\n```'), "t.md:7: unknown block 'checks': runnable blocks are ```kvlab and ```check"],
    ['an empty kvlab block', labText('## One\n```kvlab\n\n```'), 't.md:7: an empty ```kvlab block'],
    ['an unknown dot-command', labText('## One\n```kvlab\nPING\n.sleep 5s\n```'), "t.md:9: kvlab block: unknown dot-command '.sleep': type .help for the list"],
    ['an unknown node', labText('## One\n```kvlab\n@kv4 PING\n```'), "t.md:8: kvlab block: unknown node 'kv4': this lab has kv1..kv3"],
    ['a bad .wait', labText('## One\n```kvlab\n.wait 5 s\n```'), 't.md:8: kvlab block: usage: .wait <duration>, e.g. .wait 5s'],
    ['an unterminated quote', labText('## One\n```kvlab\nPING\n@kv1 SET a "b\n```'), 't.md:9: kvlab block: unterminated quoted string'],
    ['a bad partition', labText('## One\n```kvlab\n.partition kv1 KV1\n```'), 't.md:8: kvlab block: a node cannot be partitioned from itself'],
    ['a bad controller call', labText('## One\n```kvlab\n.controller remove\n```'), 't.md:8: kvlab block: usage: .controller remove <node>'],
    ['a duplicated step id', labText('## One\n## One'), "t.md:7: step id 'one' is already used by the step at line 6; add {#another-id} after the heading"],
    ['a bad step id', labText('## One {#Bad_Id}'), "t.md:6: bad step id 'Bad_Id': lowercase letters, digits and '-'"],
    ['an H1 among the steps', labText('## One\n# Big'), "t.md:7: a '# ' heading inside the steps: each step is a '## ' heading"],
    ['a heading after the hint', labText('## One\n### Hint\nx\n### More'), "t.md:9: ### More after ### Hint: a step's hint and solution come last; move it above"],
    ['a second hint', labText('## One\n### Hint\nx\n### Hint\ny'), 't.md:9: a second ### Hint in this step (the first is at line 7)'],
    ['an empty hint', labText('## One\n### Hint\n'), 't.md:7: ### Hint has no text'],
    ['a solution without commands', labText('## One\n### Solution\nJust do it.'), 't.md:7: ### Solution needs a ```kvlab block with the commands to run'],
    ['an empty check block', labText('## One\n```check\n# nothing\n```'), 't.md:7: an empty ```check block'],
  ];
  it.each(cases)('%s', (_name, text, message) => {
    expect(labError(text)).toBe(message);
  });

  it('CRLF files parse like LF files', () => {
    const text = labText('## One\n\n```kvlab\nPING\n```\n');
    expect(parseLab(text.replace(/\n/g, '\r\n'), 't.md')).toEqual(parseLab(text, 't.md'));
  });
});
