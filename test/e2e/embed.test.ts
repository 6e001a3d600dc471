// <kvrocks-lab> in the production build, on plain HTML pages in Chromium: two elements replaying
// #2618 in buggy and fixed mode side by side, the events a docs page hears, errors shown inside the
// element, independence of the elements, and nothing leaking into the page. Also the iframe page
// and the demo page.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenarioIds } from '../../src/embed/catalogue.ts';
import { heard, hostHtml, lastOutputOf, openHost, shadowText, transcriptOf, waitHeard } from './embed-page.ts';
import { startApp } from './support.ts';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

/** A page that records what went wrong in it (uncaught errors, console errors, failed requests). */
async function newPage(width = 1280, height = 1400): Promise<{ page: Page; problems: string[] }> {
  const page = await app.browser.newPage(width, height);
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // A failed load is logged without its address: the response handler below reports it.
    if ((m.type() === 'error' || m.type() === 'warning') && !m.text().startsWith('Failed to load resource')) problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
  });
  return { page, problems };
}

const TWO_MODES = `
<kvrocks-lab id="buggy" scenario="issue-2618" mode="buggy" autoplay speed="25" height="360"></kvrocks-lab>
<kvrocks-lab id="fixed" scenario="issue-2618" mode="fixed" autoplay speed="25" height="360"></kvrocks-lab>
<kvrocks-lab id="bad" scenario="issue-9999" nodes="0"></kvrocks-lab>`;

