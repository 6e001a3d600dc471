// Console scripts and the `kvlab` command line (design §3.2, §3.4): logical inputs, transcripts,
// file:line errors, exit codes, and the golden transcripts of labs/scenarios/issue-2618.kvlab (§7 S2).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { main, type CliIo } from '../../src/cli/main.ts';
import { runScript, ScriptError, scriptInputs } from '../../src/lab/script.ts';
import { id, shardLines } from '../support/cluster.ts';

const OPTIONS = { nodes: 3, seed: 1, mode: 'buggy' } as const;
const LAB = 'labs/scenarios/issue-2618.kvlab';

/** The error runScript throws, or a failure if it does not throw one. */
function scriptError(text: string, file = 'lab.kvlab'): ScriptError {
  try {
    runScript(text, OPTIONS, file);
  } catch (e) {
    if (e instanceof ScriptError) return e;
    throw e;
  }
  throw new Error('the script ran without error');
}

/** A fake io for main(): files from a map (or the real disk), output collected. */
function fakeIo(files: Record<string, string> = {}, stdin = ''): CliIo & { out: string; err: string } {
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
      if (path === LAB) return readFileSync(path, 'utf8');
      throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    },
    readStdin: async () => stdin,
  };
  return io;
}

describe('scriptInputs: physical lines to logical inputs', () => {
  it('a double-quoted string spanning lines is one input, starting at its first line', () => {
    const text = ['# setup', 'ECHO "a', 'b', 'c"', '', 'PING'].join('\n');
    expect(scriptInputs(text, 'f')).toEqual([
      { line: 1, text: '# setup' },
      { line: 2, text: 'ECHO "a\nb\nc"' },
      { line: 5, text: '' },
      { line: 6, text: 'PING' },
    ]);
  });

  it('CRLF line ends are read like LF; a trailing newline adds no input', () => {
    expect(scriptInputs('PING\r\nECHO "x\r\ny"\r\n', 'f')).toEqual([
      { line: 1, text: 'PING' },
      { line: 2, text: 'ECHO "x\ny"' },
    ]);
  });

  it('a quote in a comment opens nothing', () => {
    expect(scriptInputs('# "not a quote\nPING', 'f')).toEqual([
      { line: 1, text: '# "not a quote' },
      { line: 2, text: 'PING' },
    ]);
  });

  it('an unterminated quote is an error at the line where it opened', () => {
    expect(() => scriptInputs('PING\nECHO "open\nmore\nlines', 'lab.kvlab')).toThrow('lab.kvlab:2: unterminated quoted string');
  });

  it('an unterminated quote followed by 10,000 lines is an error at its own line', () => {
    const text = ['PING', '@kv1 CLUSTERX SETNODES "abc 127.0.0.1 30001 master - 0-16383', ...Array.from({ length: 10_000 }, (_, i) => `line ${i}`)].join('\n');
    expect(() => scriptInputs(text, 'big.kvlab')).toThrow('big.kvlab:2: unterminated quoted string');
    // Nothing ran: the error comes before the first input.
    expect(scriptError(text, 'big.kvlab').transcript).toBe('');
  });

  it('a 2,000-line payload is one input, and the lines after it are inputs of their own', () => {
    const payload = Array.from({ length: 2000 }, (_, i) => `id${i} 127.0.0.1 ${30001 + i} master -`).join('\n');
    const inputs = scriptInputs(`# boot\n@kv1 CLUSTERX SETNODES "${payload}" 1\nPING\n`, 'f');
    expect(inputs.map((input) => input.line)).toEqual([1, 2, 2002]);
    expect(inputs[1]!.text).toBe(`@kv1 CLUSTERX SETNODES "${payload}" 1`);
  });
});

