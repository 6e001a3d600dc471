// Issue 9 point 6, readable output, in the production build at 1024 px: CLUSTER NODES and .nodes
// keep their lines whole and scroll sideways in a focusable, named region; each reply has a copy
// button that copies it exactly; the console | graph split is resizable and remembered; the text
// view's table fits its pane with every column in view.
import type { Page } from 'playwright-core';
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

async function withTopology(width = 1024): Promise<{ page: Page; sandbox: SandboxPage }> {
  const page = await app.browser.newPage(width, 800);
  const sandbox = new SandboxPage(page);
  await sandbox.open(app.url);
  for (const input of issue2618Commands().slice(0, 6)) await sandbox.type(input);
  await sandbox.type('.wait 1s');
  return { page, sandbox };
}

const consoleWidth = (page: Page) => page.locator('#console-column').evaluate((el) => el.getBoundingClientRect().width);

describe('e2e: readable output', () => {
  it('CLUSTER NODES and .nodes never wrap: one line per line, scrolling sideways in a named, focusable region', async () => {
    const { page, sandbox } = await withTopology();
    for (const input of ['@kv1 CLUSTER NODES', '.nodes']) {
      await sandbox.type(input);
      const region = page.getByRole('group', { name: `Reply to ${input}` }).last();
      const lines = (await sandbox.outputOf(input)).split('\n');
      const shape = await region.evaluate((el) => {
        const pre = el.querySelector('pre')!;
        return { scroll: el.scrollWidth, client: el.clientWidth, height: pre.getBoundingClientRect().height, line: parseFloat(getComputedStyle(pre).lineHeight), tab: el.tabIndex, ws: getComputedStyle(pre).whiteSpace };
      });
      expect(shape.ws).toBe('pre');
      expect(Math.round(shape.height / shape.line)).toBe(lines.length);
      expect(shape.scroll).toBeGreaterThan(shape.client);
      expect(shape.tab).toBe(0);
      // The keyboard scrolls it.
      await region.focus();
      expect(await region.evaluate((el) => el === document.activeElement)).toBe(true);
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction((el) => el!.scrollLeft > 0, await region.elementHandle());
    }
    // A short reply is not a tab stop.
    await sandbox.type('PING');
    expect(await page.getByRole('group', { name: 'Reply to PING' }).evaluate((el) => el.hasAttribute('tabindex'))).toBe(false);
    await page.close();
  });

  it('each reply has a copy button, shown on hover or focus, that copies the reply exactly and says Copied', async () => {
    const { page, sandbox } = await withTopology();
    await app.browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
    await sandbox.type('@kv1 INFO replication');
    const entry = sandbox.entries.last();
    const button = entry.getByRole('button', { name: 'Copy reply to @kv1 INFO replication' });
    expect(await button.evaluate((el) => getComputedStyle(el).opacity)).toBe('0');
    await entry.hover();
    expect(await button.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await button.click();
    await entry.getByRole('button', { name: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await sandbox.outputOf('@kv1 INFO replication'));
    expect(copied).toMatch(/^# Replication\nrole:master\nconnected_slaves:2\n/);
    // By keyboard: Tab reaches the button (visible while focused), Enter copies.
    const other = sandbox.entries.filter({ hasText: '.wait 1s' }).getByRole('button', { name: /^Copy reply/ });
    await other.focus();
    expect(await other.evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
    await page.keyboard.press('Enter');
    await sandbox.entries.filter({ hasText: '.wait 1s' }).getByRole('button', { name: 'Copied' }).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('# waited 1s, now t=1.000s');
    await page.close();
  });

  it('the console | graph split is a keyboard-operable separator, draggable, and remembered', async () => {
    const page = await app.browser.newPage(1440, 900);
    const sandbox = new SandboxPage(page);
    await sandbox.open(app.url);
    const separator = page.getByRole('separator', { name: 'Resize the console and the graph' });
    const start = await consoleWidth(page);
    expect(await separator.getAttribute('aria-valuenow')).toBe('48');
    await separator.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    expect(await separator.getAttribute('aria-valuenow')).toBe('58');
    const wider = await consoleWidth(page);
    expect(wider).toBeGreaterThan(start + 60);
    await page.keyboard.press('Home');
    expect(await separator.getAttribute('aria-valuenow')).toBe('20');

    const box = (await separator.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + 300, box.y + 200, { steps: 5 });
    await page.mouse.up();
    const dragged = await consoleWidth(page);
    expect(Math.abs(dragged - (box.x + box.width + 300 - (await page.locator('#console-column').evaluate((el) => el.getBoundingClientRect().left))))).toBeLessThan(8);
    const value = await separator.getAttribute('aria-valuenow');
    await page.reload();
    await sandbox.command.waitFor();
    expect(await separator.getAttribute('aria-valuenow')).toBe(value);
    expect(Math.abs((await consoleWidth(page)) - dragged)).toBeLessThan(2);
    await page.close();
  });

  it("the text view's table fits its pane at 1024 px: every column in view, nothing scrolled out", async () => {
    const { page } = await withTopology();
    const mirror = page.locator('.mirror');
    await mirror.locator('tr[data-row="kv3"]').waitFor();
    const fit = await mirror.evaluate((el) => {
      const box = el.getBoundingClientRect();
      const headers = [...el.querySelectorAll('thead th')].map((th) => {
        const r = th.getBoundingClientRect();
        return { text: th.textContent, inside: r.left >= box.left - 1 && r.right <= box.right + 1 };
      });
      return { headers, scroll: el.scrollWidth, client: el.clientWidth };
    });
    expect(fit.headers.map((h) => h.text)).toEqual(['node', 'address', 'told role', 'running role', 'master link', 'ghost link', 'version', 'replicas fed', 'process']);
    expect(fit.headers.filter((h) => !h.inside)).toEqual([]);
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    await page.close();
  });
});
