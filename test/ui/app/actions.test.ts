// The page's scenario action: a fresh cluster in the chosen setting, the scenario played input by
// input, then a notice; asking first when the session has inputs, changing nothing when the
// scenario cannot load. The #2618 button goes the same way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runScript, transcriptOf } from '../../../src/lab/script.ts';
import { MAX_NODES } from '../../../src/kvrocks/world.ts';
import { CATALOGUE } from '../../../src/lab/catalogue.ts';
import { AppActions } from '../../../src/ui/app/actions.svelte.ts';
import { SCENARIO_RUN_KEY } from '../../../src/ui/app/scenario-run.ts';
import { ranNotice } from '../../../src/ui/catalogue/catalogue-view.ts';
import { Notices } from '../../../src/ui/app/notice.svelte.ts';
import { ScriptPlayer } from '../../../src/ui/app/script-player.svelte.ts';
import { ConsoleState } from '../../../src/ui/console/console-state.svelte.ts';
import { serialise } from '../../../src/ui/state/persistence.ts';
import { Sandbox } from '../../../src/ui/state/sandbox.svelte.ts';
import { FakeStorage } from '../labs/fake-storage.ts';

const ROOT = join(import.meta.dirname, '../../..');
const FILE = 'labs/scenarios/issue-2841.kvlab';

const ENTRY = CATALOGUE.find((e) => e.id === 'issue-2841')!;

function page(storage: FakeStorage | null = null, pauseMs = 0) {
  const sandbox = new Sandbox(storage);
  const notices = new Notices();
  const actions = new AppActions(sandbox, new ConsoleState(sandbox), new ScriptPlayer(pauseMs), notices, storage);
  return { sandbox, notices, actions };
}

/** Waits for the player to start and finish (it sleeps between inputs). */
async function played(actions: AppActions): Promise<void> {
  for (let i = 0; i < 200 && !actions.player.running; i++) await new Promise((r) => setTimeout(r, 1));
  while (actions.player.running) await new Promise((r) => setTimeout(r, 1));
  await new Promise((r) => setTimeout(r, 1));
}

