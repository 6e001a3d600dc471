// Nothing a person did is lost, in the production build: a scenario a reload interrupts resumes;
// import checks first and asks; typing at an earlier time asks and can be undone.
import type { Page } from 'playwright-core';
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

async function openSandbox(): Promise<{ page: Page; sandbox: SandboxPage }> {
  const page = await app.browser.newPage(1440, 900);
  const sandbox = new SandboxPage(page);
  await sandbox.open(app.url);
  return { page, sandbox };
}

const progress = (page: Page) => page.locator('progress[aria-label="Script progress"]');
const done = async (page: Page) => Number(await progress(page).getAttribute('value'));
const importFile = (page: Page, name: string, body: string) =>
  page.locator('input[type="file"]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(body) });
const session = (log: { at: number; input: string }[]) => JSON.stringify({ format: 'kvlab-session', version: 1, seed: 5, mode: 'fixed', nodes: 2, time: 0, horizon: 0, log });

describe('e2e: nothing lost', () => {
  it('a reload in the middle of "Reproduce #2618" resumes it, with a notice, and it concludes', async () => {
    const { page, sandbox } = await openSandbox();
    await page.getByRole('button', { name: 'Reproduce #2618' }).click();
    await expect.poll(() => done(page)).toBeGreaterThanOrEqual(6);
    await page.reload();
    const notice = page.getByRole('status').filter({ hasText: /^Resuming issue-2618\.kvlab after the reload: \d+ inputs of \d+ had run\./ });
    await notice.waitFor();
    const conclusion = sandbox.entries.filter({ hasText: /^# Reproduced #2618/ });
    await conclusion.waitFor({ timeout: 30_000 });
    // Every input ran once: six SETNODES, as in an uninterrupted run.
    expect((await sandbox.transcript()).filter((t) => /^127\.0\.0\.1:\d+> @kv\d CLUSTERX SETNODES /.test(t))).toHaveLength(6);
    expect(await sandbox.outputOf('@kv3 INFO replication')).toMatch(/^role:slave$/m);
    // Done: another reload does not play it again.
    await page.reload();
    await sandbox.command.waitFor();
    await page.waitForTimeout(500);
    expect(await progress(page).count()).toBe(0);
    expect((await sandbox.transcript()).filter((t) => t.startsWith('# Reproduced #2618'))).toHaveLength(1);
    await page.close();
  });

  it('a failed import changes nothing, a running playback included, and names the field', async () => {
    const { page, sandbox } = await openSandbox();
    await page.getByRole('button', { name: 'Reproduce #2618' }).click();
    await expect.poll(() => done(page)).toBeGreaterThanOrEqual(2);
    await importFile(page, 'broken.json', JSON.stringify({ format: 'kvlab-session', seed: 1, mode: 'sideways', nodes: 3, log: [], time: 0, horizon: 0 }));
    await page.getByRole('alert').filter({ hasText: 'Could not import broken.json: "mode" must be one of' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Nothing was changed.');
    // The playback went on and finished.
    await sandbox.entries.filter({ hasText: /^# Reproduced #2618/ }).waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('import asks before replacing a session with inputs; Cancel keeps it, Replace replaces it', async () => {
    const { page, sandbox } = await openSandbox();
    await sandbox.type('@kv1 SET mine 1');
    await importFile(page, 'other.json', session([{ at: 0, input: '@kv1 SET theirs 2' }]));
    const dialog = page.getByRole('dialog', { name: 'Replace the current session?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Importing other.json replaces it. The current session (1 input) will be replaced');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect((await sandbox.transcript()).map((t) => t.split('\n')[0])).toEqual(['127.0.0.1:30001> @kv1 SET mine 1']);
    await importFile(page, 'other.json', session([{ at: 0, input: '@kv1 SET theirs 2' }]));
    await dialog.getByRole('button', { name: 'Replace' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported other.json: 1 input replayed.' }).waitFor();
    expect((await sandbox.transcript()).map((t) => t.split('\n')[0])).toEqual(['127.0.0.1:30001> @kv1 SET theirs 2']);
    await page.close();
  });

  it('typing after scrubbing back asks before dropping the later inputs, and Undo restores them', async () => {
    const { page, sandbox } = await openSandbox();
    for (const input of ['@kv1 SET a 1', '.wait 1s', '@kv1 SET b 2', '.wait 1s', '@kv1 SET c 3']) await sandbox.type(input);
    const original = await sandbox.transcript();
    await page.getByRole('slider', { name: 'Timeline' }).fill('500');
    await expect.poll(() => sandbox.now()).toBe(500);
    await sandbox.command.click();
    await page.keyboard.type('@kv1 GET a');
    await page.keyboard.press('Enter');
    const ask = page.getByRole('alert').filter({ hasText: 'Typing here drops 4 later inputs.' });
    await ask.waitFor();
    expect(await sandbox.transcript()).toEqual(original.slice(0, 1));
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Dropped 4 later inputs.' }).waitFor();
    expect((await sandbox.transcript()).map((t) => t.split('\n')[0])).toEqual(['127.0.0.1:30001> @kv1 SET a 1', '127.0.0.1:30001> @kv1 GET a']);
    await page.getByRole('button', { name: 'Undo' }).click();
    await page.getByRole('button', { name: 'Jump to end' }).click();
    await expect.poll(() => sandbox.transcript()).toEqual(original);
    await page.close();
  });
});