describe('runScript', () => {
  it('the transcript shows each input after its prompt, then its reply; comments as written', () => {
    const text = ['# hello', 'PING', '@kv2 ECHO "two words"', '.use kv3', 'CLUSTERX VERSION', '.wait 1s'].join('\n');
    expect(runScript(text, OPTIONS).transcript).toBe(
      [
        '# hello',
        '127.0.0.1:30001> PING',
        'PONG',
        '127.0.0.1:30001> @kv2 ECHO "two words"',
        '"two words"',
        '127.0.0.1:30001> .use kv3',
        '127.0.0.1:30003> CLUSTERX VERSION',
        '"-1"',
        '127.0.0.1:30003> .wait 1s',
        '# waited 1s, now t=1.000s',
        '',
      ].join('\n'),
    );
  });

  it('a multi-line SETNODES payload is echoed as typed and applied', () => {
    const payload = shardLines('kv1', ['kv2']);
    const text = [`CLUSTERX SETNODEID ${id('kv1')}`, `CLUSTERX SETNODES "${payload}" 1`, 'CLUSTER INFO'].join('\n');
    const { transcript, session } = runScript(text, OPTIONS);
    expect(transcript).toContain(`127.0.0.1:30001> CLUSTERX SETNODES "${payload}" 1\nOK\n`);
    expect(session.world.find('kv1')!.cluster.version).toBe(1);
  });

  it('Kvrocks error replies are part of the transcript, not script errors', () => {
    expect(runScript('CLUSTERX SETNODES x -1\nfoo', OPTIONS).transcript).toBe(
      [
        '127.0.0.1:30001> CLUSTERX SETNODES x -1',
        '(error) ERR Invalid cluster version',
        '127.0.0.1:30001> foo',
        '(error) ERR unknown command `foo`, with args beginning with: ',
        '',
      ].join('\n'),
    );
  });

  it.each([
    ['PING\n# fine\n.bogus\nPING', 3, "unknown dot-command '.bogus': type .help for the list"],
    ['PING\n@kv7 PING', 2, "unknown node 'kv7': use a name such as kv2 or an address such as 127.0.0.1:30002"],
    ['.wait 5\n', 1, "invalid duration '5': use a number and a unit, e.g. 500ms, 5s, 2m, 1h"],
    ['PING\nSET "a"b c', 2, 'Invalid argument(s)'],
    ['PING\n\nECHO "x\ny"\n.use\nPING', 5, 'usage: .use <node>'],
    ['PING\nECHO "never closed\nPING\nPING', 2, 'unterminated quoted string'],
  ])('a console mistake stops the script with file:line (%#)', (text, line, reason) => {
    const e = scriptError(text);
    expect(e.message).toBe(`lab.kvlab:${line}: ${reason}`);
    expect(e).toMatchObject({ file: 'lab.kvlab', line, reason });
  });

  it('the error carries what the script printed before it', () => {
    expect(scriptError('PING\n.nope').transcript).toBe('127.0.0.1:30001> PING\nPONG\n');
  });
});

describe('the golden transcripts of issue-2618.kvlab (§7 S2)', () => {
  it.each(['buggy', 'fixed'] as const)('kvlab run --mode %s matches test/lab/golden byte for byte', async (mode) => {
    const io = fakeIo();
    expect(await main(['run', '--mode', mode, LAB], io)).toBe(0);
    expect(io.err).toBe('');
    expect(io.out).toBe(readFileSync(`test/lab/golden/issue-2618.${mode}.txt`, 'utf8'));
  });

  it('buggy and fixed differ only in what kv3 runs and what kv1 lists after the removal', () => {
    const buggy = readFileSync('test/lab/golden/issue-2618.buggy.txt', 'utf8');
    const fixed = readFileSync('test/lab/golden/issue-2618.fixed.txt', 'utf8');
    const tail = (text: string) => text.slice(text.indexOf('@kv3 INFO replication'));
    expect(buggy.slice(0, buggy.indexOf('@kv3 INFO replication'))).toBe(fixed.slice(0, fixed.indexOf('@kv3 INFO replication')));
    expect(tail(buggy)).toContain('role:slave\nmaster_host:127.0.0.1\nmaster_port:30001\nmaster_link_status:up\n');
    expect(tail(fixed)).toContain('@kv3 INFO replication\n# Replication\nrole:master\nconnected_slaves:0\nmaster_repl_offset:1\n');
    expect(tail(buggy)).toContain('@kv1 INFO replication\n# Replication\nrole:master\nconnected_slaves:2\n');
    expect(tail(fixed)).toContain(
      '@kv1 INFO replication\n# Replication\nrole:master\nconnected_slaves:1\nslave0:ip=127.0.0.1,port=30002,offset=1,lag=0\nmaster_repl_offset:1\n',
    );
  });
});

