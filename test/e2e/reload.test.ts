// Nothing lost: a reload of the production build brings back the transcript, mode and time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxPage } from './sandbox-page.ts';
import { startApp } from './support.ts';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

describe('e2e: sessions survive', () => {
  it('a reload keeps the transcript, the mode, the time and the console history', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await sandbox.type('@kv2 CLUSTERX SETNODEID d9dd75896c51ce5d483244c3a9b7be0e9ce794f0');
    await sandbox.type('SET greeting "hello world"');
    await sandbox.chooseMode('guarded');
    await sandbox.type('.wait 1500ms');
    await sandbox.type('.bogus');
    await page.getByRole('button', { name: 'Step' }).click();
    const before = { transcript: await sandbox.transcript(), now: await sandbox.now() };
    expect(before.transcript.at(-1)).toContain('.bogus');
    expect(await page.locator('.console-error').textContent()).toMatch(/unknown dot-command '\.bogus'/);

    await page.reload();
    await sandbox.command.waitFor();
    expect(await sandbox.transcript()).toEqual(before.transcript);
    expect(await sandbox.now()).toBe(before.now);
    expect(await page.getByRole('radio', { name: /^guarded/ }).isChecked()).toBe(true);
    await sandbox.command.click();
    await page.keyboard.press('ArrowUp');
    expect(await sandbox.command.inputValue()).toBe('.bogus');
    await page.keyboard.press('ArrowUp');
    expect(await sandbox.command.inputValue()).toBe('.wait 1500ms');
    await page.close();
  });

  it('the welcome shows once; its one-click reproduction plays the real script', async () => {
    const page = await app.browser.newPage();
    await page.goto(app.url);
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    const welcome = page.getByRole('dialog', { name: /See what a Kvrocks node was told/ });
    await welcome.waitFor();
    await welcome.getByRole('button', { name: 'Reproduce #2618 (one click)' }).click();
    await page.getByRole('button', { name: 'Run the rest now' }).click();
    // The conclusion shows twice: in the notice and as the transcript's last line.
    await page.getByRole('status').getByText(/Reproduced #2618: kv3 was removed from the topology, yet kv3 reports role:slave and kv1 reports connected_slaves:2/).waitFor();
    expect(await page.getByRole('log', { name: 'Console output' }).locator('.entry').last().textContent()).toMatch(/^# Reproduced #2618: kv3 was removed/);
    const transcript = await new SandboxPage(page).transcript();
    expect(transcript[0]).toBe('# apache/kvrocks#2618: a replica removed from the topology with CLUSTERX SETNODES');
    await page.reload();
    await page.getByRole('textbox', { name: 'Command' }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    await page.close();
  });

  it('a bad import says why and changes nothing; a good one replaces the session', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await sandbox.type('PING');
    const picker = page.locator('input[type=file]');
    await picker.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"seed":1,"mode":"buggy","nodes":0,"log":[],"time":0,"horizon":0}') });
    await page.getByRole('alert').getByText(/Could not import bad\.json: "nodes" must be a whole number/).waitFor();
    expect(await sandbox.transcript()).toEqual(['127.0.0.1:30001> PING\nPONG']);

    const good = { format: 'kvlab-session', seed: 7, mode: 'fixed', nodes: 5, time: 1000, horizon: 1000, log: [{ at: 0, input: '@kv5 ROLE' }] };
    await picker.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
    // The session has an input: import asks first, as New session does.
    await page.getByRole('dialog', { name: 'Replace the current session?' }).getByRole('button', { name: 'Replace' }).click();
    await page.getByText(/Imported good\.json: 1 input replayed\./).waitFor();
    expect((await sandbox.transcript())[0]).toMatch(/^127\.0\.0\.1:30001> @kv5 ROLE\n1\) "master"/);
    expect(await sandbox.now()).toBe(1000);
    expect(await page.getByRole('radio', { name: /^fixed/ }).isChecked()).toBe(true);
    await page.close();
  });
});
