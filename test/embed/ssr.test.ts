// Docs sites render pages on the server (Docusaurus, VitePress, Astro): importing the element
// there, with no DOM, must not throw or touch `window`; it defines nothing until a browser runs it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ensureBuild } from '../e2e/support.ts';

describe('<kvrocks-lab> without a DOM', () => {
  it('the source module imports and defineKvrocksLab() does nothing', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const { defineKvrocksLab, TAG } = await import('../../src/embed/element.ts');
    expect(() => defineKvrocksLab()).not.toThrow();
    expect(TAG).toBe('kvrocks-lab');
  });

  it('the built script (dist/kvrocks-lab.js) runs in Node, as a server render would load it, and leaves no global', async () => {
    const dist = await ensureBuild();
    const code = readFileSync(join(dist, 'kvrocks-lab.js'), 'utf8');
    const before = Object.getOwnPropertyNames(globalThis).sort();
    expect(() => runInThisContext(code, { filename: 'kvrocks-lab.js' })).not.toThrow();
    expect(Object.getOwnPropertyNames(globalThis).sort()).toEqual(before);
  }, 180_000);
});
