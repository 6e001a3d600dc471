import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reproScript, shellQuote } from '../../src/lab/repro.ts';
import { scriptInputs } from '../../src/lab/script.ts';
import { Session } from '../../src/lab/session.ts';

function scriptFor(text: string, nodes = 3): string {
  const session = new Session({ nodes, seed: 1, mode: 'buggy' });
  const results = scriptInputs(text, 'test.kvlab').map((i) => session.run(i.text));
  return reproScript(results, session.now(), { title: 'a test', nodes: session.world.nodes.map((n) => ({ name: n.name, host: n.host, port: n.port })) });
}

/** Runs a repro script with a stand-in redis-cli that prints the arguments it was given, one per line. */
function runWithFakeCli(script: string, args: string[]): { stdout: string; stderr: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'kvlab-repro-'));
  const cli = join(dir, 'fake-cli');
  writeFileSync(cli, '#!/bin/sh\nfor a in "$@"; do printf "[%s]\\n" "$a"; done\n');
  chmodSync(cli, 0o755);
  writeFileSync(join(dir, 'repro.sh'), script);
  const run = spawnSync('sh', [join(dir, 'repro.sh'), ...args], { encoding: 'utf8', env: { ...process.env, REDIS_CLI: cli } });
  return { stdout: run.stdout, stderr: run.stderr, status: run.status };
}

describe('shellQuote', () => {
  it('keeps every character literal, quotes included', () => {
    for (const text of ["it's", '$HOME `x` "y" \\z', 'two\nlines', '']) {
      const out = spawnSync('sh', ['-c', `printf %s ${shellQuote(text)}`], { encoding: 'utf8' }).stdout;
      expect(out).toBe(text);
    }
  });
});

describe('reproScript', () => {
  it('sends each command to its node at the address given, the model addresses in payloads mapped too', () => {
    const script = scriptFor('@kv2 CLUSTERX SETNODES "aaa 127.0.0.1 30001 master - 0-16383\nbbb 127.0.0.1 30002 slave aaa" 1\n@kv3 SLAVEOF 127.0.0.1 30001\nSET k "it\'s $x"');
    const { stdout, status } = runWithFakeCli(script, ['kv1=10.0.0.1:7001', 'kv2=10.0.0.2:7002', 'kv3=10.0.0.3:7003']);
    expect(status).toBe(0);
    expect(stdout).toBe(
      [
        '10.0.0.1:7001> @kv2 CLUSTERX SETNODES "aaa 127.0.0.1 30001 master - 0-16383',
        'bbb 127.0.0.1 30002 slave aaa" 1',
        '[--no-raw]', '[-h]', '[10.0.0.2]', '[-p]', '[7002]', '[CLUSTERX]', '[SETNODES]',
        '[aaa 10.0.0.1 7001 master - 0-16383',
        'bbb 10.0.0.2 7002 slave aaa]',
        '[1]',
        '10.0.0.1:7001> @kv3 SLAVEOF 127.0.0.1 30001',
        '[--no-raw]', '[-h]', '[10.0.0.3]', '[-p]', '[7003]', '[SLAVEOF]', '[10.0.0.1]', '[7001]',
        '10.0.0.1:7001> SET k "it\'s $x"',
        '[--no-raw]', '[-h]', '[10.0.0.1]', '[-p]', '[7001]', '[SET]', '[k]', "[it's $x]",
        '',
      ].join('\n'),
    );
  });

  it('each input at its moment (a wait is the gap before the next), with the model\'s own line; .use moves the prompt; comments are echoed', () => {
    const script = scriptFor('# hello\n.use kv2\n.wait 250ms\nPING');
    // The next input waits for its moment: 250 ms after the start.
    expect(script).toContain("echo '# waited 250ms, now t=0.250s'\nat 250\n");
    const { stdout } = runWithFakeCli(script, []);
    expect(stdout.split('\n').slice(0, 5)).toEqual(['# hello', '127.0.0.1:30001> .use kv2', '127.0.0.1:30002> .wait 250ms', '# waited 250ms, now t=0.250s', '127.0.0.1:30002> PING']);
  });

  it('lists what redis-cli cannot do, and says so where it would have run', () => {
    const script = scriptFor('.crash kv1\n.partition kv2 kv3\nPING');
    expect(script).toContain('# Not reproduced by this script:\n#   .crash kv1 (.crash is done by the model, not by redis-cli)\n#   .partition kv2 kv3 (.partition is done by the model, not by redis-cli)');
    const { stdout } = runWithFakeCli(script, []);
    expect(stdout.startsWith('# not reproduced here: .crash kv1\n# not reproduced here: .partition kv2 kv3\n')).toBe(true);
  });

  it('a wrong argument stops the script with a message naming the right form', () => {
    const { status, stderr } = runWithFakeCli(scriptFor('PING'), ['kv9=1.2.3.4:5']);
    expect(status).toBe(2);
    expect(stderr).toBe('unknown argument: kv9=1.2.3.4:5 (give kv1=host:port kv2=host:port kv3=host:port)\n');
  });
});
