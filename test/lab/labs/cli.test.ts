// `kvlab lab` (labs/README.md "Running a lab in Node", src/lab/labs/cli.ts): the report, per-mode
// runs, exit codes 0 / 1 / 2, file:line errors on stderr.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, USAGE, type CliIo } from '../../../src/cli/main.ts';
import { labText } from './helpers.ts';

function fakeIo(files: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => {
      io.out += text;
    },
    stderr: (text: string) => {
      io.err += text;
    },
    readFile: async (path: string) => {
      const text = files[path];
      if (text !== undefined) return text;
      if (path.startsWith('labs/')) return readFileSync(path, 'utf8');
      throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    },
    readStdin: async () => '',
  };
  return io;
}

const FRONT = ['id: mini', 'title: Mini lab', 'summary: S', 'modes: [buggy, fixed]', 'bootstrap: s1'];

const MINI = labText(
  `
## Look {#look}

\`\`\`kvlab
@kv1 SET k v
\`\`\`

\`\`\`check
kv2 ROLE[5] = 1 within 1s
[fails in fixed] kv1 INFO replication: connected_slaves = 2
\`\`\`
`,
  FRONT,
);

const WRONG = MINI.replace('connected_slaves = 2', 'connected_slaves = 3');

describe('kvlab lab', () => {
  it('runs every declared mode and prints each check; expected outcomes exit 0', async () => {
    const io = fakeIo({ 'mini.md': MINI.replace('[fails in fixed] ', '[buggy] ') });
    expect(await main(['lab', 'mini.md'], io)).toBe(0);
    expect(io.out).toBe(
      [
        'mini.md: Mini lab (mode buggy)',
        'step 1/1 look: Look',
        '  pass  kv2 ROLE[5] = 1 within 1s  (after 100ms)',
        '  pass  [buggy] kv1 INFO replication: connected_slaves = 2',
        'mini buggy: 2 checks as expected, 0 unexpected',
        'mini.md: Mini lab (mode fixed)',
        'step 1/1 look: Look',
        '  pass  kv2 ROLE[5] = 1 within 1s  (after 100ms)',
        'mini fixed: 1 check as expected, 0 unexpected, 1 not for fixed mode',
        '',
      ].join('\n'),
    );
    expect(io.err).toBe('');
  });

  it('an unexpected outcome prints FAIL or PASS with file:line and the difference, and exits 1', async () => {
    const io = fakeIo({ 'mini.md': WRONG });
    expect(await main(['lab', '--mode', 'buggy', 'mini.md'], io)).toBe(1);
    expect(io.out).toContain(
      ['  FAIL  mini.md:17: [fails in fixed] kv1 INFO replication: connected_slaves = 3', '        kv1 INFO replication: expected connected_slaves:3, got connected_slaves:2'].join('\n'),
    );
    expect(io.out).toContain('mini buggy: 1 check as expected, 1 unexpected\n');
    const fixed = fakeIo({ 'mini.md': MINI });
    expect(await main(['lab', '--mode', 'fixed', 'mini.md'], fixed)).toBe(1);
    expect(fixed.out).toContain(
      ['  PASS  mini.md:17: [fails in fixed] kv1 INFO replication: connected_slaves = 2', '        the lab expects this check to fail in fixed mode, but: kv1 INFO replication: connected_slaves:2'].join('\n'),
    );
  });

  it('an expected failure is reported as such, with its difference', async () => {
    const io = fakeIo({ 'mini.md': WRONG.replace('[fails in fixed] ', '[fails in buggy] ') });
    expect(await main(['lab', '--mode', 'buggy', 'mini.md'], io)).toBe(0);
    expect(io.out).toContain(
      ['  fail  [fails in buggy] kv1 INFO replication: connected_slaves = 3', '        as the lab expects in buggy mode: kv1 INFO replication: expected connected_slaves:3, got connected_slaves:2'].join('\n'),
    );
    expect(io.out).toContain('mini buggy: 2 checks as expected (1 expected to fail in buggy mode), 0 unexpected\n');
  });

  it('--transcript prints the bootstrap and each step\'s console transcript', async () => {
    const io = fakeIo({ 'mini.md': MINI });
    expect(await main(['lab', '--mode', 'buggy', '--transcript', 'mini.md'], io)).toBe(0);
    expect(io.out).toContain('bootstrap s1\n    127.0.0.1:30001> @kv1 CLUSTERX SETNODEID 7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3\n    OK\n');
    expect(io.out).toContain('step 1/1 look: Look\n    127.0.0.1:30001> @kv1 SET k v\n    OK\n  pass');
  });

  it('a bad lab file prints file:line: reason on stderr and exits 2; other files still run', async () => {
    const io = fakeIo({ 'bad.md': labText('## One\n```check\nkv9 PING = PONG\n```'), 'mini.md': MINI.replace('[fails in fixed] ', '') });
    expect(await main(['lab', 'bad.md', 'mini.md'], io)).toBe(2);
    expect(io.err).toBe("bad.md:8: bad check: unknown node 'kv9': this lab has kv1..kv3\n");
    expect(io.out).toContain('mini buggy: 2 checks as expected, 0 unexpected');
  });

  it('a lab command the console rejects at run time is a file:line error too', async () => {
    const io = fakeIo({ 'crash.md': labText('## One\n```kvlab\n.crash kv2\n.crash kv2\n```', ['id: c', 'title: C', 'summary: S']) });
    expect(await main(['lab', 'crash.md'], io)).toBe(2);
    expect(io.err).toBe('crash.md:9: console error: kv2 is not running (crashed) (mode buggy)\n');
  });

  it('usage errors exit 2', async () => {
    const cases: [string[], string][] = [
      [['lab'], 'kvlab lab: lab needs at least one lab file\n'],
      [['lab', '--mode', 'slow', 'x.md'], 'kvlab lab: --mode needs one of buggy, fixed, guarded, optionally with +switch or -switch\n'],
      [['lab', '--seed'], 'kvlab lab: --seed needs a value\n'],
      [['lab', '--verbose', 'x.md'], 'kvlab lab: unknown option --verbose\n'],
      [['lab', 'missing.md'], "kvlab lab: cannot read missing.md: ENOENT: no such file or directory, open 'missing.md'\n"],
      [['lab', '--mode', 'guarded', 'mini.md'], 'mini.md: this lab is written for modes buggy, fixed, not guarded\n'],
    ];
    for (const [argv, err] of cases) {
      const io = fakeIo({ 'mini.md': MINI });
      expect(await main(argv, io)).toBe(2);
      expect(io.err).toBe(err);
    }
  });

  it('--seed changes only latencies: the same checks pass', async () => {
    const io = fakeIo({ 'mini.md': MINI });
    expect(await main(['lab', '--seed', '99', '--mode', 'buggy', 'mini.md'], io)).toBe(0);
  });

  it('--help documents kvlab lab', () => {
    expect(USAGE).toContain('kvlab lab [--mode buggy|fixed|guarded] [--seed S] [--transcript] <lab.md>...');
  });

  it('runs the real labs', async () => {
    const io = fakeIo();
    expect(await main(['lab', 'labs/02-issue-2618.md'], io)).toBe(0);
    expect(io.out).toContain('        as the lab expects in buggy mode: kv3 INFO replication: expected role:master, got role:slave (after 5s)\n');
    expect(io.out).toContain('issue-2618 fixed: 17 checks as expected, 0 unexpected, 3 not for fixed mode\n');
  });
});
