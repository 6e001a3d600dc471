import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scriptInputs } from '../../src/lab/script.ts';
import { Session } from '../../src/lab/session.ts';
import { causeAt, causedBy, diagram, GROUPS, type Arrow } from '../../src/ui/spacetime/spacetime.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const all = new Set(GROUPS.map((g) => g.id));

function run(mode: string, extra = '') {
  const s = new Session({ nodes: 3, seed: 1, mode });
  const text = readFileSync(join(ROOT, 'labs/scenarios/issue-2618.kvlab'), 'utf8') + extra;
  for (const i of scriptInputs(text, 'issue-2618.kvlab')) s.run(i.text);
  return s;
}

describe('space-time diagram', () => {
  it("#2618: the ghost link's feed messages go on after the v2 push in buggy mode only", () => {
    for (const mode of ['buggy', 'fixed']) {
      const s = run(mode, '\n.wait 10s\n');
      const pushV2 = s.log.findIndex((r) => r.input.startsWith('@kv3 CLUSTERX SETNODES') && r.input.endsWith('" 2'));
      // Past the ~1 s the fixed side's thread takes to stop (S11): only a ghost link still pings.
      const after = s.log[pushV2]!.at + 1500;
      const d = diagram(s.world.sim.trace, s.log, s.traceStarts, ['kv1', 'kv2', 'kv3'], after, s.now(), all);
      const kv3Feed = d.items.filter((i): i is Arrow => i.kind === 'arrow' && ((i.from === 'kv1' && i.to === 'kv3') || (i.from === 'kv3' && i.to === 'kv1')));
      if (mode === 'buggy') expect(kv3Feed.length).toBeGreaterThan(0);
      else expect(kv3Feed).toEqual([]);
    }
  });

  it('marks the SETNODES pushes with their version, role changes, and names the input each followed', () => {
    const s = run('fixed');
    const d = diagram(s.world.sim.trace, s.log, s.traceStarts, ['kv1', 'kv2', 'kv3'], 0, s.now(), all);
    const pushes = d.items.filter((i) => i.kind === 'mark' && i.group === 'pushes');
    expect(pushes.map((p) => (p.kind === 'mark' ? `${p.node} ${p.text}` : ''))).toEqual(['kv1 SETNODES v1', 'kv2 SETNODES v1', 'kv3 SETNODES v1', 'kv1 SETNODES v2', 'kv2 SETNODES v2', 'kv3 SETNODES v2']);
    const kv3v2 = s.log.findIndex((r) => r.input.startsWith('@kv3 CLUSTERX SETNODES') && r.input.endsWith('" 2'));
    const caused = causedBy(d, kv3v2);
    expect(caused.some((i) => i.kind === 'mark' && i.group === 'roles' && i.node === 'kv3' && i.text.includes('RemoveMaster'))).toBe(true);
    expect(caused.some((i) => i.kind === 'mark' && i.group === 'pushes' && i.node === 'kv3')).toBe(true);
  });

  it('hidden groups are left out; idle lanes fold; faults and mode switches come from the inputs', () => {
    const s = new Session({ nodes: 50, seed: 1, mode: 'buggy' });
    s.run('.crash kv7');
    s.run('.mode fixed');
    const nodes = s.world.nodes.map((n) => n.name);
    const d = diagram(s.world.sim.trace, s.log, s.traceStarts, nodes, 0, s.now() + 1, all);
    expect(d.lanes).toEqual(['kv7']);
    expect(d.idle).toHaveLength(49);
    expect(d.items.filter((i) => i.kind === 'mark' && i.group === 'modes').map((i) => (i.kind === 'mark' ? i.text : ''))).toEqual(['.mode fixed']);
    const noFaults = diagram(s.world.sim.trace, s.log, s.traceStarts, nodes, 0, s.now() + 1, new Set(['messages']));
    expect(noFaults.items).toEqual([]);
  });

  it('causeAt: the input that began last at or before a trace position', () => {
    const starts = [0, 0, 5, 9];
    expect([causeAt(starts, -1), causeAt(starts, 0), causeAt(starts, 4), causeAt(starts, 5), causeAt(starts, 1e9)]).toEqual([null, 1, 1, 2, 3]);
  });
});