describe('kvlab CLI: main()', () => {
  it('--help documents run, --nodes, --mode and --seed, on stdout, exit 0', async () => {
    const io = fakeIo();
    expect(await main(['--help'], io)).toBe(0);
    for (const word of ['kvlab run', '--nodes', '--mode', '--seed', 'buggy', 'fixed', 'guarded']) expect(io.out).toContain(word);
    expect(io.err).toBe('');
  });

  it('run prints the transcript and exits 0', async () => {
    const io = fakeIo({ 's.kvlab': 'PING\n@kv3 CONFIG GET port\n' });
    expect(await main(['run', 's.kvlab'], io)).toBe(0);
    expect(io.out).toBe('127.0.0.1:30001> PING\nPONG\n127.0.0.1:30001> @kv3 CONFIG GET port\n1) "port"\n2) "30003"\n');
    expect(io.err).toBe('');
  });

  it('--nodes, --mode and --seed reach the world', async () => {
    const io = fakeIo({ 's.kvlab': '.mode\n@kv5 CONFIG GET port\n' });
    expect(await main(['run', '--nodes', '5', '--mode', 'guarded', '--seed', 'abc', 's.kvlab'], io)).toBe(0);
    expect(io.out).toContain('# mode guarded:');
    expect(io.out).toContain('2) "30005"');
  });

  it('- reads the script from standard input; errors then name <stdin>', async () => {
    const ok = fakeIo({}, 'ECHO hi\n');
    expect(await main(['run', '-'], ok)).toBe(0);
    expect(ok.out).toBe('127.0.0.1:30001> ECHO hi\n"hi"\n');
    const bad = fakeIo({}, 'PING\n.oops\n');
    expect(await main(['run', '-'], bad)).toBe(2);
    expect(bad.err).toBe("<stdin>:2: unknown dot-command '.oops': type .help for the list\n");
  });

  it('a script error: the transcript so far on stdout, file:line: reason on stderr, exit 2', async () => {
    const io = fakeIo({ 'bad.kvlab': 'PING\n# two\n@kv9 PING\nPING\n' });
    expect(await main(['run', 'bad.kvlab'], io)).toBe(2);
    expect(io.out).toBe('127.0.0.1:30001> PING\nPONG\n# two\n');
    expect(io.err).toBe("bad.kvlab:3: unknown node 'kv9': use a name such as kv2 or an address such as 127.0.0.1:30002\n");
  });

  it.each([
    [['run', '--mode', 'nightly', 's.kvlab'], "kvlab run: --mode needs one of buggy, fixed, guarded, optionally with +switch or -switch (kvlab run's .mode lists them)\n"],
    [['run', '--nodes', '0', 's.kvlab'], 'kvlab run: --nodes needs a whole number from 1 to 2000\n'],
    [['run', '--nodes', 'three', 's.kvlab'], 'kvlab run: --nodes needs a whole number from 1 to 2000\n'],
    [['run', '--seed'], 'kvlab run: --seed needs a value\n'],
    [['run', '--fast', 's.kvlab'], 'kvlab run: unknown option --fast\n'],
    [['run'], 'kvlab run: run needs a script file, or - for standard input\n'],
    [['run', 'a.kvlab', 'b.kvlab'], "kvlab run: only one script, got 'a.kvlab' and 'b.kvlab'\n"],
  ])('bad options %j: exit 2 with a clear message', async (argv, message) => {
    const io = fakeIo({ 's.kvlab': 'PING\n' });
    expect(await main(argv, io)).toBe(2);
    expect(io.err).toBe(message);
    expect(io.out).toBe('');
  });

  it('an unknown command word or an unreadable file exits 2', async () => {
    const unknown = fakeIo();
    expect(await main(['serve-me'], unknown)).toBe(2);
    expect(unknown.err).toContain("kvlab: unknown command 'serve-me'");
    const missing = fakeIo();
    expect(await main(['run', 'missing.kvlab'], missing)).toBe(2);
    expect(missing.err).toBe("kvlab run: cannot read missing.kvlab: ENOENT: no such file or directory, open 'missing.kvlab'\n");
  });
});
