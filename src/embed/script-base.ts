/**
 * The address the embed script was loaded from, read once while it runs (later,
 * `document.currentScript` is gone). Files that ship beside it (the graph module, the sandbox's
 * index.html) are found relative to it. Where there is no DOM (server-side rendering) it is null.
 */
function readScriptBase(): string | null {
  if (typeof document === 'undefined') return null;
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement && current.src) return current.src;
  // Loaded as a module (no currentScript): the last script tag that names the embed script.
  const tags = [...document.querySelectorAll<HTMLScriptElement>('script[src]')].reverse();
  return tags.find((s) => /kvrocks-lab[^/]*\.js(?:[?#]|$)/.test(s.src))?.src ?? location.href;
}

export const SCRIPT_BASE = readScriptBase();
