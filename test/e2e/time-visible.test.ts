// Issue 9 point 1, time you can see, in the production build: a first visit plays at 1x and a
// newcomer who pushes a topology and waits sees the replica connect; a reload keeps playing or
// paused; "Playing 1×" / "Paused" is shown by the prompt and in the time controls; a
// state-changing input typed while paused says once how to let time pass.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabsPage } from './labs-page.ts';
import { issue2618Commands, SandboxPage } from './sandbox-page.ts';
import { startApp } from './support.ts';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

const TOPOLOGY = issue2618Commands().slice(0, 6);
const hints = (sandbox: SandboxPage) => sandbox.page.locator('[aria-label="Console output"] [data-note="paused"]');

describe('e2e: time you can see', () => {
  it('a first visit plays at 1x: typed by hand, the topology connects while the person waits', async () => {
    const page = await app.browser.newPage(1440, 900);
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url, { clock: 'first-visit' });
    expect(await sandbox.controlsClock()).toBe('Playing 1×');
    expect(await sandbox.consoleClock()).toMatch(/^Playing 1× t=\d+\.\d{3}s$/);
    expect(await page.getByRole('button', { name: 'Pause', exact: true }).count()).toBe(1);
    for (const input of TOPOLOGY) await sandbox.type(input);
    // Typed while time runs: no hint to let it pass.
    expect(await hints(sandbox).count()).toBe(0);
    const typedAt = await sandbox.now();
    await page.waitForFunction((t) => {
      const match = /t=(\d+\.\d+)s/.exec(document.querySelector('[aria-label="Time controls"] output')?.textContent ?? '');
      return match !== null && Number(match[1]) * 1000 >= t + 2000;
    }, typedAt);
    await sandbox.type('@kv1 INFO replication');
    expect(await sandbox.outputOf('@kv1 INFO replication')).toContain('connected_slaves:2');

    // A reload keeps it playing; paused, a reload keeps it paused.
    await page.reload();
    await sandbox.command.waitFor();
    expect(await sandbox.controlsClock()).toBe('Playing 1×');
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    expect(await sandbox.consoleClock()).toMatch(/^Paused t=/);
    await page.reload();
    await sandbox.command.waitFor();
    expect(await sandbox.controlsClock()).toBe('Paused');
    const paused = await sandbox.now();
    await page.waitForTimeout(600);
    expect(await sandbox.now()).toBe(paused);
    await page.close();
  });

  it('the speed shows in the state and is kept across a reload', async () => {
    const page = await app.browser.newPage(1024, 800);
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await page.getByRole('group', { name: 'Time controls' }).getByLabel('Speed').selectOption('5');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    expect(await sandbox.controlsClock()).toBe('Playing 5×');
    await page.reload();
    await sandbox.command.waitFor();
    expect(await sandbox.consoleClock()).toMatch(/^Playing 5× /);
    await page.close();
  });

  it('paused, a state-changing input hints once how to let time pass; after Play and Pause it hints again', async () => {
    const page = await app.browser.newPage(1024, 800);
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    expect(await sandbox.controlsClock()).toBe('Paused');
    await sandbox.type('PING');
    await sandbox.type('@kv1 INFO replication');
    expect(await hints(sandbox).count()).toBe(0);
    await sandbox.type(TOPOLOGY[0]!);
    expect(await hints(sandbox).allTextContents()).toEqual([
      'time Time is paused, so nothing follows from this yet: press Play (Space) to let it run, Step (.) to jump to the next event, or type .wait 1s.',
    ]);
    // It follows the input that caused it.
    expect(await page.locator('[aria-label="Console output"] > *').last().getAttribute('data-note')).toBe('paused');
    for (const input of TOPOLOGY.slice(1)) await sandbox.type(input);
    expect(await hints(sandbox).count()).toBe(1);
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.getByRole('button', { name: 'Pause', exact: true }).click();
    await sandbox.type('@kv1 SET greeting hello');
    expect(await hints(sandbox).count()).toBe(2);
    // A fault from the inspector is a state change too; this pause has had its hint.
    await page.locator('button[data-node="kv2"]').click();
    await page.getByRole('region', { name: 'node inspector' }).locator('button[data-fault="crash"]').click();
    expect(await sandbox.outputOf('.crash kv2')).toBe('# kv2 crashed');
    expect(await hints(sandbox).count()).toBe(2);
    // Hints are the page's, not the session's: a reload shows the transcript without them.
    await page.reload();
    await sandbox.command.waitFor();
    expect(await hints(sandbox).count()).toBe(0);
    await page.close();
  });

  it('in a lab, whose panel says time is paused, the console adds no hint', async () => {
    const page = await app.browser.newPage(1440, 900);
    const labs = new LabsPage(page);
    await labs.openLabs(app.url);
    await labs.list.getByRole('button', { name: /^(Start|Resume)$/ }).first().click();
    await labs.panel.waitFor();
    await labs.type(TOPOLOGY[0]!);
    expect(await labs.controlsClock()).toBe('Paused');
    expect(await hints(labs).count()).toBe(0);
    await page.close();
  });
});
