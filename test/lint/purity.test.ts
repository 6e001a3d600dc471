// The purity fence as a test, so `npm test` fails when the deterministic core reaches for the
// DOM, the wall clock, Math.random or timers (eslint.config.js holds the rules).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

describe('lint', () => {
  it('src/ and test/ pass eslint, including the purity fence around the core', async () => {
    const eslint = new ESLint();
    const results = await eslint.lintFiles(['src/**/*.ts', 'test/**/*.ts']);
    const problems = results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line}: ${m.message} (${m.ruleId})`));
    expect(problems).toEqual([]);
  });

  it('the layers point down: machines/ and protocol/ may not import kvrocks/', async () => {
    const eslint = new ESLint();
    const source = "import type { Reply } from '../kvrocks/reply.ts';\nexport type R = Reply;\n";
    for (const filePath of ['src/machines/example.ts', 'src/protocol/example.ts']) {
      const [result] = await eslint.lintText(source, { filePath });
      expect(result!.messages.map((m) => m.ruleId)).toEqual(['no-restricted-imports']);
    }
    const [fine] = await eslint.lintText("import type { Reply } from '../protocol/reply.ts';\nexport type R = Reply;\n", { filePath: 'src/machines/example.ts' });
    expect(fine!.messages).toEqual([]);
  });

  it('the fence catches Math.random, Date.now and DOM use in the core', async () => {
    const eslint = new ESLint();
    const source = 'export const x = Math.random() + Date.now() + document.title.length + new Date().getTime();\nsetTimeout(() => 0, 1);\n';
    const [result] = await eslint.lintText(source, { filePath: 'src/engine/example.ts' });
    const rules = result!.messages.map((m) => m.ruleId).sort();
    expect(rules).toEqual([
      'no-restricted-globals',
      'no-restricted-globals',
      'no-restricted-properties',
      'no-restricted-properties',
      'no-restricted-syntax',
    ]);
  });
});
