/**
 * The catalogue page's view of src/lab/catalogue.ts: each entry with the state of its switches in
 * the setting in force, which of its settings is the one running, and what to say after its
 * scenario ran. Pure (unit-tested); the entries are read, never copied, so new ones show up.
 */
import { findSwitch } from '../../kvrocks/behaviours/switches.ts';
import { behaviourOf } from '../../kvrocks/mode.ts';
import { CATALOGUE, type CatalogueEntry } from '../../lab/catalogue.ts';
import { statusText } from '../behaviours/switch-rows.ts';
import { scenarioName } from './scenarios.ts';

export interface CardSwitch {
  readonly id: string;
  /** On in the setting in force. */
  readonly on: boolean;
  /** `merged 2024-11-03`, `proposal: not released Kvrocks`; empty for an unknown id. */
  readonly statusText: string;
  readonly proposal: boolean;
}

export interface CatalogueCard {
  readonly entry: CatalogueEntry;
  readonly scenario: string;
  readonly switches: readonly CardSwitch[];
  /** The entry's settings; `current` marks the one in force. */
  readonly settings: readonly { readonly setting: string; readonly sees: string; readonly current: boolean }[];
}

export function catalogueCards(current: string, entries: readonly CatalogueEntry[] = CATALOGUE): CatalogueCard[] {
  const on = behaviourOf(current).on;
  return entries.map((entry) => ({
    entry,
    scenario: scenarioName(entry.scenario),
    switches: entry.switches.map((id) => {
      const s = findSwitch(id);
      return { id, on: on.has(id), statusText: s ? statusText(s) : '', proposal: s?.status === 'proposal' };
    }),
    settings: entry.settings.map((s) => ({ ...s, current: s.setting === current })),
  }));
}

/** What the page says once a catalogue scenario has played: the setting and what it predicts. */
export function ranNotice(entry: CatalogueEntry, setting: string): string {
  const sees = entry.settings.find((s) => s.setting === setting)?.sees;
  const ran = `Ran ${scenarioName(entry.scenario)} in ${setting}.`;
  return sees ? `${ran} What to look for: ${sees.replace(/\.$/, '')}.` : ran;
}
