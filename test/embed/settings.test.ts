import { describe, expect, it } from 'vitest';
import { DEFAULT_HEIGHT, parseSettings, type AttributeName } from '../../src/embed/settings.ts';

const known = { scenarios: ['issue-2618', 'issue-2841'], labs: ['bootstrap', 'issue-2618'] };
const parse = (attrs: Partial<Record<AttributeName, string>>, child: string | null = null) => parseSettings((n) => attrs[n] ?? null, child, known);
const errors = (attrs: Partial<Record<AttributeName, string>>, child: string | null = null) => {
  const parsed = parse(attrs, child);
  return parsed.ok ? [] : parsed.errors.map((e) => `${e.attribute}: ${e.message}`);
};

describe('parseSettings: what an element may say', () => {
  it('defaults: nothing to play, the lab or the sandbox picks mode, seed and nodes', () => {
    expect(parse({})).toEqual({
      ok: true,
      settings: { source: { kind: 'none' }, mode: null, seed: null, nodes: null, autoplay: false, readonly: false, speed: 1, height: DEFAULT_HEIGHT, theme: 'auto', sandbox: 'beside' },
    });
  });

  it('reads a full set of attributes', () => {
    const parsed = parse({ scenario: 'issue-2618', mode: 'fixed', seed: '42', nodes: '5', autoplay: '', readonly: 'readonly', speed: '2.5', height: '480px', theme: 'dark', sandbox: 'https://lab.example/kvlab/' });
    expect(parsed).toEqual({
      ok: true,
      settings: { source: { kind: 'scenario', id: 'issue-2618' }, mode: 'fixed', seed: 42, nodes: 5, autoplay: true, readonly: true, speed: 2.5, height: 480, theme: 'dark', sandbox: 'https://lab.example/kvlab/' },
    });
  });

  it("sandbox: where 'Open in Cluster Lab' leads (beside the script by default, none for no link)", () => {
    expect(parse({})).toMatchObject({ ok: true, settings: { sandbox: 'beside' } });
    expect(parse({ sandbox: 'NONE' })).toMatchObject({ ok: true, settings: { sandbox: null } });
    expect(parse({ sandbox: '../lab/' })).toMatchObject({ ok: true, settings: { sandbox: '../lab/' } });
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', '', 'has space']) {
      expect(parse({ sandbox: bad })).toMatchObject({ ok: false, errors: [{ attribute: 'sandbox' }] });
    }
  });

  it('a lab by its id; a script from the attribute or a child <script type="text/kvrocks">', () => {
    expect(parse({ lab: 'bootstrap' })).toMatchObject({ ok: true, settings: { source: { kind: 'lab', id: 'bootstrap' } } });
    expect(parse({ script: 'PING' })).toMatchObject({ ok: true, settings: { source: { kind: 'script', text: 'PING', from: 'attribute' } } });
    expect(parse({}, 'PING')).toMatchObject({ ok: true, settings: { source: { kind: 'script', text: 'PING', from: 'child' } } });
  });

  it('names every unknown scenario and lab, with the ones there are', () => {
    expect(errors({ scenario: 'issue-9999' })).toEqual(['scenario: unknown scenario "issue-9999": scenarios are issue-2618, issue-2841']);
    expect(errors({ lab: 'nope' })).toEqual(['lab: unknown lab "nope": labs are bootstrap, issue-2618']);
  });

  it('takes one source only', () => {
    expect(errors({ scenario: 'issue-2618', lab: 'bootstrap' })).toEqual(['lab: give one of lab, scenario or script, not lab and scenario']);
    expect(errors({ scenario: 'issue-2618' }, 'PING')).toEqual(['scenario: give one of lab, scenario or script, not scenario and a <script type="text/kvrocks"> child']);
  });

  it('refuses a bad mode, seed, node count, speed, height, theme or yes/no value, each by name', () => {
    expect(errors({ mode: 'buggyy' })).toEqual(['mode: unknown mode "buggyy": use buggy, fixed, guarded, optionally with +switch or -switch']);
    expect(errors({ seed: '' })[0]).toMatch(/^seed: bad seed "": a number/);
    expect(errors({ seed: 'two words' })[0]).toMatch(/^seed: bad seed "two words"/);
    expect(errors({ seed: 'x'.repeat(65) })[0]).toMatch(/^seed: bad seed/);
    for (const nodes of ['0', '501', '-1', '3.5', 'three', '']) expect(errors({ nodes })).toEqual([`nodes: 'nodes' must be a whole number from 1 to 500, got ${JSON.stringify(nodes)}`]);
    expect(errors({ speed: '0' })[0]).toMatch(/^speed: 'speed' must be a number from 0.1 to 100/);
    expect(errors({ speed: 'fast' })[0]).toMatch(/^speed: /);
    expect(errors({ height: '100' })[0]).toMatch(/^height: 'height' must be a number of pixels from 240 to 2000/);
    expect(errors({ height: '50%' })[0]).toMatch(/^height: /);
    expect(errors({ theme: 'blue' })).toEqual(['theme: unknown theme "blue": use auto, light, dark']);
    expect(errors({ autoplay: 'sometimes' })).toEqual(['autoplay: \'autoplay\' is a yes/no setting: write it bare (autoplay) or autoplay="false", not "sometimes"']);
  });

  it('reports every mistake at once', () => {
    expect(errors({ scenario: 'x', mode: 'y', nodes: '0' }).map((e) => e.split(':')[0])).toEqual(['scenario', 'mode', 'nodes']);
  });

  it('accepts seeds as the CLI does: digits are a number, a word is a word', () => {
    expect(parse({ seed: '2618' })).toMatchObject({ settings: { seed: 2618 } });
    expect(parse({ seed: 'kvrocks-2618' })).toMatchObject({ settings: { seed: 'kvrocks-2618' } });
    expect(parse({ seed: '1234567890' })).toMatchObject({ settings: { seed: '1234567890' } });
  });

  it('flags: bare or "true" is on, "false" is off; height may be fill', () => {
    expect(parse({ autoplay: 'false', readonly: 'TRUE', scenario: 'issue-2618' })).toMatchObject({ settings: { autoplay: false, readonly: true } });
    expect(parse({ height: 'fill' })).toMatchObject({ settings: { height: 'fill' } });
  });

  it('a read-only element needs something to play', () => {
    expect(errors({ readonly: '' })).toEqual(['readonly: a read-only embed needs something to play: add scenario, lab or script']);
  });

  it('shows untrusted values as quoted, shortened text', () => {
    const [message] = errors({ scenario: '<img src=x onerror=alert(1)>\n'.repeat(3) });
    expect(message).toContain('"<img src=x onerror=alert(1)>\\n<img src=x …"');
  });
});
