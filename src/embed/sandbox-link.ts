/**
 * "Open in Cluster Lab": the sandbox address for an embed's settings (same scenario, lab or
 * script, mode, seed and node count), in the link format of lab/link.ts. Pure.
 */
import { formatLink, type LinkSource } from '../lab/link.ts';
import type { EmbedSettings } from './settings.ts';

/** `base` is the embed script's address; null when the embed was told `sandbox="none"`. */
export function sandboxLinkFor(settings: EmbedSettings, base: string): string | null {
  if (settings.sandbox === null) return null;
  let page: URL;
  try {
    page = new URL(settings.sandbox === 'beside' ? './' : settings.sandbox, base);
  } catch {
    return null;
  }
  const s = settings.source;
  const source: LinkSource | null = s.kind === 'none' ? null : s.kind === 'script' ? { kind: 'script', text: s.text } : { kind: s.kind, id: s.id };
  page.hash = source === null ? '' : formatLink({ source, mode: settings.mode, seed: settings.seed, nodes: settings.nodes });
  return page.href;
}
