// Links to a moment and exports (issue 11): a permalink opened in a fresh browser shows the same
// console; the session file re-imports to an equal session; the transcript and the repro script
// download as text.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issue2618Commands, SandboxPage } from './sandbox-page.ts';
import { launchBrowser, startApp } from './support.ts';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

/** Runs the #2618 steps up to kv3's removal and a wait, as a person types them. */
async function session(s: SandboxPage): Promise<void> {
  for (const input of issue2618Commands().slice(0, 12)) await s.type(input);
  await s.type('@kv1 INFO replication');
}

async function exportMenu(s: SandboxPage, item: RegExp): Promise<void> {
  await s.page.getByRole('button', { name: /^Export/ }).click();
  await s.page.getByRole('button', { name: item }).click();
}

describe('e2e: links to a moment', () => {
  it('Copy link to this moment, opened in a fresh browser, replays to the same console and time', async () => {
    const page = await app.browser.newPage(1440, 900);
    await app.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    const s = new SandboxPage(page);
    await s.open(app.url);
    await session(s);
    const info = await s.outputOf('@kv1 INFO replication');
    const at = await s.now();
    expect(info).toContain('connected_slaves:');
    await exportMenu(s, /Copy link to this moment/);
    await page.getByText('Copied a link to this moment', { exact: false }).waitFor();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link.startsWith(`${app.url}#session=`)).toBe(true);
    await page.close();

    const fresh = await launchBrowser();
    try {
      const other = new SandboxPage(await fresh.newPage(1440, 900));
      await other.page.goto(link);
      await other.page.getByText('Opened the linked session', { exact: false }).waitFor();
      expect(await other.outputOf('@kv1 INFO replication')).toBe(info);
      expect(await other.now()).toBe(at);
      expect(new URL(other.page.url()).hash).toBe('');
      // A damaged copy of the same link changes nothing and says why.
      await other.page.goto(`${link.slice(0, -20)}`);
      await other.page.getByText('This link cannot be opened', { exact: false }).waitFor();
      expect(await other.outputOf('@kv1 INFO replication')).toBe(info);
    } finally {
      await fresh.close();
    }
  });

  it('export then import gives an equal session; the transcript and the repro script are text', async () => {
    const page = await app.browser.newPage(1440, 900);
    const s = new SandboxPage(page);
    await s.open(app.url);
    await session(s);
    const before = await s.transcript();
    const saved = page.waitForEvent('download');
    await exportMenu(s, /Session file/);
    const file = await (await saved).path();
    const json = readFileSync(file, 'utf8');
    expect(JSON.parse(json)).toMatchObject({ format: 'kvlab-session', version: 1, nodes: 3 });

    const text = page.waitForEvent('download');
    await exportMenu(s, /Transcript/);
    const transcript = readFileSync(await (await text).path(), 'utf8');
    expect(transcript).toContain('127.0.0.1:30001> @kv1 INFO replication\n# Replication\nrole:master\n');

    const repro = page.waitForEvent('download');
    await exportMenu(s, /Repro script/);
    const script = readFileSync(await (await repro).path(), 'utf8');
    expect(script.startsWith('#!/bin/sh\n# Kvrocks Cluster Lab repro: a Cluster Lab session, mode buggy, seed 1')).toBe(true);
    expect(script).toContain(`run "$KV1" 'INFO' 'replication'`);

    const fresh = await launchBrowser();
    try {
      const other = new SandboxPage(await fresh.newPage(1440, 900));
      await other.open(app.url);
      await other.page.locator('input[type=file]').setInputFiles({ name: 'session.json', mimeType: 'application/json', buffer: Buffer.from(json) });
      await other.page.getByText('Imported session.json', { exact: false }).waitFor();
      expect(await other.transcript()).toEqual(before);
    } finally {
      await fresh.close();
    }
    await page.close();
  });
});
