// The bug catalogue: every entry names real switches, canonical settings, and files that exist;
// each scenario runs in each of its settings; `kvlab catalogue` prints it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { CATALOGUE, catalogueProblems, catalogueText } from '../../src/lab/catalogue.ts';
import { runScript } from '../../src/lab/script.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe('the bug catalogue', () => {
  it('names only switches and settings that exist, and files in the repository', () => {
    expect(catalogueProblems()).toEqual([]);
    expect(catalogueProblems([{ ...CATALOGUE[0]!, switches: ['no-such'], settings: [{ setting: 'fixed+remove-master-2643', sees: '' }] }])).toEqual([
      'issue-2618: unknown switch no-such',
      'issue-2618: setting fixed+remove-master-2643 is not a canonical mode',
    ]);
    for (const e of CATALOGUE) {
      expect(existsSync(join(ROOT, e.scenario)), e.scenario).toBe(true);
      if (e.lab) expect(existsSync(join(ROOT, e.lab)), e.lab).toBe(true);
    }
  });

  it('runs each scenario in each setting it describes', () => {
    for (const e of CATALOGUE) {
      const text = readFileSync(join(ROOT, e.scenario), 'utf8');
      // The scenario states its cluster size as the page reads it (src/ui/catalogue/scenarios.ts).
      const nodes = Number(/^#\s*conformance:\s*nodes\s+(\d+)\s*$/m.exec(text)?.[1] ?? 3);
      expect(e.nodes ?? 3, e.scenario).toBe(nodes);
      for (const { setting } of e.settings) expect(() => runScript(text, { nodes, seed: 1, mode: setting }, e.scenario)).not.toThrow();
    }
  });

  it("each bug shows: its scenario reads differently in each of the entry's settings, except where the entry says it reads the same", () => {
    for (const e of CATALOGUE) {
      const text = readFileSync(join(ROOT, e.scenario), 'utf8');
      const run = (setting: string) => runScript(text, { nodes: e.nodes ?? 3, seed: 1, mode: setting }, e.scenario).transcript;
      const runs = new Map(e.settings.map(({ setting }) => [setting, run(setting)]));
      e.settings.forEach(({ setting, sameAs }, i) => {
        for (const earlier of e.settings.slice(0, i)) {
          const same = runs.get(setting) === runs.get(earlier.setting);
          expect(same, `${e.id}: ${setting} ${same ? 'reads like' : 'differs from'} ${earlier.setting}`).toBe(sameAs === earlier.setting);
        }
      });
    }
  });

  it('kvlab catalogue prints every entry, and takes no arguments', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), readFile: () => '', readStdin: async () => '' };
    expect(await main(['catalogue'], io as never)).toBe(0);
    expect(out.join('')).toBe(catalogueText());
    for (const e of CATALOGUE) expect(out.join('')).toContain(`${e.id}: ${e.title}`);
    expect(await main(['catalogue', 'x'], io as never)).toBe(2);
    expect(err.join('')).toBe('kvlab catalogue: takes no arguments, got x\n');
  });
});
