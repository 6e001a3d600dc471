// Design §6 "bad input is a normal input": random and mutated lab files never throw anything but a
// LabError whose line is inside the file; a lab that parses runs to the end or stops with a LabError.
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../../src/lab/labs/parse.ts';
import { runLab } from '../../../src/lab/labs/run-lab.ts';
import { LabError, type Lab } from '../../../src/lab/labs/types.ts';

const CORPUS = readdirSync('labs')
  .filter((f) => f.endsWith('.md') && f !== 'README.md')
  .map((f) => readFileSync(`labs/${f}`, 'utf8'));
const README_EXAMPLE = /````markdown\n([\s\S]*?)\n````\n/.exec(readFileSync('labs/README.md', 'utf8'))![1]!;
/** Short labs, cheap enough to run many mutants of. */
const SMALL = [README_EXAMPLE, CORPUS[0]!, CORPUS[4]!];

const TRICKY = [
  '---', '```', '```kvlab', '```check', '~~~', '````', '## Step', '## Step {#x}', '## {#bad id}', '### Hint', '### Solution', '# Title',
  'id: other', 'title: "x', "summary: 'y''", 'nodes: 0', 'nodes: 9', 'mode: fixed', 'modes: [buggy, guarded]', 'modes:', '  - fixed',
  'seed: -1', 'bootstrap: s1', 'bootstrap:', "  - '.wait 1s'", '  - @kv1 PING', 'author: me', '\tindented',
  'kv1 INFO replication: role = master within 5s', '[fails in fixed] kv3 INFO replication: role = master', '[guarded] kv1 PING = PONG',
  'kv2 ROLE[4] = connected', 'kv1 CLUSTER NODES: line of kv3 contains slave {kv1}', 'kv1 ROLE[3]: length = 2', 'kv9 PING = PONG',
  'kv1 GET "a = b', 'kv1 INFO: x absent within 2m', 'kv1 INFO: x = y within 1h', '@kv1 CLUSTERX SETNODES "a', 'b" 2', '@kv9 PING',
  '.wait 5x', '.wait 2s', '.crash kv2', '.restart kv2', '.mode guarded', '.controller start', '.controller create 3', '.partition kv1 kv1',
  '.nosuch', 'connect 127.0.0.1', '{kv1}', '<script>alert(1)</script>', '', '\r', '"', "'", '[', '`', '\u00e9\u{1F600}',
];

const line = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...TRICKY) }, { weight: 1, arbitrary: fc.string({ maxLength: 30 }) });

type Mutation =
  | { kind: 'delete'; at: number }
  | { kind: 'insert'; at: number; line: string }
  | { kind: 'replace'; at: number; line: string }
  | { kind: 'chars'; at: number; text: string }
  | { kind: 'truncate'; at: number }
  | { kind: 'swap'; a: number; b: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), line }),
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), line }),
  fc.record({ kind: fc.constant('chars' as const), at: fc.nat(), text: fc.string({ minLength: 1, maxLength: 3 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let lines = text.split('\n');
  for (const m of mutations) {
    const n = Math.max(lines.length, 1);
    if (m.kind === 'delete') lines.splice(m.at % n, 1);
    else if (m.kind === 'insert') lines.splice(m.at % (n + 1), 0, m.line);
    else if (m.kind === 'replace') lines[m.at % n] = m.line;
    else if (m.kind === 'swap') [lines[m.a % n], lines[m.b % n]] = [lines[m.b % n] ?? '', lines[m.a % n] ?? ''];
    else {
      const joined = lines.join('\n');
      const at = m.at % (joined.length + 1);
      lines = (m.kind === 'truncate' ? joined.slice(0, at) : joined.slice(0, at) + m.text + joined.slice(at)).split('\n');
    }
  }
  return lines.join('\n');
}

/** parseLab's contract: a Lab, or a LabError with a line inside the file. Anything else fails the property. */
function parseOrLabError(text: string): Lab | null {
  try {
    return parseLab(text, 'm.md');
  } catch (e) {
    if (!(e instanceof LabError)) throw e;
    const lines = text.replace(/\r\n?/g, '\n').split('\n').length;
    expect(e.file).toBe('m.md');
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(lines);
    expect(e.reason).not.toBe('');
    expect(e.message).toBe(`m.md:${e.line}: ${e.reason}`);
    return null;
  }
}

describe('lab files: bad input is a normal input', () => {
  it('mutated labs parse, or fail with a LabError inside the file', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CORPUS, README_EXAMPLE), fc.array(mutation, { minLength: 1, maxLength: 6 }), (base, mutations) => {
        parseOrLabError(mutate(base, mutations));
      }),
      { numRuns: 400 },
    );
  });

  it('random text, with or without front matter, never throws anything else', () => {
    const body = fc.array(line, { maxLength: 25 }).map((lines) => lines.join('\n'));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), body, body.map((b) => `---\nid: r\ntitle: R\nsummary: S\n---\n${b}`)), (text) => {
        parseOrLabError(text);
      }),
      { numRuns: 400 },
    );
  });

  it('a mutated lab that parses runs to the end, or stops with a LabError at one of its lines', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SMALL), fc.array(mutation, { minLength: 1, maxLength: 3 }), (base, mutations) => {
        const text = mutate(base, mutations);
        const lab = parseOrLabError(text);
        if (!lab) return;
        try {
          runLab(lab, lab.mode);
        } catch (e) {
          if (!(e instanceof LabError)) throw e;
          expect(e.line).toBeGreaterThanOrEqual(1);
          expect(e.line).toBeLessThanOrEqual(text.split('\n').length);
        }
      }),
      { numRuns: 60 },
    );
  });
});
