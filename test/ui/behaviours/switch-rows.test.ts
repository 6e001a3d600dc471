// The behaviour list's rows: read from SWITCHES, with each switch's state in the setting in force,
// and the console inputs a toggle runs.
import { describe, expect, it } from 'vitest';
import { SWITCHES, type BehaviourSwitch } from '../../../src/kvrocks/behaviours/switches.ts';
import { parseSetting } from '../../../src/kvrocks/mode.ts';
import { Session } from '../../../src/lab/session.ts';
import { presetInput, settingParts, statusText, switchInput, switchRows } from '../../../src/ui/behaviours/switch-rows.ts';

const row = (setting: string, id: string) => switchRows(setting).find((r) => r.id === id)!;

describe('switchRows', () => {
  it('has one row per switch, in switch order, however many there are', () => {
    expect(switchRows('buggy').map((r) => r.id)).toEqual(SWITCHES.map((s) => s.id));
  });

  it('gives each switch its state in the setting and whether that differs from the preset', () => {
    expect(row('buggy', 'remove-master-2643')).toMatchObject({ on: false, inPreset: false, changed: false });
    expect(row('fixed', 'remove-master-2643')).toMatchObject({ on: true, inPreset: true, changed: false });
    expect(row('fixed', 'drop-orphans-2850')).toMatchObject({ on: false, inPreset: false, changed: false });
    expect(row('fixed+drop-orphans-2850', 'drop-orphans-2850')).toMatchObject({ on: true, inPreset: false, changed: true });
    expect(row('guarded-remove-master-2643', 'remove-master-2643')).toMatchObject({ on: false, inPreset: true, changed: true });
  });

  it('carries what the switch does on and off, its layer and its upstream links', () => {
    const r = row('fixed', 'remove-master-2643');
    const s = SWITCHES.find((x) => x.id === 'remove-master-2643')!;
    expect(r).toMatchObject({ layer: 'node', status: 'merged', whenOn: s.on, whenOff: s.off, upstream: s.upstream });
    expect(r.statusText).toBe('merged 2024-11-03');
  });

  it('labels a proposal as not released Kvrocks, and an open change as not merged', () => {
    const base: BehaviourSwitch = { id: 'x-1', layer: 'controller', on: 'on', off: 'off', status: 'proposal', upstream: [] };
    expect(statusText(base)).toBe('proposal: not released Kvrocks');
    expect(statusText({ ...base, status: 'open' })).toBe('open upstream: not merged');
    expect(statusText({ ...base, status: 'merged', merged: '2025-01-02' })).toBe('merged 2025-01-02');
    expect(row('guarded', 'drop-orphans-2850').statusText).toBe('proposal: not released Kvrocks');
  });
});

describe('settingParts and the inputs a toggle runs', () => {
  it('names the preset and counts the changes', () => {
    expect(settingParts('fixed')).toEqual({ preset: 'fixed', changes: 0 });
    expect(settingParts('fixed+drop-orphans-2850')).toEqual({ preset: 'fixed', changes: 1 });
    expect(settingParts('buggy+remove-master-2643+drop-orphans-2850')).toEqual({ preset: 'buggy', changes: 2 });
  });

  it('toggles through the console language, so the session logs the change and gives every setting back', () => {
    const session = new Session({ seed: 1, mode: 'fixed', nodes: 3 });
    session.run(switchInput('drop-orphans-2850', true));
    expect(session.world.mode).toBe('fixed+drop-orphans-2850');
    session.run(switchInput('remove-master-2643', false));
    expect(session.world.mode).toBe('fixed-remove-master-2643+drop-orphans-2850');
    expect(parseSetting(session.world.mode).ok).toBe(true);
    session.run(presetInput('fixed'));
    expect(session.world.mode).toBe('fixed');
    expect(session.log.map((r) => r.input)).toEqual(['.switch drop-orphans-2850 on', '.switch remove-master-2643 off', '.mode fixed']);
  });
});
