// The compare view: #2618 typed in buggy mode, run in buggy and fixed side by side; the first
// divergence is the version-2 SETNODES on kv3, marked on both sides with what differs, and one
// timeline moves both.
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

describe('e2e: compare view', () => {
  it('marks the first divergence of #2618 at the version-2 SETNODES on kv3, in both sides', async () => {
    const page = await app.browser.newPage(1440, 950);
    const s = new SandboxPage(page);
    await s.open(app.url);
    const commands = issue2618Commands();
    for (const input of commands) await s.type(input);
    await page.getByRole('button', { name: 'Compare' }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare' });
    const divergence = dialog.getByTestId('divergence');
    await divergence.getByText('First divergence').waitFor();
    const text = (await divergence.innerText()).replace(/\s+/g, ' ');
    const v2kv3 = commands.findIndex((c) => c.startsWith('@kv3 CLUSTERX SETNODES') && c.endsWith('" 2'));
    expect(text).toContain(`First divergence: input ${v2kv3 + 1} at t=2.000s`);
    expect(text).toContain('kv3 running: slave | master');
    // Both sides mark the same input, and their graphs outline kv3.
    for (const side of ['buggy', 'fixed']) {
      const region = dialog.getByRole('region', { name: `${side} side` });
      const marked = region.locator('.entry.marked');
      expect(await marked.count()).toBe(1);
      expect((await marked.innerText()).split('\n')[0]).toBe('127.0.0.1:30001> @kv3 CLUSTERX SETNODES "7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3 127.0.0.1 30001 master - 0-16383');
      expect(await region.getByRole('img').getAttribute('aria-label')).toBe(`${side}: cluster graph, differs at kv3`);
    }
    // One timeline: stepping back moves both sides before the divergence.
    const position = dialog.getByRole('group', { name: 'Timeline for both sides' }).locator('output');
    expect(await position.innerText()).toBe(`${v2kv3 + 1}/${commands.length} · past the divergence`);
    await dialog.getByRole('button', { name: '◀ Back' }).click();
    expect(await position.innerText()).toBe(`${v2kv3}/${commands.length} · before the divergence`);
    for (const side of ['buggy', 'fixed']) {
      const region = dialog.getByRole('region', { name: `${side} side` });
      expect(await region.locator('.entry').count()).toBe(v2kv3);
      expect(await region.getByRole('img').getAttribute('aria-label')).toBe(`${side}: cluster graph`);
    }
    // The end of the session: the last INFO on kv1 lists kv3 in buggy only.
    await dialog.getByRole('slider', { name: 'Inputs applied on both sides' }).fill(String(commands.length));
    const lastOf = async (side: string) => (await dialog.getByRole('region', { name: `${side} transcript` }).locator('.entry', { hasText: '@kv1 INFO replication' }).last().innerText());
    expect(await lastOf('buggy')).toContain('port=30003');
    expect(await lastOf('fixed')).not.toContain('port=30003');
    // The page's own session is untouched.
    await page.keyboard.press('Escape');
    expect(await s.outputOf('@kv3 INFO replication')).toContain('role:slave');
    await page.close();
  });
});
