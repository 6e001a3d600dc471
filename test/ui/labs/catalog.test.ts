// The lab files load lazily and parse; a bad one is listed with `file:line: reason`.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/ui/labs/catalog.ts';

const GOOD = '---\nid: tiny\ntitle: Tiny\nsummary: One step.\n---\n\n## Ping\n\n```kvlab\nPING\n```\n';

describe('the lab catalog', () => {
  it('lists every lab of labs/NN-*.md in file order, all parsed', async () => {
    const entries = await loadCatalog();
    const files = readdirSync('labs').filter((f) => /^\d\d-.*\.md$/.test(f)).sort().map((f) => `labs/${f}`);
    expect(files.length).toBeGreaterThanOrEqual(15);
    expect(entries.map((e) => e.file)).toEqual(files);
    expect(entries.every((e) => e.ok)).toBe(true);
    const lab2 = entries[1]!;
    if (!lab2.ok) throw new Error(lab2.error);
    expect(lab2.lab.id).toBe('issue-2618');
    expect(lab2.lab.modes).toEqual(['buggy', 'fixed']);
  });

  it('a lab that does not parse is kept, with file:line: reason', async () => {
    const entries = await loadCatalog({
      '/labs/01-good.md': async () => GOOD,
      '/labs/02-bad.md': async () => '---\nid: bad\ntitle: Bad\nsummary: x\ncolour: red\n---\n',
      '/labs/03-unloadable.md': () => Promise.reject(new Error('network down')),
    });
    expect(entries[0]).toMatchObject({ ok: true, file: 'labs/01-good.md' });
    expect(entries[1]).toMatchObject({ ok: false, file: 'labs/02-bad.md' });
    expect(entries[1]!.ok ? '' : entries[1]!.error).toMatch(/^labs\/02-bad\.md:5: .*colour/);
    expect(entries[2]).toEqual({ ok: false, file: 'labs/03-unloadable.md', error: 'labs/03-unloadable.md: could not be loaded: network down' });
  });

  it('two labs with one id: the second is an error (progress is saved by id)', async () => {
    const entries = await loadCatalog({ '/labs/01-a.md': async () => GOOD, '/labs/02-b.md': async () => GOOD });
    expect(entries[1]).toEqual({ ok: false, file: 'labs/02-b.md', error: "labs/02-b.md:2: id 'tiny' is already used by labs/01-a.md" });
  });
});
