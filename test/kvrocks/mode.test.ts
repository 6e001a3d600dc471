// Behaviour settings: presets over named switches, canonical text, and the errors for bad ones.
import { describe, expect, it } from 'vitest';
import { SWITCHES } from '../../src/kvrocks/behaviours/switches.ts';
import { behaviourOf, canonicalMode, isMode, parseSetting, settingSummary } from '../../src/kvrocks/mode.ts';
import { World } from '../../src/kvrocks/world.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from '../../src/lab/script.ts';

describe('behaviour settings', () => {
  it('the three modes are presets: buggy has no switch on, fixed #2643, guarded #2643 and #2850', () => {
    expect([...behaviourOf('buggy').on]).toEqual([]);
    expect([...behaviourOf('fixed').on]).toEqual(['remove-master-2643']);
    expect([...behaviourOf('guarded').on].sort()).toEqual(['drop-orphans-2850', 'remove-master-2643']);
    for (const m of ['buggy', 'fixed', 'guarded']) expect(isMode(m)).toBe(true);
  });

  it('a preset with changes has one canonical text: changes in switch order, no-ops dropped', () => {
    expect(canonicalMode('buggy+drop-orphans-2850+remove-master-2643')).toBe('buggy+remove-master-2643+drop-orphans-2850');
    expect(canonicalMode('fixed+remove-master-2643')).toBe('fixed');
    expect(canonicalMode('buggy+remove-master-2643')).toBe('buggy+remove-master-2643');
    expect(canonicalMode('guarded-drop-orphans-2850')).toBe('guarded-drop-orphans-2850');
    expect(isMode('buggy+drop-orphans-2850+remove-master-2643')).toBe(false);
    expect(behaviourOf('buggy+remove-master-2643').on.has('remove-master-2643')).toBe(true);
    expect(settingSummary('fixed-remove-master-2643')).toMatch(/; without remove-master-2643$/);
  });

  it('refuses what is not a setting, naming what is allowed', () => {
    expect(parseSetting('nightly')).toEqual({ ok: false, error: "unknown mode 'nightly': use buggy, fixed, guarded, optionally with +switch or -switch (.mode lists the switches)" });
    expect(parseSetting('fixed+nope')).toEqual({ ok: false, error: `unknown switch 'nope' in 'fixed+nope': switches are ${SWITCHES.map((s) => s.id).join(', ')}` });
    for (const bad of ['', 'fixed+', 'fixed++x', 'FIXED', 'fixed remove-master-2643']) expect(parseSetting(bad).ok).toBe(false);
  });

  it('a world decides by its switches, and switching acts on what happens next', () => {
    const w = new World({ nodes: 1, seed: 1, mode: 'buggy+remove-master-2643' });
    expect(w.mode).toBe('buggy+remove-master-2643');
    expect(w.has('remove-master-2643')).toBe(true);
    w.setMode('guarded');
    expect(w.has('drop-orphans-2850')).toBe(true);
    expect(w.sim.trace.entries.at(-1)).toMatchObject({ kind: 'event', text: 'behaviour mode buggy+remove-master-2643 -> guarded' });
  });

  it('the #2618 scenario in buggy with the #2643 switch on reads exactly as in fixed, and fixed without it as buggy', () => {
    const text = readFileSync(join(import.meta.dirname, '..', '..', 'labs', 'scenarios', 'issue-2618.kvlab'), 'utf8');
    const run = (mode: string) => runScript(text, { nodes: 3, seed: 1, mode }).transcript;
    expect(run('buggy+remove-master-2643')).toBe(run('fixed'));
    expect(run('fixed-remove-master-2643')).toBe(run('buggy'));
    expect(run('fixed')).not.toBe(run('buggy'));
  });
});
