// Issue 9 point 2, history that keeps everything, in the production build: inputs run by a
// scenario, a fault button, the topology panel and a lab's Run join ↑ history; Ctrl+R searches
// it as readline does; Ctrl+C abandons the line, Ctrl+U kills to the cursor, Ctrl+L clears the
// screen; the history survives a reload.
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

const promptLabel = (sandbox: SandboxPage) => sandbox.page.locator('label[for="console-command"] [data-prompt]').textContent();

describe('e2e: history that keeps everything', () => {
  it('a scenario, a fault button and the topology panel put their inputs in ↑ history, and it survives a reload', async () => {
    const page = await app.browser.newPage(1440, 900);
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await sandbox.reproduce2618();
    const commands = issue2618Commands();
    // The scenario's inputs, newest first; its comments and the concluding `#` line are not inputs.
    expect(await sandbox.historyUp(3)).toEqual(commands.slice(-3).reverse());

    await page.locator('button[data-node="kv2"]').click();
    await page.getByRole('region', { name: 'node inspector' }).locator('button[data-fault="crash"]').click();
    await page.getByRole('tab', { name: 'Topology' }).click();
    const panel = page.getByRole('region', { name: 'topology' });
    await panel.getByRole('button', { name: '1 master + 2 replicas (S1)' }).click();
    await panel.getByRole('button', { name: /^Push to 3 nodes/ }).click();
    const firstLines = (await sandbox.transcript()).map((e) => e.split('\n')[0]!.replace(/^[^>]*> /, ''));
    const pushed = firstLines.slice(firstLines.lastIndexOf('.crash kv2') + 1);
    expect(pushed.length).toBeGreaterThanOrEqual(3);
    expect(pushed.every((input) => /^@kv\d CLUSTERX SETNODE(S|ID) /.test(input))).toBe(true);
    await page.reload();
    await sandbox.command.waitFor();
    const up = await sandbox.historyUp(pushed.length + 1);
    expect(up.slice(0, -1).map((input) => input.split('\n')[0])).toEqual([...pushed].reverse());
    expect(up.at(-1)).toBe('.crash kv2');
    await page.close();
  });

  it("a lab's Run buttons put the block's inputs in ↑ history, ready to copy and change", async () => {
    const page = await app.browser.newPage(1440, 900);
    const labs = new LabsPage(page);
    await labs.openLabs(app.url);
    await labs.list.getByRole('button', { name: /^(Start|Resume)$/ }).first().click();
    await labs.panel.waitFor();
    await labs.runAll();
    const ran = (await labs.transcript()).map((e) => e.split('\n')[0]!.replace(/^[^>]*> /, '')).filter((i) => !i.startsWith('#'));
    expect(ran.length).toBeGreaterThan(0);
    const up = await labs.historyUp(1);
    expect(up[0]!.split('\n')[0]).toBe(ran.at(-1));
    await page.close();
  });

  it('Ctrl+R searches history as readline does: narrows, Ctrl+R for older, fails visibly, Esc cancels, Enter runs', async () => {
    const page = await app.browser.newPage(1024, 800);
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    for (const input of ['@kv2 ROLE', 'INFO replication', '@kv3 ROLE', 'PING']) await sandbox.type(input);
    await page.keyboard.type('half typed');
    await page.keyboard.press('Control+r');
    expect(await promptLabel(sandbox)).toBe("(reverse-i-search)`': ");
    await page.keyboard.type('ROLE');
    expect(await promptLabel(sandbox)).toBe("(reverse-i-search)`ROLE': ");
    expect(await sandbox.command.inputValue()).toBe('@kv3 ROLE');
    await page.keyboard.press('Control+r');
    expect(await sandbox.command.inputValue()).toBe('@kv2 ROLE');
    await page.keyboard.press('Control+r');
    expect(await promptLabel(sandbox)).toBe("(failed reverse-i-search)`ROLE': ");
    expect(await sandbox.command.inputValue()).toBe('@kv2 ROLE');
    await page.keyboard.press('Escape');
    expect(await promptLabel(sandbox)).toBe('127.0.0.1:30001> ');
    expect(await sandbox.command.inputValue()).toBe('half typed');

    await page.keyboard.press('Control+a');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+r');
    await page.keyboard.type('kv2');
    const before = await sandbox.entries.count();
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Console output"] .entry').length > n, before);
    expect((await sandbox.transcript()).at(-1)).toMatch(/^127\.0\.0\.1:30001> @kv2 ROLE\n1\) "master"/);
    expect(await sandbox.entries.count()).toBe(before + 1);
    expect(await sandbox.command.inputValue()).toBe('');
    // Ctrl+G cancels too; a movement key keeps the match in the line to edit.
    await page.keyboard.press('Control+r');
    await page.keyboard.type('INFO');
    await page.keyboard.press('Control+g');
    expect(await sandbox.command.inputValue()).toBe('');
    await page.keyboard.press('Control+r');
    await page.keyboard.type('INFO');
    await page.keyboard.press('End');
    expect(await promptLabel(sandbox)).toBe('127.0.0.1:30001> ');
    await page.keyboard.type(' keyspace');
    expect(await sandbox.command.inputValue()).toBe('INFO replication keyspace');
    await page.close();
  });

  it('Ctrl+C abandons the line with ^C, Ctrl+U kills to the cursor, Ctrl+L clears the screen only', async () => {
    const page = await app.browser.newPage(1024, 800);
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await sandbox.type('PING');
    await page.keyboard.type('CLUSTER NOD');
    await page.keyboard.press('Control+c');
    expect(await sandbox.command.inputValue()).toBe('');
    expect(await sandbox.entries.count()).toBe(1);
    expect(await page.locator('[aria-label="Console output"] .abandoned').allTextContents()).toEqual(['127.0.0.1:30001> CLUSTER NOD^C']);
    // With text selected, Ctrl+C copies as everywhere else: the line stays.
    await page.keyboard.type('GET foo');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.press('Control+c');
    expect(await sandbox.command.inputValue()).toBe('GET foo');
    await page.keyboard.press('End');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+u');
    expect(await sandbox.command.inputValue()).toBe('foo');
    expect(await sandbox.command.evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(0);

    await page.keyboard.press('Control+l');
    expect(await sandbox.entries.count()).toBe(0);
    await page.getByText('Screen cleared. The session and its timeline are unchanged.').waitFor();
    expect(await sandbox.command.inputValue()).toBe('foo');
    await page.reload();
    await sandbox.command.waitFor();
    expect(await sandbox.transcript()).toEqual(['127.0.0.1:30001> PING\nPONG']);
    await page.close();
  });
});
