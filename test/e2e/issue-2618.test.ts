// The #2618 reproduction typed into the console of the production build, in buggy and fixed mode.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue2618Commands, SandboxPage } from './sandbox-page.ts';
import { startApp } from './support.ts';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

describe('e2e: #2618 typed into the console', () => {
  it('buggy: kv3 keeps replicating after its removal, and kv1 still lists it', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await expect(page.getByRole('radio', { name: /^buggy/ }).isChecked()).resolves.toBe(true);
    for (const command of issue2618Commands()) await sandbox.type(command);

    // Each multi-line SETNODES payload went in as one input, and every node took it.
    const setnodes = (await sandbox.transcript()).filter((text) => text.includes('CLUSTERX SETNODES'));
    expect(setnodes).toHaveLength(6);
    for (const entry of setnodes) expect(entry).toMatch(/^127\.0\.0\.1:30001> @kv\d CLUSTERX SETNODES "7d29[^"]*\n[^"]*" [12]\nOK$/);
    expect(await sandbox.outputOf('@kv3 CLUSTERX VERSION')).toBe('"2"');
    expect(await sandbox.outputOf('@kv3 INFO replication')).toMatch(/^role:slave$/m);
    const kv1 = await sandbox.outputOf('@kv1 INFO replication');
    expect(kv1).toMatch(/^connected_slaves:2$/m);
    expect(kv1).toMatch(/^slave\d:ip=127\.0\.0\.1,port=30003,/m);
    expect(await sandbox.now()).toBe(7000);
    await page.close();
  });

  it('fixed: kv3 becomes a master and kv1 drops it after ~5 s of virtual time played', async () => {
    const page = await app.browser.newPage();
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    await sandbox.chooseMode('fixed');
    expect((await sandbox.transcript()).at(-1)).toMatch(/^127\.0\.0\.1:30001> \.mode fixed\n# mode fixed: /);

    // Everything up to the script's `.wait 5s` is typed; the 5 s are played with the time controls.
    const commands = issue2618Commands();
    const wait = commands.indexOf('.wait 5s');
    for (const command of commands.slice(0, wait)) await sandbox.type(command);
    const removedAt = await sandbox.now();
    await page.getByRole('combobox', { name: 'Speed' }).selectOption('10');
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForFunction(
      (target) => Number(/t=(\d+\.\d+)s/.exec(document.querySelector('[aria-label="Time controls"] output')?.textContent ?? '')?.[1]) * 1000 >= target,
      removedAt + 5000,
    );
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(await sandbox.now()).toBeGreaterThanOrEqual(removedAt + 5000);
    for (const command of commands.slice(wait + 1)) await sandbox.type(command);

    expect(await sandbox.outputOf('@kv3 INFO replication')).toMatch(/^role:master$/m);
    const kv1 = await sandbox.outputOf('@kv1 INFO replication');
    expect(kv1).toMatch(/^connected_slaves:1$/m);
    expect(kv1).not.toMatch(/port=30003/);
    await page.close();
  });
});
