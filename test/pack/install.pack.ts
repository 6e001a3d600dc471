// @vitest-environment jsdom
// `npm pack`, then `npm install <tarball>` into an empty project with no registry: the package
// needs nothing else, `npx kvlab` runs the bundled command, and the <kvrocks-lab> element loads.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../support/built-cli.ts';

const NAME = 'kvrocks-cluster-lab';
let work: string;
let project: string;
let installed: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'kvlab-pack-'));
  // prepack builds everything; its output goes to this test's log.
  execFileSync('npm', ['pack', '--pack-destination', work], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  const tarball = join(work, readdirSync(work).find((name) => name.startsWith(`${NAME}-`) && name.endsWith('.tgz'))!);
  project = join(work, 'project');
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'empty-project', version: '1.0.0', private: true }));
  // An unreachable registry: the install must come from the tarball alone.
  const env = { ...process.env, npm_config_registry: 'http://127.0.0.1:9/' };
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], { cwd: project, env, stdio: 'inherit' });
  installed = join(project, 'node_modules', NAME);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

const npx = (args: string[], input = '') => spawnSync('npx', ['--no-install', 'kvlab', ...args], { cwd: project, encoding: 'utf8', input, timeout: 60_000 });

describe('the installed package', () => {
  it('depends on nothing: the tarball is all it needs', () => {
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).dependencies).toHaveProperty(NAME);
  });

  it('npx kvlab runs a script', () => {
    const ran = npx(['run', '--mode', 'fixed', '-'], 'PING\n@kv3 CLUSTERX VERSION\n');
    expect(ran.stderr).toBe('');
    expect(ran.stdout).toBe('127.0.0.1:30001> PING\nPONG\n127.0.0.1:30001> @kv3 CLUSTERX VERSION\n"-1"\n');
    expect(ran.status).toBe(0);
  });

  it('npx kvlab runs the scenarios shipped in the package', () => {
    const ran = npx(['run', '--mode', 'fixed', join(installed, 'labs/scenarios/issue-2618.kvlab')]);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toContain('connected_slaves:1');
  });

  it('npx kvlab --help and <command> --help work', () => {
    expect(npx(['--help']).stdout).toContain('kvlab run');
    const ran = npx(['serve', '--help']);
    expect(ran.status).toBe(0);
    expect(ran.stdout).toMatch(/^Usage:\n {2}kvlab serve/);
  });

  it('the package exports dist/kvrocks-lab.js, which defines <kvrocks-lab>', () => {
    const resolve = (spec: string) =>
      execFileSync(process.execPath, ['--input-type=module', '-e', `console.log(import.meta.resolve(${JSON.stringify(spec)}))`], { cwd: project, encoding: 'utf8' }).trim();
    const main = resolve(NAME);
    expect(main.endsWith(`/node_modules/${NAME}/dist/kvrocks-lab.js`)).toBe(true);
    expect(resolve(`${NAME}/kvrocks-lab.js`)).toBe(main);
    document.body.innerHTML = '<kvrocks-lab mode="fixed"></kvrocks-lab>';
    // The embed script is a classic script (one IIFE): run it as a page would.
    new Function(readFileSync(new URL(main), 'utf8'))();
    expect(typeof customElements.get('kvrocks-lab')).toBe('function');
    expect(document.querySelector('kvrocks-lab')?.shadowRoot).not.toBeNull();
  });
});
