/**
 * Light or dark: the system's choice until the person toggles, then theirs (persisted). The
 * attribute on <html> is also set before first paint by a line in index.html, so nothing flashes.
 */
import { PREF_KEYS, writePref } from '../prefs.ts';
import type { Storage } from '../state/sandbox.svelte.ts';

export type ThemeName = 'light' | 'dark';

export class Theme {
  /** The person's choice; null follows the system. */
  choice: ThemeName | null = $state(null);
  system: ThemeName = $state('light');

  constructor(private readonly storage: Storage | null) {
    const saved = storage?.getItem(PREF_KEYS.theme);
    if (saved === 'light' || saved === 'dark') this.choice = saved;
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    this.system = query.matches ? 'dark' : 'light';
    query.addEventListener('change', (e) => {
      this.system = e.matches ? 'dark' : 'light';
      this.apply();
    });
    this.apply();
  }

  get current(): ThemeName {
    return this.choice ?? this.system;
  }

  toggle(): void {
    this.choice = this.current === 'dark' ? 'light' : 'dark';
    writePref(this.storage, PREF_KEYS.theme, this.choice);
    this.apply();
  }

  private apply(): void {
    document.documentElement.dataset.theme = this.current;
  }
}
