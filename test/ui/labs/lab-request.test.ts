// Opening a guided lab from outside the Labs tab (the catalogue page): the request waits until the
// tab takes it, and names the lab by file and the mode to start it in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLab } from '../../../src/lab/labs/index.ts';
import type { LabEntry } from '../../../src/ui/labs/catalog.ts';
import { LabRequests, resolveLabRequest } from '../../../src/ui/labs/lab-request.svelte.ts';

const ROOT = join(import.meta.dirname, '../../..');
const LAB4 = parseLab(readFileSync(join(ROOT, 'labs/04-orphan-2841.md'), 'utf8'), 'labs/04-orphan-2841.md');
const ENTRIES: LabEntry[] = [
  { file: LAB4.file, ok: true, lab: LAB4 },
  { file: 'labs/09-broken.md', ok: false, error: 'labs/09-broken.md:3: unknown key' },
];

describe('LabRequests', () => {
  it('keeps one request until it is taken', () => {
    const requests = new LabRequests();
    expect(requests.take()).toBeNull();
    requests.open('labs/02-issue-2618.md');
    requests.open('labs/04-orphan-2841.md', 'guarded');
    expect(requests.pending).toEqual({ file: 'labs/04-orphan-2841.md', mode: 'guarded' });
    expect(requests.take()).toEqual({ file: 'labs/04-orphan-2841.md', mode: 'guarded' });
    expect(requests.pending).toBeNull();
  });
});

describe('resolveLabRequest', () => {
  it('opens the lab in the mode asked for when the lab is written for it, else in its own', () => {
    const other = LAB4.modes.find((m) => m !== LAB4.mode)!;
    expect(resolveLabRequest(ENTRIES, { file: LAB4.file, mode: other })).toEqual({ lab: LAB4, mode: other });
    expect(resolveLabRequest(ENTRIES, { file: LAB4.file, mode: 'buggy+drop-orphans-2850' })).toEqual({ lab: LAB4, mode: LAB4.mode });
    expect(resolveLabRequest(ENTRIES, { file: LAB4.file, mode: null })).toEqual({ lab: LAB4, mode: LAB4.mode });
  });

  it('says why a lab cannot open', () => {
    expect(resolveLabRequest(ENTRIES, { file: 'labs/09-broken.md', mode: null })).toEqual({ error: 'labs/09-broken.md:3: unknown key' });
    expect(resolveLabRequest(ENTRIES, { file: 'labs/99-none.md', mode: null })).toEqual({ error: 'labs/99-none.md is not one of the guided labs in this build' });
  });
});
