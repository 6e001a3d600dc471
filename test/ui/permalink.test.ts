import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { permalinkFragment, readPermalink } from '../../src/ui/state/permalink.ts';
import type { SavedSession } from '../../src/ui/state/persistence.ts';

const session: SavedSession = {
  seed: 7,
  mode: 'fixed+drop-orphans-2850',
  nodes: 3,
  log: [
    { at: 0, input: '@kv1 CLUSTERX SETNODEID 7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3' },
    { at: 0, input: '.crash kv2' },
    { at: 1500, input: '.wait 2s' },
    { at: 3500, input: 'SET "ключ" "it\'s ✓"' },
  ],
  time: 12_000,
  horizon: 12_000,
};

describe('permalinks', () => {
  it('round-trip a session exactly, in URL-safe characters', () => {
    const fragment = permalinkFragment(session);
    expect(fragment).toMatch(/^session=[A-Za-z0-9_-]+$/);
    expect(readPermalink(`#${fragment}`)).toEqual({ ok: true, session });
  });

  it('a truncated or altered link says so and gives no session', () => {
    const fragment = permalinkFragment(session);
    expect(readPermalink(fragment.slice(0, fragment.length - 12))).toMatchObject({ ok: false, error: expect.stringMatching(/cut short or damaged|not valid/) });
    expect(readPermalink('session=not*base64')).toEqual({ ok: false, error: 'the link is damaged: its session is not base64url text' });
    expect(readPermalink('session=')).toMatchObject({ ok: false });
    expect(readPermalink('scenario=issue-2618')).toMatchObject({ ok: false, error: expect.stringContaining('holds no session') });
  });

  it('a well-formed link to a bad session names the field', () => {
    const bad = permalinkFragment({ ...session, nodes: 0 });
    expect(readPermalink(bad)).toEqual({ ok: false, error: 'the link\'s session is not valid: "nodes" must be a whole number from 1 to 2000' });
  });

  it('random damage never throws and never yields a different session', () => {
    const fragment = permalinkFragment(session);
    fc.assert(
      fc.property(fc.nat(fragment.length - 9), fc.constantFrom('A', '_', '-', 'z', '0'), (i, c) => {
        const at = 8 + i;
        const damaged = fragment.slice(0, at) + c + fragment.slice(at + 1);
        const read = readPermalink(damaged);
        if (read.ok) expect(read.session).toEqual(session);
      }),
      { numRuns: 300 },
    );
  });
});
