// The catalogue page's view: every entry, its switches as they are in the setting in force, the
// setting running now, the notice after a run; and the scenario files the page loads.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../src/lab/catalogue.ts';
import { catalogueCards, ranNotice } from '../../../src/ui/catalogue/catalogue-view.ts';
import { loadScenario, scenarioName, scenarioNodes } from '../../../src/ui/catalogue/scenarios.ts';

const ROOT = join(import.meta.dirname, '../../..');
const card = (setting: string, id: string) => catalogueCards(setting).find((c) => c.entry.id === id)!;

describe('catalogueCards', () => {
  it('has every catalogue entry, in order', () => {
    expect(catalogueCards('buggy').map((c) => c.entry)).toEqual(CATALOGUE);
  });

  it('shows each switch on or off in the setting in force, a proposal badged as such', () => {
    expect(card('buggy', 'issue-2841').switches).toEqual([
      { id: 'remove-master-2643', on: false, statusText: 'merged 2024-11-03', proposal: false },
      { id: 'drop-orphans-2850', on: false, statusText: 'proposal: not released Kvrocks', proposal: true },
    ]);
    expect(card('guarded', 'issue-2841').switches.map((s) => s.on)).toEqual([true, true]);
    expect(card('fixed+drop-orphans-2850', 'issue-2841').switches.map((s) => s.on)).toEqual([true, true]);
  });

  it('marks the setting that is in force, and no other', () => {
    expect(card('fixed', 'issue-2618').settings.map((s) => [s.setting, s.current])).toEqual([
      ['buggy', false],
      ['fixed', true],
    ]);
    expect(card('fixed+drop-orphans-2850', 'issue-2618').settings.every((s) => !s.current)).toBe(true);
  });

  it('names the scenario by its file', () => {
    expect(card('buggy', 'issue-2618').scenario).toBe('issue-2618');
    expect(scenarioName('labs/scenarios/issue-2841.kvlab')).toBe('issue-2841');
  });
});

describe('ranNotice', () => {
  it('says the setting and what it predicts', () => {
    const entry = CATALOGUE.find((e) => e.id === 'issue-2618')!;
    const sees = entry.settings.find((s) => s.setting === 'fixed')!.sees;
    expect(ranNotice(entry, 'fixed')).toBe(`Ran issue-2618 in fixed. What to look for: ${sees.replace(/\.$/, '')}.`);
    expect(ranNotice(entry, 'guarded')).toBe('Ran issue-2618 in guarded.');
  });
});

describe('scenario files', () => {
  it('reads the cluster size a scenario asks for as the conformance harness does', () => {
    expect(scenarioNodes('# title\n.wait 1s\n')).toBe(3);
    expect(scenarioNodes('# title\n# conformance: nodes 4\nPING\n')).toBe(4);
    expect(scenarioNodes('# conformance: nodes 0\n')).toBe(3);
  });

  it('loads every catalogue scenario from the build, split as kvlab run splits it', async () => {
    for (const e of CATALOGUE) {
      const scenario = await loadScenario(e.scenario);
      expect(scenario.file).toBe(e.scenario);
      expect(scenario.inputs.length).toBeGreaterThan(0);
      expect(scenario.nodes).toBe(scenarioNodes(readFileSync(join(ROOT, e.scenario), 'utf8')));
    }
    const multi = await loadScenario('labs/scenarios/issue-2618.kvlab');
    expect(multi.inputs.some((i) => i.startsWith('@kv1 CLUSTERX SETNODES "') && i.includes('\n'))).toBe(true);
  });

  it('says what is wrong with a scenario it cannot load', async () => {
    await expect(loadScenario('labs/scenarios/nope.kvlab')).rejects.toThrow('labs/scenarios/nope.kvlab: not in this build');
    const sources = { '/labs/scenarios/bad.kvlab': async () => 'PING\nSET a "open\n' };
    await expect(loadScenario('labs/scenarios/bad.kvlab', sources)).rejects.toThrow('labs/scenarios/bad.kvlab:2: unterminated quoted string');
  });
});