describe('e2e: <kvrocks-lab> on a plain page', () => {
  it('two elements autoplay #2618 in buggy and fixed mode, each with its own outcome, heard by the page', async () => {
    const { page, problems } = await newPage();
    await openHost(page, app.url, hostHtml(TWO_MODES));
    await waitHeard(page, 'kvlab-finished', 'buggy');
    await waitHeard(page, 'kvlab-finished', 'fixed');

    // Each element's own transcript, read from inside its shadow root.
    expect(await lastOutputOf(page, 'buggy', '@kv3 INFO replication')).toContain('role:slave');
    expect(await lastOutputOf(page, 'fixed', '@kv3 INFO replication')).toContain('role:master');
    expect(await lastOutputOf(page, 'buggy', '@kv1 INFO replication')).toContain('connected_slaves:2');
    expect(await lastOutputOf(page, 'fixed', '@kv1 INFO replication')).toContain('connected_slaves:1');

    for (const [id, mode] of [['buggy', 'buggy'], ['fixed', 'fixed']] as const) {
      expect(await heard(page, 'kvlab-ready', id)).toEqual([{ name: 'kvlab-ready', id, detail: { title: 'apache/kvrocks#2618', file: 'labs/scenarios/issue-2618.kvlab', cues: 23, mode, seed: 1, nodes: 3 } }]);
      const steps = (await heard(page, 'kvlab-step', id)).map((e) => e.detail);
      expect(steps).toHaveLength(23);
      expect(steps.map((s) => s.index)).toEqual([...Array(23).keys()]);
      expect(steps[22]).toMatchObject({ input: '@kv1 CLUSTER NODES', source: 'script', line: 37, error: null });
      const role = [...steps].reverse().find((s) => s.input === '@kv3 INFO replication')!.output;
      expect(role).toContain(mode === 'buggy' ? 'role:slave' : 'role:master');
      const [finished] = await heard(page, 'kvlab-finished', id);
      expect(finished!.detail).toMatchObject({ status: 'finished', inputs: 23, mode, failure: null, checks: null });
      // 7 s of waits; in fixed mode kv3's SETNODES also waits for its replication thread's next
      // 100 ms loop tick to stop it (replication-stop.ts), a fraction of a millisecond here.
      expect(finished!.detail.time).toBeGreaterThanOrEqual(7000);
      expect(finished!.detail.time).toBeLessThan(mode === 'buggy' ? 7000.001 : 7100);
      const resized = await heard(page, 'kvlab-resize', id);
      expect(resized.at(-1)!.detail).toEqual({ width: 1264, height: 360 });
    }
    // The bad element said why, to the page and inside itself.
    expect((await heard(page, 'kvlab-error', 'bad'))[0]!.detail.errors).toEqual([
      { attribute: 'scenario', message: `unknown scenario "issue-9999": scenarios are ${scenarioIds().join(', ')}` },
      { attribute: 'nodes', message: "'nodes' must be a whole number from 1 to 500, got \"0\"" },
    ]);
    const bad = await shadowText(page, 'bad');
    expect(bad).toContain('This Kvrocks Cluster Lab demo cannot start');
    expect(bad).toContain('unknown scenario "issue-9999"');
    expect((await page.locator('#bad').boundingBox())!.height).toBeGreaterThan(100);
    expect(await page.locator('#bad').getByRole('alert').isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('the elements share nothing: typing in one leaves the other alone', async () => {
    const { page } = await newPage();
    await openHost(page, app.url, hostHtml(TWO_MODES));
    await waitHeard(page, 'kvlab-finished', 'buggy');
    await waitHeard(page, 'kvlab-finished', 'fixed');
    const fixedBefore = await transcriptOf(page, 'fixed');

    const command = page.locator('#buggy').getByRole('textbox', { name: 'Command' });
    await command.click();
    await page.keyboard.type('@kv1 SET typed-in-buggy 1');
    expect(await page.locator('#fixed').getByRole('textbox', { name: 'Command' }).inputValue()).toBe('');
    await page.keyboard.press('Enter');
    await waitHeard(page, 'kvlab-step', 'buggy', 24);
    expect(await lastOutputOf(page, 'buggy', '@kv1 SET typed-in-buggy 1')).toBe('OK');
    expect((await heard(page, 'kvlab-step', 'buggy')).at(-1)!.detail).toMatchObject({ index: 23, source: 'console', output: 'OK' });

    expect(await transcriptOf(page, 'fixed')).toEqual(fixedBefore);
    expect(await heard(page, 'kvlab-step', 'fixed')).toHaveLength(23);
    const fixedCommand = page.locator('#fixed').getByRole('textbox', { name: 'Command' });
    await fixedCommand.fill('@kv1 GET typed-in-buggy');
    await fixedCommand.press('Enter');
    await waitHeard(page, 'kvlab-step', 'fixed', 24);
    expect(await lastOutputOf(page, 'fixed', '@kv1 GET typed-in-buggy')).toBe('(nil)');

    // Restart in one: a fresh cluster there, the other untouched.
    await page.locator('#buggy').getByRole('button', { name: 'Restart' }).click();
    await page.waitForFunction(() => document.getElementById('buggy')!.shadowRoot!.querySelectorAll('[aria-label="Console output"] .entry').length < 5);
    expect((await transcriptOf(page, 'fixed')).length).toBe(fixedBefore.length + 1);
    // The restarted element has a graph of its new cluster and autoplays again; switching its
    // theme then restarts nothing.
    await page.waitForFunction(() => document.getElementById('buggy')!.shadowRoot!.querySelector('canvas') !== null);
    await waitHeard(page, 'kvlab-finished', 'buggy', 2);
    const restarted = await transcriptOf(page, 'buggy');
    await page.evaluate(() => document.getElementById('buggy')!.setAttribute('theme', 'dark'));
    await page.waitForTimeout(100);
    expect(await transcriptOf(page, 'buggy')).toEqual(restarted);
    expect(await page.evaluate(() => getComputedStyle(document.getElementById('buggy')!.shadowRoot!.querySelector('.frame')!).backgroundColor)).toBe('rgb(22, 27, 34)');
    await page.close();
  });

  it('leaks nothing into the page: no globals, no styles, no storage; the page styles do not reach in', async () => {
    const { page, problems } = await newPage();
    await openHost(page, app.url, hostHtml(TWO_MODES));
    await waitHeard(page, 'kvlab-finished', 'buggy');
    await waitHeard(page, 'kvlab-finished', 'fixed');
    // Both graphs (Cytoscape, loaded lazily) are up.
    await page.waitForFunction(() => ['buggy', 'fixed'].every((id) => document.getElementById(id)!.shadowRoot!.querySelector('canvas') !== null));

    const after = await page.evaluate(() => {
      const w = window as unknown as { before: { keys: string[]; sheets: number; head: number; storage: number } };
      const root = document.getElementById('buggy')!.shadowRoot!;
      return {
        newKeys: Object.getOwnPropertyNames(window).filter((k) => !w.before.keys.includes(k)),
        sheets: document.styleSheets.length,
        head: document.head.children.length,
        headStyles: [...document.querySelectorAll('style')].map((s) => s.textContent!.slice(0, 30)),
        storage: localStorage.length + sessionStorage.length,
        before: w.before,
        shadowStyles: root.querySelectorAll('style').length,
        svelteStylesInShadow: [...root.querySelectorAll('style')].filter((s) => /^svelte-/.test(s.id)).length,
        transcriptColor: getComputedStyle(root.querySelector('[aria-label="Console output"] pre')!).color,
        transcriptSize: getComputedStyle(root.querySelector('[aria-label="Console output"] pre')!).fontSize,
        hostParagraph: getComputedStyle(document.querySelector('p.host')!).color,
        bodyFont: getComputedStyle(document.body).fontSize,
      };
    });
    expect(after.newKeys).toEqual([]);
    expect(after.sheets).toBe(after.before.sheets);
    expect(after.head).toBe(after.before.head);
    expect(after.headStyles).toEqual(['body { color: rgb(1, 2, 3); fo']);
    expect(after.storage).toBe(0);
    expect(after.shadowStyles).toBeGreaterThan(3);
    expect(after.svelteStylesInShadow).toBeGreaterThan(3);
    expect(after.transcriptColor).not.toBe('rgb(1, 2, 3)');
    expect(after.transcriptColor).not.toBe('rgb(200, 0, 0)');
    expect(after.transcriptSize).toBe('13px');
    expect(after.hostParagraph).toBe('rgb(10, 20, 30)');
    expect(after.bodyFont).toBe('17px');
    expect(problems).toEqual([]);
    await page.close();
  });

  it('every bad attribute is shown inside its element, a script error with its line', async () => {
    const { page } = await newPage();
    const cases: [string, string, RegExp][] = [
      ['scenario', 'scenario="issue-26l8"', new RegExp(`scenario unknown scenario "issue-26l8": scenarios are ${scenarioIds().join(', ')}`)],
      ['mode', 'scenario="issue-2618" mode="broken"', /mode unknown mode "broken": use buggy, fixed, guarded/],
      ['seed', 'scenario="issue-2618" seed="two words"', /seed bad seed "two words": a number \(e\.g\. 42\) or a word/],
      ['nodes', 'nodes="501"', /nodes 'nodes' must be a whole number from 1 to 500, got "501"/],
      ['script', 'script="PING&#10;.wiat 5s"', /script line 2: unknown dot-command '\.wiat': type \.help for the list/],
      ['lab', 'lab="fix-2643" mode="buggy"', /mode lab 'fix-2643' is written for mode fixed, not buggy/],
      ['both', 'lab="bootstrap" scenario="issue-2618"', /give one of lab, scenario or script, not lab and scenario/],
      ['html', 'scenario="<img src=x onerror=alert(1)>"', /unknown scenario "<img src=x onerror=alert\(1\)>"/],
    ];
    const child = `<kvrocks-lab id="child"><script type="text/kvrocks">
      PING
      @kv7 ROLE
    </script></kvrocks-lab>`;
    await openHost(page, app.url, hostHtml(cases.map(([id, attrs]) => `<kvrocks-lab id="${id}" ${attrs}></kvrocks-lab>`).join('\n') + child));
    await waitHeard(page, 'kvlab-error', 'child');
    for (const [id, , message] of cases) {
      await waitHeard(page, 'kvlab-error', id);
      const text = (await page.locator(`#${id}`).getByRole('alert').innerText()).replace(/\s+/g, ' ');
      expect(text, id).toMatch(message);
      expect((await page.locator(`#${id}`).boundingBox())!.height, id).toBeGreaterThan(100);
    }
    expect(await page.locator('#child').getByRole('alert').innerText()).toContain("line 2: unknown node 'kv7': the cluster has kv1..kv3");
    // The markup in the bad value stayed text.
    expect(await page.evaluate(() => document.getElementById('html')!.shadowRoot!.querySelectorAll('img').length)).toBe(0);
    // Fixing the attribute starts the demo.
    await page.evaluate(() => document.getElementById('mode')!.setAttribute('mode', 'fixed'));
    await waitHeard(page, 'kvlab-ready', 'mode');
    expect(await page.locator('#mode').getByRole('alert').count()).toBe(0);
    await page.close();
  });

  it('read-only: a child script plays, with play/pause/restart only and no command line', async () => {
    const { page, problems } = await newPage(600, 900);
    await openHost(
      page,
      app.url,
      hostHtml(`<kvrocks-lab id="ro" readonly autoplay speed="20" nodes="2">
  <script type="text/kvrocks">
    @kv1 CLUSTERX SETNODEID 7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3
    @kv1 CLUSTERX SETNODES "7d29c2ce272ce13d0b70d6b6fb284e18ac6f16b3 127.0.0.1 30001 master - 0-16383" 1
    .wait 2s
    @kv1 SET answer 42
    @kv1 GET answer
  </script>
</kvrocks-lab>`),
    );
    await waitHeard(page, 'kvlab-finished', 'ro');
    expect(await lastOutputOf(page, 'ro', '@kv1 GET answer')).toBe('"42"');
    const ro = page.locator('#ro');
    expect(await ro.getByRole('textbox').count()).toBe(0);
    expect(await ro.getByRole('button').allInnerTexts()).toEqual(expect.arrayContaining(['Replay', 'Restart']));
    expect(await ro.getByRole('button', { name: 'Step' }).count()).toBe(0);
    expect(await ro.getByRole('button', { name: 'Run all' }).count()).toBe(0);
    expect((await ro.boundingBox())!.width).toBe(600 - 16); // the page's body margin
    expect((await heard(page, 'kvlab-finished', 'ro'))[0]!.detail).toMatchObject({ inputs: 5, time: 2000 });
    await ro.getByRole('button', { name: 'Replay' }).click();
    await waitHeard(page, 'kvlab-finished', 'ro', 2);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('a lab: kvlab-check events carry each check and its field-level difference', async () => {
    const { page } = await newPage();
    await openHost(page, app.url, hostHtml('<kvrocks-lab id="lab" lab="issue-2618" mode="buggy" autoplay speed="25"></kvrocks-lab>'));
    await waitHeard(page, 'kvlab-finished', 'lab');
    const checks = (await heard(page, 'kvlab-check', 'lab')).map((e) => e.detail);
    expect(checks.length).toBeGreaterThan(10);
    expect(checks.every((c) => c.ok)).toBe(true);
    expect(checks.find((c) => c.check === '[fails in buggy] kv3 INFO replication: role = master within 5s')).toMatchObject({
      status: 'fail',
      expected: 'fail',
      message: 'kv3 INFO replication: expected role:master, got role:slave (after 5s)',
      step: { id: 'removed-node' },
    });
    expect((await heard(page, 'kvlab-finished', 'lab'))[0]!.detail.checks).toEqual({ expected: checks.length, unexpected: 0 });
    expect(await shadowText(page, 'lab')).toContain('Step 5/5');
    await page.close();
  });
});

describe('e2e: the iframe page and the demo page', () => {
  it('embed.html takes the settings from its query', async () => {
    const { page, problems } = await newPage(700, 600);
    await page.goto(`${app.url}embed.html?scenario=issue-2618&mode=fixed&autoplay&speed=25`);
    await page.locator('kvrocks-lab').getByText(/\d+\/23/).waitFor();
    await page.waitForFunction(() => document.querySelector('kvrocks-lab')!.shadowRoot!.textContent!.includes('23/23'), null, { timeout: 30_000 });
    const text = await page.evaluate(() => document.querySelector('kvrocks-lab')!.shadowRoot!.textContent!);
    expect(text).toContain('role:master');
    // Its own height (so the parent can size the frame to it: test/e2e/hosting.test.ts), or the frame's with height=fill.
    expect((await page.locator('kvrocks-lab').boundingBox())!.height).toBe(560);
    expect(problems).toEqual([]);
    await page.goto(`${app.url}embed.html?scenario=issue-2618&height=fill`);
    await page.locator('kvrocks-lab').getByText('Press Play to run this scenario', { exact: false }).waitFor();
    expect((await page.locator('kvrocks-lab').boundingBox())!.height).toBe(600);

    await page.goto(`${app.url}embed.html?scenario=issue-2618&color=red&autoplay=later&nodes=1000`);
    const alert = (await page.locator('kvrocks-lab').getByRole('alert').innerText()).replace(/\s+/g, ' ');
    expect(alert).toContain('unknown parameter "color"');
    expect(alert).toContain("'autoplay' is a yes/no parameter");
    expect(alert).toContain('Fix the URL parameters above');
    expect(alert).toContain("'nodes' must be a whole number from 1 to 500");
    await page.close();
  });

  it('demo.html: three embeds with prose, and a snippet generator', async () => {
    const { page, problems } = await newPage(900, 1000);
    await page.goto(`${app.url}demo.html`);
    expect(await page.locator('kvrocks-lab').count()).toBe(3);
    expect(await page.locator('#snippet-html').innerText()).toContain('<kvrocks-lab scenario="issue-2618" autoplay></kvrocks-lab>');
    await page.selectOption('#snippet-source', 'lab:orphan-2841');
    await page.selectOption('#snippet-mode', 'guarded');
    await page.fill('#snippet-seed', '7');
    await page.check('#snippet-readonly');
    expect(await page.locator('#snippet-html').innerText()).toBe(`<script src="${app.url}kvrocks-lab.js"></script>\n<kvrocks-lab lab="orphan-2841" mode="guarded" seed="7" autoplay readonly></kvrocks-lab>`);
    expect(await page.locator('#snippet-url').innerText()).toBe(`${app.url}embed.html?lab=orphan-2841&mode=guarded&seed=7&autoplay&readonly`);
    await page.fill('#snippet-nodes', '<b>9</b>');
    expect(await page.locator('#snippet-errors').innerText()).toContain('\'nodes\' must be a whole number from 1 to 500, got "<b>9</b>"');
    expect(await page.locator('#snippet-errors b').count()).toBe(0);
    await waitHeardOnDemo(page);
    expect(problems).toEqual([]);
    await page.close();
  });
});

/** The demo page's first embed is in view and autoplays; the page shows what it heard. */
async function waitHeardOnDemo(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.querySelector('.heard[data-for="demo-2618-buggy"]')?.textContent ?? '').includes('kvlab-finished'), null, { timeout: 30_000 });
  expect(await page.locator('.heard[data-for="demo-2618-buggy"]').innerText()).toContain('kv3 ends as role:slave');
}
