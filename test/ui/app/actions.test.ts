// The page's scenario action: a fresh cluster in the chosen setting, the scenario played input by
// input, then a notice; asking first when the session has inputs, changing nothing when the
// scenario cannot load. The #2618 button goes the same way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runScript, transcriptOf } from '../../../src/lab/script.ts';
import { AppActions } from '../../../src/ui/app/actions.svelte.ts';
import { Notices } from '../../../src/ui/app/notice.svelte.ts';
import { ScriptPlayer } from '../../../src/ui/app/script-player.svelte.ts';
import { ConsoleState } from '../../../src/ui/console/console-state.svelte.ts';
import { Sandbox } from '../../../src/ui/state/sandbox.svelte.ts';

const ROOT = join(import.meta.dirname, '../../..');
const FILE = 'labs/scenarios/issue-2841.kvlab';

function page() {
  const sandbox = new Sandbox();
  const notices = new Notices();
  const actions = new AppActions(sandbox, new ConsoleState(sandbox), new ScriptPlayer(0), notices);
  return { sandbox, notices, actions };
}

/** Waits for the player to start and finish (it sleeps between inputs). */
async function played(actions: AppActions): Promise<void> {
  for (let i = 0; i < 200 && !actions.player.running; i++) await new Promise((r) => setTimeout(r, 1));
  while (actions.player.running) await new Promise((r) => setTimeout(r, 1));
  await new Promise((r) => setTimeout(r, 1));
}

describe('AppActions.playScenario', () => {
  it('plays the scenario in a fresh cluster in the chosen setting, as kvlab run does, then says what to look for', async () => {
    const { sandbox, notices, actions } = page();
    actions.playScenario(FILE, 'fixed+drop-orphans-2850', 'Running it', () => 'done');
    await played(actions);
    const expected = runScript(readFileSync(join(ROOT, FILE), 'utf8'), { seed: 1, nodes: 3, mode: 'fixed+drop-orphans-2850' }, FILE);
    expect(sandbox.options.mode).toBe('fixed+drop-orphans-2850');
    expect(sandbox.transcript.map(transcriptOf).join('\n')).toBe(expected.transcript.trimEnd());
    await vi.waitFor(() => expect(notices.current).toMatchObject({ kind: 'info', text: 'done' }));
  });

  it('asks first when the session has inputs, and runs only on confirm', async () => {
    const { sandbox, actions } = page();
    sandbox.run('@kv1 SET a 1');
    actions.playScenario(FILE, 'guarded', 'Running issue-2841 in guarded starts a fresh cluster', () => null);
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
    actions.playScenario('labs/scenarios/nope.kvlab', 'buggy', 'x', () => null);
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
  });
});
