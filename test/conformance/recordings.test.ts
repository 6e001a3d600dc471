// The model against the real servers' recorded transcripts (test/conformance/recordings/): every
// comparable case in every mode it runs in must be identical, identical within its tolerance, or
// differ only where docs/model.md lists it. No binary needed; `npm run conformance` re-records.
import { describe, expect, it } from 'vitest';
import { loadCases } from './cases.ts';
import { compareCase } from './compare.ts';
import { describeDifferences } from './describe.ts';
import { readRecording, sha256 } from './recording.ts';

const cases = loadCases();

describe('the model matches the recorded real Kvrocks transcripts', () => {
  it('has a corpus of at least 60 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
  });

  for (const c of cases) {
    for (const mode of c.modes) {
      if (c.notComparable) continue;
      it(`${c.id} (${mode})`, () => {
        const recording = readRecording(c.id, mode);
        expect(recording, `no recording of ${c.id} in ${mode} mode: run npm run conformance`).not.toBeNull();
        const script = c.script(mode);
        expect(recording!.scriptSha256, `${c.source} changed since it was recorded: run npm run conformance -- ${c.id}`).toBe(sha256(script));
        const comparison = compareCase(script, { nodes: c.nodes, seed: 1, mode: c.modelSetting(mode) }, recording!.entries, c.toleranceMs, c.id);
        const differences = describeDifferences({ c, mode, recording: recording!, comparison, previous: null, wallMs: 0 });
        expect(differences ?? '', `recorded on ${recording!.recorded} from ${recording!.binary.version} (${recording!.binary.variant})`).toBe('');
      });
    }
  }
});
