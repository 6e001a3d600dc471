// The built `kvlab` command (issue 12 point 5): it runs from dist/cli/kvlab.mjs through
// src/cli/bin.mjs, every command answers --help, and `run` streams its transcript.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main, USAGE } from '../../src/cli/main.ts';
import { ensureBuiltCli, kvlab, ROOT } from '../support/built-cli.ts';

beforeAll(ensureBuiltCli, 120_000);

const COMMANDS = ['run', 'lab', 'compare', 'repro', 'serve', 'catalogue'];

describe('the built kvlab', () => {
  it('bin.mjs runs the bundled JavaScript: no TypeScript is loaded at start-up', () => {
    const bin = readFileSync(join(ROOT, 'src/cli/bin.mjs'), 'utf8');
    expect(bin).toContain('dist/cli/kvlab.mjs');
    expect(bin).not.toMatch(/tsx|\.ts['"]/);
    const built = readFileSync(join(ROOT, 'dist/cli/kvlab.mjs'), 'utf8');
    // Only Node's own modules are imported: xstate and the engine are bundled in.
    const imports = [...built.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.every((name) => name!.startsWith('node:'))).toBe(true);
  });

  it('runs a script from standard input and prints its transcript', () => {
    const ran = kvlab(['run', '--mode', 'fixed', '-'], 'PING\n@kv2 ECHO "two words"\n');
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe('127.0.0.1:30001> PING\nPONG\n127.0.0.1:30001> @kv2 ECHO "two words"\n"two words"\n');
    expect(ran.status).toBe(0);
  });

  it('kvlab --help documents every command and exits 0', () => {
    const ran = kvlab(['--help']);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toBe(USAGE);
    for (const command of COMMANDS) expect(ran.stdout).toContain(`kvlab ${command}`);
  });

  it.each(COMMANDS)('kvlab %s --help prints that command\'s usage and exits 0', (command) => {
    const ran = kvlab([command, '--help']);
    expect(ran.stderr).toBe('');
    expect(ran.status).toBe(0);
    expect(ran.stdout.startsWith(`Usage:\n  kvlab ${command}`)).toBe(true);
    // Only this command: no other command's usage line.
    for (const other of COMMANDS.filter((c) => c !== command)) expect(ran.stdout).not.toContain(`\n  kvlab ${other} `);
  });

  it('-h and `kvlab help <command>` say the same; an unknown command in help is an error', () => {
    expect(kvlab(['run', '-h']).stdout).toBe(kvlab(['help', 'run']).stdout);
    const ran = kvlab(['help', 'nope']);
    expect(ran.status).toBe(2);
    expect(ran.stderr).toContain("kvlab: unknown command 'nope'");
  });

  it('a script error prints what ran, then file:line on stderr, and exits 2', () => {
    const ran = kvlab(['run', '-'], 'PING\n.bogus\nPING\n');
    expect(ran.stdout).toBe('127.0.0.1:30001> PING\nPONG\n');
    expect(ran.stderr).toMatch(/^<stdin>:2: /);
    expect(ran.status).toBe(2);
  });
});

describe('kvlab run streams its transcript', () => {
  it('each input is written as soon as it has run, one write per input, in order', async () => {
    const writes: string[] = [];
    const io = {
      stdout: (text: string) => void writes.push(text),
      stderr: () => {},
      readFile: async () => '',
      readStdin: async () => 'PING\n.wait 1s\n@kv2 ECHO hi\n',
    };
    expect(await main(['run', '-'], io)).toBe(0);
    expect(writes).toEqual(['127.0.0.1:30001> PING\nPONG\n', '127.0.0.1:30001> .wait 1s\n# waited 1s, now t=1.000s\n', '127.0.0.1:30001> @kv2 ECHO hi\n"hi"\n']);
  });

  it('what ran before a mistake is already written when the error is reported', async () => {
    const events: string[] = [];
    const io = {
      stdout: (text: string) => void events.push(`out:${text}`),
      stderr: (text: string) => void events.push(`err:${text}`),
      readFile: async () => '',
      readStdin: async () => 'PING\n.nope\n',
    };
    expect(await main(['run', '-'], io)).toBe(2);
    expect(events[0]).toBe('out:127.0.0.1:30001> PING\nPONG\n');
    expect(events[1]).toMatch(/^err:<stdin>:2: /);
    expect(events).toHaveLength(2);
  });
});
