/**
 * Behaviour settings (design §2). A setting is a preset, optionally with named behaviours
 * (behaviours/switches.ts) turned on or off: `fixed`, `buggy+remove-master-2643`. The presets are
 * the three modes, kept as they always were:
 * - buggy:   Kvrocks at 5fccd57c (K-2024), before PR #2643.
 * - fixed:   the same with PR #2643: a node missing from the topology drops its master.
 * - guarded: fixed + the #2850 PROPOSAL (not released Kvrocks behaviour).
 * Settings are read at the moment a decision is made, so switching acts on what happens next.
 */
import { findSwitch, SWITCHES } from './behaviours/switches.ts';

export const MODES = ['buggy', 'fixed', 'guarded'] as const;
export type Preset = (typeof MODES)[number];
/** A setting in its canonical text: a preset, then `+id`/`-id` changes sorted by switch order. */
export type BehaviourMode = string;

/** Which switches each preset turns on. */
export const PRESET_SWITCHES: Readonly<Record<Preset, readonly string[]>> = {
  buggy: [],
  fixed: ['remove-master-2643'],
  guarded: ['remove-master-2643', 'drop-orphans-2850'],
};

export const MODE_SUMMARY: Readonly<Record<Preset, string>> = {
  buggy: 'Kvrocks before PR #2643 (K-2024): a node removed from the topology keeps replicating',
  fixed: 'Kvrocks with PR #2643: a node removed from the topology stops replicating (RemoveMaster)',
  guarded: 'PR #2643 plus the #2850 proposal (not released): masters also drop replicas missing from their newer topology',
};

export interface Behaviour {
  readonly preset: Preset;
  /** Every switch that is on. */
  readonly on: ReadonlySet<string>;
  /** The canonical setting text. */
  readonly setting: string;
}

export const isPreset = (value: string): value is Preset => (MODES as readonly string[]).includes(value);

/** The canonical text for a preset with these switches on. */
export function settingOf(preset: Preset, on: ReadonlySet<string>): string {
  const base = new Set(PRESET_SWITCHES[preset]);
  const changes: string[] = [];
  for (const s of SWITCHES) {
    if (on.has(s.id) && !base.has(s.id)) changes.push(`+${s.id}`);
    if (!on.has(s.id) && base.has(s.id)) changes.push(`-${s.id}`);
  }
  return preset + changes.join('');
}

/** Parses `preset(+id|-id)*`; the error names what is wrong and what is allowed. */
export function parseSetting(text: string): { ok: true; behaviour: Behaviour } | { ok: false; error: string } {
  const match = /^([a-z]+)((?:[+-][a-z0-9-]+)*)$/.exec(text.trim());
  const presetText = match?.[1] ?? text.trim();
  if (!match || !isPreset(presetText)) {
    return { ok: false, error: `unknown mode '${text}': use ${MODES.join(', ')}, optionally with +switch or -switch (.mode lists the switches)` };
  }
  const on = new Set(PRESET_SWITCHES[presetText]);
  for (const [, sign, id] of match[2]!.matchAll(/([+-])([a-z0-9-]+)/g)) {
    if (!findSwitch(id!)) return { ok: false, error: `unknown switch '${id}' in '${text}': switches are ${SWITCHES.map((s) => s.id).join(', ')}` };
    if (sign === '+') on.add(id!);
    else on.delete(id!);
  }
  return { ok: true, behaviour: { preset: presetText, on, setting: settingOf(presetText, on) } };
}

/** A setting's behaviour; throws on a bad one (callers validate user input with isMode first). */
export function behaviourOf(setting: string): Behaviour {
  const parsed = parseSetting(setting);
  if (!parsed.ok) throw new RangeError(parsed.error);
  return parsed.behaviour;
}

/** Whether `value` is a setting in its canonical form (what labs, URLs and sessions store). */
export function isMode(value: string): boolean {
  const parsed = parseSetting(value);
  return parsed.ok && parsed.behaviour.setting === value;
}

/** The canonical form of a setting someone typed, or null. */
export function canonicalMode(value: string): string | null {
  const parsed = parseSetting(value);
  return parsed.ok ? parsed.behaviour.setting : null;
}

/** One line on a setting: its preset's summary, then what the changes turn on or off. */
export function settingSummary(setting: string): string {
  const b = behaviourOf(setting);
  const base = new Set(PRESET_SWITCHES[b.preset]);
  const changes = SWITCHES.filter((s) => b.on.has(s.id) !== base.has(s.id)).map((s) => (b.on.has(s.id) ? `with ${s.id}` : `without ${s.id}`));
  return changes.length === 0 ? MODE_SUMMARY[b.preset] : `${MODE_SUMMARY[b.preset]}; ${changes.join(', ')}`;
}
