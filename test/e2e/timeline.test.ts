// The timeline on the production build: scrub back, play the recorded inputs again, branch.
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

describe('e2e: time controls', () => {
  it('scrubbing back and playing forward gives the same console output; typing there branches', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await page.getByRole('button', { name: 'Reproduce #2618', exact: true }).click();
    await page.getByRole('button', { name: 'Run the rest now' }).click();
    await page.getByRole('status').getByText(/Reproduced #2618/).waitFor();
    const full = await sandbox.transcript();
    expect(await sandbox.now()).toBe(7000);

    // Home on the timeline: back to t=0, where only the inputs typed at t=0 have run.
    const timeline = page.getByRole('slider', { name: 'Timeline' });
    await timeline.focus();
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('[aria-label="Time controls"] output')?.textContent === 't=0.000s');
    const atZero = await sandbox.transcript();
    expect(atZero.length).toBeLessThan(full.length);
    expect(atZero).toEqual(full.slice(0, atZero.length));
    await expect(page.getByText(/later inputs: play replays, typing branches/).isVisible()).resolves.toBe(true);

    // Space (focus on the slider, not in the console) plays; at 100x the recorded inputs replay.
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('100');
    await timeline.focus();
    await page.keyboard.press('Space');
    await page.waitForFunction(() => Number(/t=(\d+\.\d+)s/.exec(document.querySelector('[aria-label="Time controls"] output')?.textContent ?? '')?.[1]) >= 7);
    await page.keyboard.press('Space');
    expect(await sandbox.transcript()).toEqual(full);

    // Scrub to the middle and type: asked first, then the recorded future is dropped, the timeline ends here.
    await timeline.fill('2500');
    await page.waitForFunction(() => document.querySelector('[aria-label="Time controls"] output')?.textContent === 't=2.500s');
    await sandbox.command.click();
    await page.keyboard.type('@kv1 ROLE');
    await page.keyboard.press('Enter');
    await page.getByRole('alert').filter({ hasText: /^Typing here drops \d+ later inputs\./ }).waitFor();
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await sandbox.transcript()).at(-1)?.split('\n')[0]).toBe('127.0.0.1:30001> @kv1 ROLE');
    expect(await sandbox.now()).toBe(2500);
    await expect(page.getByText(/later inputs: play replays/).count()).resolves.toBe(0);
    expect(await page.getByRole('slider', { name: 'Timeline' }).getAttribute('max')).toBe('2500');
    await page.close();
  });

  it('the step button and the `.` key stop at the next event', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    const ids = ['7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3', 'd9dd75896c51ce5d483244c3a9b7be0e9ce794f0'];
    await page.getByRole('button', { name: 'Step' }).click();
    await page.getByText('Nothing is scheduled').waitFor();
    await sandbox.type(`@kv2 CLUSTERX SETNODEID ${ids[1]}`);
    await sandbox.type(`@kv2 CLUSTERX SETNODES "${ids[0]} 127.0.0.1 30001 master - 0-16383\n${ids[1]} 127.0.0.1 30002 slave ${ids[0]}" 1`);
    await page.getByRole('button', { name: 'Step' }).click();
    const first = await sandbox.now();
    expect(first).toBeGreaterThan(0);
    await page.locator('body').click({ position: { x: 5, y: 790 } });
    await page.keyboard.press('.');
    await page.waitForFunction((t) => !document.querySelector('[aria-label="Time controls"] output')?.textContent?.includes(t), `t=${(first / 1000).toFixed(3)}s`);
    expect(await sandbox.now()).toBeGreaterThan(first);
    await page.close();
  });
});
