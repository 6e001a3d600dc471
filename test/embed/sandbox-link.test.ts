import { describe, expect, it } from 'vitest';
import { labIds, scenarioIds } from '../../src/embed/catalogue.ts';
import { sandboxLinkFor } from '../../src/embed/sandbox-link.ts';
import { parseSettings, type AttributeName } from '../../src/embed/settings.ts';
import { parseLink } from '../../src/lab/link.ts';

const known = { scenarios: scenarioIds(), labs: labIds() };
const BASE = 'https://docs.example/kvlab/kvrocks-lab.js';

function settingsOf(attrs: Partial<Record<AttributeName, string>>, child: string | null = null) {
  const parsed = parseSettings((name) => attrs[name] ?? null, child, known);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.settings;
}

describe('Open in Cluster Lab', () => {
  it('leads to the sandbox beside the script, with the same scenario, mode and seed', () => {
    const link = sandboxLinkFor(settingsOf({ scenario: 'issue-2618', mode: 'fixed', seed: '7' }), BASE)!;
    expect(link).toBe('https://docs.example/kvlab/#scenario=issue-2618&mode=fixed&seed=7');
    const back = parseLink(new URL(link).hash, known);
    expect(back).toEqual({ ok: true, link: { source: { kind: 'scenario', id: 'issue-2618' }, mode: 'fixed', seed: 7, nodes: null } });
  });

  it('a lab, an inline script and node counts survive the round trip', () => {
    const lab = sandboxLinkFor(settingsOf({ lab: 'orphan-2841', mode: 'guarded' }), BASE)!;
    expect(parseLink(new URL(lab).hash, known)).toMatchObject({ ok: true, link: { source: { kind: 'lab', id: 'orphan-2841' }, mode: 'guarded' } });
    const script = 'CLUSTERX SETNODEID "a b"\n.wait 1s & more = #';
    const inline = sandboxLinkFor(settingsOf({ nodes: '5', seed: 'word' }, script), BASE)!;
    expect(parseLink(new URL(inline).hash, known)).toEqual({ ok: true, link: { source: { kind: 'script', text: script }, mode: null, seed: 'word', nodes: 5 } });
  });

  it('an address given by the page, or none', () => {
    expect(sandboxLinkFor(settingsOf({ scenario: 'issue-2841', sandbox: 'https://lab.example/' }), BASE)).toBe('https://lab.example/#scenario=issue-2841');
    expect(sandboxLinkFor(settingsOf({ sandbox: '../sandbox/' }), BASE)).toBe('https://docs.example/sandbox/');
    expect(sandboxLinkFor(settingsOf({ scenario: 'issue-2841', sandbox: 'none' }), BASE)).toBeNull();
  });
});

describe('parseLink', () => {
  it('names every mistake and opens nothing', () => {
    expect(parseLink('#scenario=nope&mode=weird&seed=has%20space&nodes=0&x=1', known)).toEqual({
      ok: false,
      errors: [
        'unknown parameter "x": a link takes scenario, lab, script, mode, seed, nodes',
        expect.stringMatching(/^unknown scenario "nope": scenarios are issue-2618, /),
        expect.stringMatching(/^unknown mode "weird"/),
        expect.stringMatching(/^bad seed "has space"/),
        "'nodes' must be a whole number from 1 to 500, got \"0\"",
      ],
    });
    expect(parseLink('#mode=fixed', known)).toEqual({ ok: false, errors: ['the link names no scenario, lab or script'] });
    expect(parseLink('#scenario=issue-2618&lab=bootstrap', known)).toEqual({ ok: false, errors: ['give one of scenario, lab or script, not scenario and lab'] });
    expect(parseLink('#scenario=issue-2618&scenario=issue-2841', known)).toMatchObject({ ok: false, errors: ["'scenario' is given more than once"] });
    expect(parseLink('#script=%20', known)).toEqual({ ok: false, errors: ['the script is empty'] });
  });
});
