import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { compareRuns, describeDivergence } from '../../src/lab/divergence.ts';
import { scriptInputs } from '../../src/lab/script.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const FILE = 'labs/scenarios/issue-2618.kvlab';
const inputs = () => scriptInputs(readFileSync(join(ROOT, FILE), 'utf8'), FILE);

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: async (p) => readFileSync(join(ROOT, p), 'utf8'),
    readStdin: async () => '',
  });
  return { code, stdout, stderr };
}

describe('compareRuns', () => {
  it('#2618 in buggy and fixed first diverges at the version-2 SETNODES on kv3: kv3 keeps replicating in buggy only', () => {
    const runs = compareRuns(inputs(), { nodes: 3, seed: 1, settings: ['buggy', 'fixed'] });
    const d = runs.divergence!;
    expect(d.input.line).toBe(29);
    expect(d.input.text.startsWith('@kv3 CLUSTERX SETNODES')).toBe(true);
    expect(d.input.text.endsWith('" 2')).toBe(true);
    expect(d.outputs).toBeNull();
    expect(d.fields).toEqual([
      { node: 'kv3', field: 'running', values: ['slave', 'master'] },
      { node: 'kv3', field: 'master link', values: ['127.0.0.1:30001 up (kReplConnected)', '-'] },
    ]);
    // Both runs went on to the end, input by input.
    expect(runs.results[0]).toHaveLength(inputs().length);
    expect(runs.results[1]).toHaveLength(inputs().length);
  });

  it('a reply that differs names the INFO fields', () => {
    const script = scriptInputs(readFileSync(join(ROOT, FILE), 'utf8').replace(/\n@kv3 CLUSTERX VERSION[\s\S]*$/, '\n.wait 5s\n@kv1 INFO replication\n'), FILE);
    const runs = compareRuns(script, { nodes: 3, seed: 1, settings: ['fixed', 'buggy'] });
    expect(runs.divergence!.input.line).toBe(29);
    const last = runs.results.map((r) => r[r.length - 1]!.output);
    expect(last[0]).not.toBe(last[1]);
  });

  it('the same setting twice never diverges, whatever the inputs', () => {
    const commands = ['PING', '@kv2 SET a 1', '.wait 1s', '@kv3 CLUSTER INFO', 'INFO replication', '.crash kv2', '.restart kv2', 'ROLE', 'CLUSTERX VERSION'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...commands), { maxLength: 8 }), fc.constantFrom('buggy', 'fixed', 'guarded'), (picked, mode) => {
        const script = scriptInputs(picked.join('\n'), 'p.kvlab');
        expect(compareRuns(script, { nodes: 3, seed: 7, settings: [mode, mode] }).divergence).toBeNull();
      }),
      { numRuns: 25 },
    );
  });
});

describe('kvlab compare and kvlab repro', () => {
  it('compare prints the first divergence and exits 1; the same setting twice exits 0', async () => {
    const out = await cli(['compare', '--modes', 'buggy,fixed', FILE]);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe(describeDivergence(compareRuns(inputs(), { nodes: 3, seed: 1, settings: ['buggy', 'fixed'] }), FILE));
    expect(out.stdout.split('\n').slice(0, 1)).toEqual([`first divergence: ${FILE}:29 (input 21, t=2.000s)`]);
    expect(out.stdout).toContain('kv3 running      slave | master');
    const same = await cli(['compare', '--modes', 'fixed,fixed', FILE]);
    expect(same).toEqual({ code: 0, stdout: `fixed and fixed agree on every input of ${FILE}: the same replies and the same state after each.\n`, stderr: '' });
  });

  it('bad arguments get a clear error and exit 2', async () => {
    expect(await cli(['compare', '--modes', 'buggy', FILE])).toMatchObject({ code: 2, stderr: 'kvlab compare: --modes needs two settings separated by a comma, e.g. buggy,fixed (presets: buggy, fixed, guarded)\n' });
    expect(await cli(['compare'])).toMatchObject({ code: 2, stderr: 'kvlab compare: compare needs a script file, or - for standard input\n' });
    expect(await cli(['repro', '--mode', 'weird', FILE])).toMatchObject({ code: 2 });
    expect((await cli(['repro', 'no/such/file.kvlab'])).code).toBe(2);
  });

  it('repro prints a shell script for the same inputs', async () => {
    const out = await cli(['repro', '--mode', 'fixed', FILE]);
    expect(out.code).toBe(0);
    expect(out.stdout.startsWith(`#!/bin/sh\n# Kvrocks Cluster Lab repro: ${FILE}, mode fixed, seed 1.\n`)).toBe(true);
    expect(out.stdout).toContain(`run "$KV3" 'CLUSTERX' 'VERSION'`);
  });
});
