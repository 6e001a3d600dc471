/**
 * The behaviour list as plain rows, computed from the setting in force (pure, unit-tested). The
 * list is read from SWITCHES, never written out here: switches added upstream of this file show up
 * by themselves. Toggling goes through the console language (`.switch`, `.mode`), so every change
 * is an input the session logs and replays.
 */
import { SWITCHES, type BehaviourSwitch, type SwitchStatus, type UpstreamRef } from '../../kvrocks/behaviours/switches.ts';
import { behaviourOf, PRESET_SWITCHES, type Preset } from '../../kvrocks/mode.ts';

export interface SwitchRow {
  readonly id: string;
  readonly layer: BehaviourSwitch['layer'];
  readonly status: SwitchStatus;
  /** `merged 2024-11-03`, `open upstream`, `proposal: not released Kvrocks`. */
  readonly statusText: string;
  readonly on: boolean;
  /** On in the preset the setting starts from. */
  readonly inPreset: boolean;
  /** The setting turns it on or off against its preset. */
  readonly changed: boolean;
  readonly whenOn: string;
  readonly whenOff: string;
  readonly upstream: readonly UpstreamRef[];
}

export function statusText(s: BehaviourSwitch): string {
  if (s.status === 'merged') return s.merged ? `merged ${s.merged}` : 'merged';
  if (s.status === 'open') return 'open upstream: not merged';
  return 'proposal: not released Kvrocks';
}

/** One row per switch, in switch order, for a setting such as `fixed+fail-flag-3386`. */
export function switchRows(setting: string, switches: readonly BehaviourSwitch[] = SWITCHES): SwitchRow[] {
  const behaviour = behaviourOf(setting);
  const preset = new Set(PRESET_SWITCHES[behaviour.preset]);
  return switches.map((s) => {
    const on = behaviour.on.has(s.id);
    return {
      id: s.id,
      layer: s.layer,
      status: s.status,
      statusText: statusText(s),
      on,
      inPreset: preset.has(s.id),
      changed: on !== preset.has(s.id),
      whenOn: s.on,
      whenOff: s.off,
      upstream: s.upstream,
    };
  });
}

/** The preset a setting starts from, and how many switches it changes. */
export function settingParts(setting: string): { preset: Preset; changes: number } {
  const behaviour = behaviourOf(setting);
  const preset = new Set(PRESET_SWITCHES[behaviour.preset]);
  const changes = SWITCHES.filter((s) => behaviour.on.has(s.id) !== preset.has(s.id)).length;
  return { preset: behaviour.preset, changes };
}

/** The console input that turns one switch on or off (what the console's `.switch` takes). */
export const switchInput = (id: string, on: boolean): string => `.switch ${id} ${on ? 'on' : 'off'}`;

/** The console input that goes back to a preset with every switch as it has them. */
export const presetInput = (preset: Preset): string => `.mode ${preset}`;