describe('AppActions.playScenario', () => {
  it('plays the scenario in a fresh cluster in the chosen setting, as kvlab run does, then writes what to look for as a # line', async () => {
    const { sandbox, notices, actions } = page();
    const setting = 'fixed+drop-orphans-2850';
    actions.playScenario(FILE, setting, 'Running it', { kind: 'catalogue', entry: 'issue-2841' });
    await played(actions);
    const expected = runScript(readFileSync(join(ROOT, FILE), 'utf8'), { seed: 1, nodes: 3, mode: setting }, FILE);
    expect(sandbox.options.mode).toBe(setting);
    await vi.waitFor(() => expect(sandbox.transcript.at(-1)?.input).toBe(`# ${ranNotice(ENTRY, setting)}`));
    expect(sandbox.transcript.slice(0, -1).map(transcriptOf).join('\n')).toBe(expected.transcript.trimEnd());
    expect(notices.current).toMatchObject({ kind: 'info', text: ranNotice(ENTRY, setting) });
  });

  it('asks first when the session has inputs, and runs only on confirm', async () => {
    const { sandbox, actions } = page();
    sandbox.run('@kv1 SET a 1');
    actions.playScenario(FILE, 'guarded', 'Running issue-2841 in guarded starts a fresh cluster', { kind: 'catalogue', entry: 'issue-2841' });
    expect(actions.pending?.what).toBe('Running issue-2841 in guarded starts a fresh cluster');
    expect(sandbox.log).toHaveLength(1);
    actions.confirm();
    await played(actions);
    expect(sandbox.options.mode).toBe('guarded');
    expect(sandbox.log.find((r) => !r.input.startsWith('#'))?.input).toBe('.controller start');
  });

  it('changes nothing when the scenario cannot load', async () => {
    const { sandbox, notices, actions } = page();
    sandbox.run('.mode fixed');
    const before = sandbox.snapshot();
    actions.playScenario('labs/scenarios/nope.kvlab', 'buggy', 'x', { kind: 'issue-2618' });
    actions.confirm();
    await new Promise((r) => setTimeout(r, 20));
    expect(sandbox.snapshot()).toEqual(before);
    expect(notices.current?.kind).toBe('error');
    expect(notices.current?.text).toBe('Could not play the scenario: labs/scenarios/nope.kvlab: not in this build. Nothing was changed.');
  });

  it('Reproduce #2618 plays the same scenario in the setting in force and summarises it', async () => {
    const { sandbox, notices, actions } = page();
    actions.reproduce2618();
    await played(actions);
    expect(sandbox.log.some((r) => r.input === '@kv3 INFO replication')).toBe(true);
    await vi.waitFor(() => expect(notices.current?.text).toMatch(/^Reproduced #2618/));
    expect(notices.current?.text).toMatch(/^Reproduced #2618: kv3 was removed from the topology, yet kv3 reports role:slave/);
    expect(sandbox.transcript.at(-1)?.input).toBe(`# ${notices.current?.text}`);
  });
});

describe('AppActions: a scenario a reload interrupted', () => {
  it('resumes where it stopped, says so, and concludes as an uninterrupted run does', async () => {
    const storage = new FakeStorage();
    const first = page(storage, 5);
    first.actions.reproduce2618();
    await vi.waitFor(() => expect(first.actions.player.done).toBeGreaterThanOrEqual(6));
    // The reload: the page goes away mid-run; a new page reads the same storage.
    first.actions.player.stop(first.actions.console);
    const ranBefore = first.sandbox.log.length;
    expect(storage.getItem(SCENARIO_RUN_KEY)).toContain('issue-2618.kvlab');

    const again = page(storage, 5);
    expect(again.sandbox.log).toHaveLength(ranBefore);
    const resumed = again.actions.resumeInterrupted();
    await vi.waitFor(() => expect(again.notices.current?.text).toMatch(new RegExp(`^Resuming issue-2618\\.kvlab after the reload: ${ranBefore} inputs of \\d+ had run\\.$`)));
    await resumed;
    expect(again.sandbox.transcript.at(-1)?.input).toMatch(/^# Reproduced #2618: kv3 was removed from the topology/);
    expect(storage.getItem(SCENARIO_RUN_KEY)).toBe('');

    const whole = page();
    whole.actions.reproduce2618();
    await played(whole.actions);
    await vi.waitFor(() => expect(whole.sandbox.transcript.at(-1)?.input).toMatch(/^# /));
    expect(again.sandbox.transcript.map(transcriptOf)).toEqual(whole.sandbox.transcript.map(transcriptOf));
  });

  it('does not resume onto a session that no longer matches it, and says so', async () => {
    const storage = new FakeStorage();
    storage.setItem(SCENARIO_RUN_KEY, JSON.stringify({ file: 'labs/scenarios/issue-2618.kvlab', setting: 'buggy', conclusion: { kind: 'issue-2618' } }));
    const { sandbox, notices, actions } = page(storage);
    sandbox.run('@kv1 SET a 1');
    await actions.resumeInterrupted();
    expect(sandbox.log.map((r) => r.input)).toEqual(['@kv1 SET a 1']);
    expect(notices.current?.text).toBe('The issue-2618.kvlab run a reload interrupted could not resume: the session no longer matches it.');
    expect(storage.getItem(SCENARIO_RUN_KEY)).toBe('');
  });

  it('a run stopped by hand is not resumed', async () => {
    const storage = new FakeStorage();
    const { actions } = page(storage, 5);
    actions.reproduce2618();
    await vi.waitFor(() => expect(actions.player.done).toBeGreaterThanOrEqual(2));
    actions.stopPlaying();
    expect(storage.getItem(SCENARIO_RUN_KEY)).toBe('');
  });
});

describe('AppActions.importFile', () => {
  const file = (name: string, body: string) => new File([body], name, { type: 'application/json' });
  const good = serialise({ seed: 7, mode: 'fixed', nodes: 2, log: [{ at: 0, input: '@kv1 SET a 1' }], time: 0, horizon: 0 });

  it('a bad file changes nothing, a running playback included, and names the field', async () => {
    const { sandbox, notices, actions } = page(null, 5);
    actions.reproduce2618();
    await vi.waitFor(() => expect(actions.player.done).toBeGreaterThanOrEqual(1));
    await actions.importFile(file('bad.json', JSON.stringify({ format: 'kvlab-session', seed: 1, mode: 'buggy', nodes: 0, log: [], time: 0, horizon: 0 })));
    expect(notices.current).toMatchObject({ kind: 'error', text: `Could not import bad.json: "nodes" must be a whole number from 1 to ${MAX_NODES}. Nothing was changed.` });
    expect(actions.player.running).toBe(true);
    expect(actions.pending).toBeNull();
    await played(actions);
    expect(sandbox.transcript.some((r) => r.input === '@kv3 INFO replication')).toBe(true);
  });

  it('asks before replacing a session with inputs, and replaces only on confirm', async () => {
    const { sandbox, notices, actions } = page();
    sandbox.run('@kv1 SET mine 1');
    await actions.importFile(file('s.json', good));
    expect(actions.pending?.what).toBe('Importing s.json replaces it');
    expect(sandbox.log.map((r) => r.input)).toEqual(['@kv1 SET mine 1']);
    actions.confirm();
    expect(sandbox.options).toMatchObject({ seed: 7, mode: 'fixed', nodes: 2 });
    expect(notices.current?.text).toBe('Imported s.json: 1 input replayed.');
  });
});
