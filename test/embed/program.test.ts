import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { labIds, LABS, scenarioHeader, scenarioIds, SCENARIOS } from '../../src/embed/catalogue.ts';
import { dedent, type Program } from '../../src/embed/program.ts';
import { program } from '../support/embed-program.ts';

const ok = (loaded: ReturnType<typeof program>): Program => {
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return loaded.program;
};
const errors = (loaded: ReturnType<typeof program>) => (loaded.ok ? [] : loaded.errors.map((e) => `${e.attribute}: ${e.message}`));

describe('catalogue', () => {
  it('names the scenarios by file and the labs by their front-matter id', () => {
    const scenarioFiles = readdirSync('labs/scenarios').filter((f) => f.endsWith('.kvlab')).sort();
    // Every scenario file, in the bug catalogue's order: #2618 first.
    expect([...scenarioIds()].sort()).toEqual(scenarioFiles.map((f) => f.replace(/\.kvlab$/, '')));
    expect(scenarioIds().slice(0, 2)).toEqual(['issue-2618', 'issue-2841']);
    expect(SCENARIOS.find((s) => s.id === 'issue-2618')!.file).toBe('labs/scenarios/issue-2618.kvlab');
    expect(labIds().slice(0, 7)).toEqual(['bootstrap', 'issue-2618', 'fix-2643', 'orphan-2841', 'version-gate', 'failover', 'told-vs-running']);
    expect(labIds()).toContain('split-brain-3147');
    expect(LABS.map((l) => l.file)).toContain('labs/02-issue-2618.md');
  });

  it("a scenario's header (up to the first bare #) gives its first sentence and where playing starts", () => {
    expect(scenarioHeader('# One. Two\n# three\n#\n# shown\nPING\n')).toEqual({ summary: 'One.', bodyLine: 4 });
    expect(scenarioHeader('PING\n#\n')).toEqual({ summary: '', bodyLine: 1 });
  });
});

describe('loadProgram', () => {
  it('a scenario plays its file after the header, with the file\'s own line numbers', () => {
    const p = ok(program({ scenario: 'issue-2618', mode: 'fixed' }));
    expect(p.options).toEqual({ mode: 'fixed', seed: 1, nodes: 3 });
    expect(p.title).toBe('apache/kvrocks#2618');
    expect(p.summary).toMatch(/^A replica removed from the topology with CLUSTERX SETNODES keeps replicating, and the master keeps listing it in INFO replication\.$/);
    expect(p.cues[0]).toEqual({ kind: 'input', text: '# Three fresh nodes. kv1 is the master of every slot; kv2 and kv3 replicate it.', line: 6, step: null });
    expect(p.cues[1]).toMatchObject({ text: '@kv1 CLUSTERX SETNODEID 7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3', line: 7 });
    expect(p.cues.every((c) => c.kind === 'input')).toBe(true);
  });

  it('a scenario on too few nodes is refused with its line, under `nodes`', () => {
    expect(errors(program({ scenario: 'issue-2618', nodes: '2' }))[0]).toBe("nodes: labs/scenarios/issue-2618.kvlab line 9: unknown node 'kv3': the cluster has kv1..kv2");
  });

  it('a script is dedented and checked statically, every problem with its line', () => {
    const p = ok(program({}, '\n    PING\n    @kv2 CLUSTERX SETNODES "a 127.0.0.1 30001 master - 0-16383\n    b 127.0.0.1 30002 slave a" 1\n  '));
    expect(p.cues.map((c) => c.kind === 'input' && c.text)).toEqual(['PING', '@kv2 CLUSTERX SETNODES "a 127.0.0.1 30001 master - 0-16383\nb 127.0.0.1 30002 slave a" 1']);
    expect(errors(program({ script: 'PING\n.wat 5s\n@kv9 PING\n.wait soon' }))).toEqual([
      "script: line 2: unknown dot-command '.wat': type .help for the list",
      "script: line 3: unknown node 'kv9': the cluster has kv1..kv3",
      "script: line 4: invalid duration 'soon': use a number and a unit, e.g. 500ms, 5s, 2m, 1h",
    ]);
    expect(errors(program({ script: 'PING\nSET a "open' }))).toEqual(['script: line 2: unterminated quoted string']);
    expect(errors(program({}, 'PING\n.crash'))).toEqual(['<script type="text/kvrocks">: line 2: usage: .crash <node>']);
  });

  it('dedent keeps relative indentation and drops one leading blank line', () => {
    expect(dedent('\n    a\n      b\n    c\n  ')).toBe('a\n  b\nc');
  });

  it('a lab: its bootstrap, then each step\'s blocks and solution, then its checks', () => {
    const p = ok(program({ lab: 'issue-2618' }));
    expect(p.options).toEqual({ mode: 'buggy', seed: 1, nodes: 3 });
    expect(p.bootstrap).toHaveLength(7);
    expect(p.cues.filter((c) => c.kind === 'checks').map((c) => c.step)).toEqual([0, 1, 2, 3, 4]);
    const remove = p.cues.filter((c) => c.kind === 'input' && c.step === 1);
    expect(remove).toHaveLength(3);
  });

  it('a lab refuses a mode it is not written for, and a node count of its own', () => {
    expect(errors(program({ lab: 'fix-2643', mode: 'buggy' }))).toEqual(["mode: lab 'fix-2643' is written for mode fixed, not buggy"]);
    expect(errors(program({ lab: 'issue-2618', nodes: '5' }))).toEqual(["nodes: lab 'issue-2618' runs on 3 nodes; leave 'nodes' out (got 5)"]);
    expect(ok(program({ lab: 'issue-2618', seed: 'abc' })).options.seed).toBe('abc');
  });

  it('nothing to play: a fresh cluster of the chosen size', () => {
    expect(ok(program({ nodes: '7', mode: 'guarded' }))).toMatchObject({ cues: [], options: { nodes: 7, mode: 'guarded', seed: 1 } });
  });
});
