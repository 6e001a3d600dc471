// The behaviour control's full list and the bug catalogue in the production build: toggling a
// named behaviour is an input like `.switch` (logged, replayed after a reload) and changes what the
// cluster does; a catalogue scenario runs in the setting chosen, and its lab opens in the Labs tab.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SWITCHES } from '../../src/kvrocks/behaviours/switches.ts';
import { CATALOGUE } from '../../src/lab/catalogue.ts';
import { parseLab } from '../../src/lab/labs/index.ts';
import { Session } from '../../src/lab/session.ts';
import { scriptInputs, transcriptOf } from '../../src/lab/script.ts';
import { issue2618Commands, SandboxPage } from './sandbox-page.ts';
import { ROOT, startApp } from './support.ts';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

describe('e2e: every named behaviour', () => {
  it('lists every switch; turning one on is a logged input that changes what happens next, and survives a reload', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    const all = page.getByRole('button', { name: /^All behaviours/ });
    expect(await all.textContent()).toContain('setting buggy');
    await all.click();
    const list = page.getByRole('dialog', { name: 'Behaviours' });
    await list.waitFor();
    expect(await list.getByRole('checkbox').count()).toBe(SWITCHES.length);
    for (const s of SWITCHES) {
      const item = list.getByRole('listitem').filter({ has: page.getByRole('checkbox', { name: s.id, exact: true }) });
      expect(await item.textContent()).toContain(s.on);
      for (const ref of s.upstream) expect(await item.getByRole('link', { name: ref.label, exact: true }).getAttribute('href')).toBe(ref.url);
      if (s.status === 'proposal') expect(await item.textContent()).toContain('proposal: not released Kvrocks');
    }

    // buggy + #2643's switch: the removed replica now drops its master, as in fixed.
    await list.getByRole('checkbox', { name: 'remove-master-2643', exact: true }).check();
    await expect.poll(() => list.locator('output').textContent()).toBe('buggy+remove-master-2643');
    expect((await sandbox.transcript()).at(-1)).toMatch(/^127\.0\.0\.1:30001> \.switch remove-master-2643 on\n# mode buggy\+remove-master-2643: /);
    expect(await all.textContent()).toContain('setting buggy+remove-master-2643');
    expect(await page.getByRole('radio', { name: /^buggy/ }).isChecked()).toBe(true);
    await page.keyboard.press('Escape');
    await list.waitFor({ state: 'detached' });

    await sandbox.command.fill(issue2618Commands().join('\n'));
    await sandbox.command.press('Enter');
    await page.getByText('@kv1 CLUSTER NODES').waitFor();
    expect(await sandbox.outputOf('@kv3 INFO replication')).toMatch(/^role:master$/m);

    await page.reload();
    await sandbox.command.waitFor();
    expect(await all.textContent()).toContain('setting buggy+remove-master-2643');
    expect(await sandbox.outputOf('@kv3 INFO replication')).toMatch(/^role:master$/m);

    // Back to the preset, from the list, by keyboard.
    await all.focus();
    await page.keyboard.press('Enter');
    await list.getByRole('button', { name: 'Back to buggy' }).click();
    await expect.poll(() => list.locator('output').textContent()).toBe('buggy');
    expect(await list.getByRole('checkbox', { name: 'remove-master-2643', exact: true }).isChecked()).toBe(false);
    await page.close();
  });
});

describe('e2e: the bug catalogue', () => {
  it('shows every entry, runs a scenario in the setting chosen, and opens a lab in the Labs tab', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await page.getByRole('button', { name: 'Catalogue', exact: true }).click();
    const catalogue = page.getByRole('dialog', { name: 'Bug catalogue' });
    await catalogue.waitFor();
    expect(await catalogue.getByRole('article').count()).toBe(CATALOGUE.length);
    for (const e of CATALOGUE) {
      const card = catalogue.getByRole('article', { name: e.title, exact: true });
      expect(await card.textContent()).toContain(e.story);
      for (const s of e.settings) await card.getByRole('button', { name: `Run ${e.scenario.split('/').at(-1)!.replace('.kvlab', '')} in ${s.setting}`, exact: true }).waitFor();
    }

    await catalogue.getByRole('button', { name: 'Run issue-2618 in fixed', exact: true }).click();
    await page.getByRole('button', { name: 'Run the rest now' }).click();
    await page.getByText(/^Ran issue-2618 in fixed\. What to look for: /).waitFor();
    expect(await page.getByRole('radio', { name: /^fixed/ }).isChecked()).toBe(true);
    expect(await sandbox.outputOf('@kv3 INFO replication')).toMatch(/^role:master$/m);
    expect(await sandbox.outputOf('@kv1 INFO replication')).toMatch(/^connected_slaves:1$/m);

    // The setting in force is marked; the orphan's lab opens in it.
    await page.getByRole('button', { name: 'Catalogue', exact: true }).click();
    const card2618 = catalogue.getByRole('article', { name: CATALOGUE.find((e) => e.id === 'issue-2618')!.title, exact: true });
    expect(await card2618.getByRole('listitem').filter({ hasText: 'in force now' }).locator('code').textContent()).toBe('fixed');
    const orphan = CATALOGUE.find((e) => e.id === 'issue-2841')!;
    const lab = parseLab(readFileSync(join(ROOT, orphan.lab!), 'utf8'), orphan.lab!);
    await catalogue.getByRole('article', { name: orphan.title, exact: true }).getByRole('button', { name: 'Open the guided lab' }).click();
    await page.getByRole('region', { name: `Lab: ${lab.title}` }).waitFor();
    expect(await page.getByRole('radio', { name: /^fixed/ }).isChecked()).toBe(true);
    await page.close();
  });
});

/** What the scenario prints headless in `setting`, one console entry per input, as the page shows them. */
function headless(scenario: string, setting: string, nodes: number): string[] {
  const session = new Session({ nodes, seed: 1, mode: setting });
  const text = readFileSync(join(ROOT, scenario), 'utf8');
  return scriptInputs(text, scenario).map((input) => transcriptOf(session.run(input.text)));
}

describe('e2e: every catalogue scenario in the page', () => {
  it('prints in each of its settings exactly what it prints headless (kvlab run)', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    for (const e of CATALOGUE) {
      const id = e.scenario.split('/').at(-1)!.replace('.kvlab', '');
      for (const { setting } of e.settings) {
        await page.getByRole('button', { name: 'Catalogue', exact: true }).click();
        await page.getByRole('dialog', { name: 'Bug catalogue' }).getByRole('button', { name: `Run ${id} in ${setting}`, exact: true }).click();
        const replace = page.getByRole('button', { name: 'Replace', exact: true });
        const runRest = page.getByRole('button', { name: 'Run the rest now' });
        // The question (a session with inputs) or the playback: whichever comes, then go on.
        await replace.or(runRest).first().waitFor();
        if (await replace.isVisible()) await replace.click();
        await runRest.click();
        await page.getByText(`Ran ${id} in ${setting}.`, { exact: false }).first().waitFor();
        const expected = headless(e.scenario, setting, e.nodes ?? 3).filter((t) => t.trim() !== '');
        const shown = (await sandbox.transcript()).filter((t) => t.trim() !== '');
        // The run's conclusion is its last line, a comment; before it, what kvlab run prints.
        expect(shown.at(-1)?.startsWith(`# Ran ${id} in ${setting}.`), `${id} in ${setting}: ${shown.at(-1)}`).toBe(true);
        expect(shown.slice(-expected.length - 1, -1), `${id} in ${setting}`).toEqual(expected);
      }
    }
    await page.close();
  }, 300_000);
});
