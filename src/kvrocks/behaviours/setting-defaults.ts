/**
 * Kvrocks settings whose default a behaviour switch changes: the switch stands for running every
 * node with that line in its kvrocks.conf. A node reads the default at each look-up, so flipping the
 * switch acts on the next decision that reads the setting (CONFIG GET shows it too).
 */
const SWITCHED_DEFAULTS: readonly { readonly setting: string; readonly value: string; readonly switchId: string }[] = [
  // K-2024 src/config/config.cc: use-rsid-psync defaults to no ("maybe we enable it by default in
  // Kvrocks 3.0", PR #538); it is read-only, so only kvrocks.conf can turn it on.
  { setting: 'use-rsid-psync', value: 'yes', switchId: 'use-rsid-psync-538' },
];

export function switchedDefault(name: string, has: (switchId: string) => boolean): string | undefined {
  for (const d of SWITCHED_DEFAULTS) if (d.setting === name && has(d.switchId)) return d.value;
  return undefined;
}
