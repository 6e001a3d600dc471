// The console and the page's controls in the production build: completion, pasted payloads,
// a new session, the theme.
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

const ID1 = '7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3';
const ID2 = 'd9dd75896c51ce5d483244c3a9b7be0e9ce794f0';

describe('e2e: console', () => {
  it('Tab completes commands and subcommands, and cycles through several candidates', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await sandbox.command.click();
    await page.keyboard.type('@kv2 clusterx setno');
    await page.keyboard.press('Tab');
    expect(await sandbox.command.inputValue()).toBe('@kv2 clusterx setnode');
    expect(await page.getByRole('list', { name: 'Completions' }).getByRole('listitem').allTextContents()).toEqual(['setnodeid', 'setnodes']);
    await page.keyboard.press('Tab');
    expect(await sandbox.command.inputValue()).toBe('@kv2 clusterx setnodeid');
    await page.keyboard.type(' ');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await sandbox.command.inputValue()).toBe(`@kv2 clusterx setnodeid ${ID2}`);
    await page.keyboard.press('Enter');
    expect(await sandbox.outputOf(`@kv2 clusterx setnodeid ${ID2}`)).toBe('OK');
    // With an empty line Tab leaves the console, as everywhere else on the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).not.toBe('console-command');
    await page.close();
  });

  it('a pasted SETNODES payload spanning lines is one input; Shift+Enter adds a line', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await sandbox.command.click();
    await page.keyboard.insertText(`@kv2 CLUSTERX SETNODES "${ID1} 127.0.0.1 30001 master - 0-16383\n${ID2} 127.0.0.1 30002 slave ${ID1}" 1`);
    expect(await page.getByText('Open quote').count()).toBe(0);
    await page.keyboard.press('Enter');
    await page.getByText(/> @kv2 CLUSTERX SETNODES/).waitFor();
    expect(await sandbox.entries.count()).toBe(1);
    expect(await sandbox.outputOf(`@kv2 CLUSTERX SETNODES "${ID1} 127.0.0.1 30001 master - 0-16383`)).toBe(`${ID2} 127.0.0.1 30002 slave ${ID1}" 1\nOK`);

    await page.keyboard.type('PING');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('@kv2 ROLE');
    expect(await sandbox.command.inputValue()).toBe('PING\n@kv2 ROLE');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Console output"] .entry').length === 3);
    expect((await sandbox.transcript()).slice(1).map((t) => t.split('\n')[0])).toEqual(['127.0.0.1:30001> PING', '127.0.0.1:30001> @kv2 ROLE']);
    await page.close();
  });

  it('a new session with 5 nodes in fixed mode, after confirming the old one may go', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await sandbox.type('PING');
    await page.getByRole('button', { name: 'New session…' }).click();
    const dialog = page.getByRole('dialog', { name: 'New session' });
    await dialog.getByLabel('Nodes').fill('1001');
    await dialog.getByRole('button', { name: 'Start' }).click();
    await dialog.getByText('The node count is a whole number from 1 to 1000.').waitFor();
    await dialog.getByLabel('Nodes').fill('5');
    await dialog.getByLabel('Seed').fill('lab-42');
    await dialog.getByLabel('Behaviour').selectOption('fixed');
    await dialog.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('dialog', { name: 'Replace the current session?' }).getByRole('button', { name: 'Replace' }).click();
    await page.getByText('New session: 5 fresh nodes, seed lab-42, fixed mode.').waitFor();
    expect(await sandbox.entries.count()).toBe(0);
    await sandbox.type('@kv5 ROLE');
    expect(await page.getByRole('radio', { name: /^fixed/ }).isChecked()).toBe(true);
    await page.close();
  });

  it('the theme toggle switches light and dark and is remembered', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    const before = await theme();
    await page.getByRole('button', { name: /Switch to the (light|dark) theme/ }).click();
    const after = await theme();
    expect(after).not.toBe(before);
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.reload();
    await sandbox.command.waitFor();
    expect(await theme()).toBe(after);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(background);
    await page.close();
  });
});
