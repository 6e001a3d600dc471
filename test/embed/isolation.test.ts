// The embed's own code never reaches for page-wide state: no window properties, no storage, no
// <head>, no page-wide key listeners (the browser test checks the built element on a real page).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../src/embed');
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|svelte|js)$/.test(e.name) ? [join(dir, e.name)] : []));
/** Code without comments, so the rules can be explained in prose. */
const code = (file: string) => readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1').replace(/<!--[\s\S]*?-->/g, '');

describe('src/embed stays inside its elements', () => {
  // demo.ts and pages/ are our own pages' scripts: they own their page.
  const sources = files(ROOT).filter((f) => !f.includes('/pages/') && !f.endsWith('/demo.ts'));

  it('has source files to check', () => {
    expect(sources.length).toBeGreaterThan(15);
  });

  for (const [rule, pattern] of [
    ['no window properties', /\bwindow\.|globalThis|self\./],
    ['no storage', /localStorage|sessionStorage|indexedDB|document\.cookie/],
    ['nothing added to <head> or <body>', /document\.(head|body)\b/],
    ['no page-wide listeners', /<svelte:(window|document|body)|(window|document)\.addEventListener\((?!'DOMContentLoaded')/],
  ] as const) {
    it(rule, () => {
      const offending = sources.filter((f) => pattern.test(code(f))).map((f) => f.slice(ROOT.length + 1));
      expect(offending).toEqual([]);
    });
  }
});
