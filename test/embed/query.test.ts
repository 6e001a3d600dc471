import { describe, expect, it } from 'vitest';
import { readQuery } from '../../src/embed/query.ts';
import { parseSettings } from '../../src/embed/settings.ts';

const known = { scenarios: ['issue-2618'], labs: [] };

describe('readQuery: the iframe page takes the attributes from its URL', () => {
  it('reads the same names, with bare flags', () => {
    const q = readQuery('?scenario=issue-2618&mode=fixed&autoplay');
    expect(q.errors).toEqual([]);
    expect(parseSettings(q.read, null, known)).toMatchObject({ ok: true, settings: { source: { kind: 'scenario', id: 'issue-2618' }, mode: 'fixed', autoplay: true } });
  });

  it('flags take 1/0, yes/no, true/false, on/off', () => {
    for (const [value, on] of [['1', true], ['yes', true], ['on', true], ['0', false], ['no', false], ['false', false]] as const) {
      const q = readQuery(`?scenario=issue-2618&readonly=${value}`);
      expect(parseSettings(q.read, null, known)).toMatchObject({ ok: true, settings: { readonly: on } });
    }
    const bad = readQuery('?scenario=issue-2618&autoplay=maybe');
    expect(bad.errors).toEqual([{ attribute: 'autoplay', message: '\'autoplay\' is a yes/no parameter: write it bare (&autoplay) or with 1/0, yes/no, true/false, not "maybe"' }]);
  });

  it('unknown and repeated parameters are errors', () => {
    expect(readQuery('?scenario=a&scenario=b&color=red&<b>=1').errors).toEqual([
      { attribute: 'scenario', message: "'scenario' is given more than once" },
      { attribute: 'color', message: expect.stringMatching(/^unknown parameter "color": parameters are lab, scenario, script, mode/) },
      { attribute: '<b>', message: expect.stringMatching(/^unknown parameter "<b>"/) },
    ]);
  });

  it('defaults apply only when the parameter is absent (the iframe fills its frame)', () => {
    expect(readQuery('', { height: 'fill' }).read('height')).toBe('fill');
    expect(readQuery('?height=400', { height: 'fill' }).read('height')).toBe('400');
  });

  it('a script arrives URL-encoded, newlines and all', () => {
    const q = readQuery(`?script=${encodeURIComponent('PING\n.wait 1s\n@kv2 ROLE')}`);
    expect(q.read('script')).toBe('PING\n.wait 1s\n@kv2 ROLE');
  });

  it('refuses a huge query before reading it', () => {
    expect(readQuery(`?script=${'x'.repeat(20_000)}`).errors[0]!.attribute).toBe('URL');
  });
});
