// Guided labs in the production build, in Chromium: labs 2 and 3 clicked through (Run, Check,
// Next), each check passing or failing as the mode predicts; a reload mid-lab; hostile and broken
// lab files served in place of the real ones.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabsPage } from './labs-page.ts';
import { ROOT, startApp } from './support.ts';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

const LAB2 = 'Reproduce #2618: the removed replica that keeps replicating';
const LAB3 = 'The #2643 fix: a removed node lets go of its master';
const mirror = (labs: LabsPage) => labs.page.getByRole('region', { name: 'Text view and event log' }).textContent();

describe('e2e: guided labs', () => {
  it('the lab list shows every lab with its summary, modes and progress', async () => {
    const labs = new LabsPage(await app.browser.newPage());
    await labs.openLabs(app.url);
    const cards = labs.list.getByRole('listitem');
    expect(await cards.count()).toBe(readdirSync('labs').filter((f) => /^\d\d-.*\.md$/.test(f)).length);
    const card2 = cards.nth(1);
    expect(await card2.getByRole('heading').textContent()).toBe(LAB2);
    expect(await card2.textContent()).toContain('as Kvrocks did before PR #2643');
    expect(await card2.getByRole('radio').evaluateAll((rs) => rs.map((r) => (r as HTMLInputElement).value))).toEqual(['buggy', 'fixed']);
    expect(await card2.textContent()).toContain('5 steps · not started');
    await labs.page.close();
  });

  it('lab 2 in buggy mode: Run, Check, Next to the end; the intended-behaviour checks fail with their difference; a reload resumes', async () => {
    const labs = new LabsPage(await app.browser.newPage());
    const page = labs.page;
    await labs.openLabs(app.url);
    await labs.start(LAB2, 'buggy');
    expect(await page.getByRole('radio', { name: /^buggy/ }).isChecked()).toBe(true);
    expect(await labs.stepTitle.textContent()).toBe('A healthy cluster');

    // Step 1: the commands appear verbatim in the console; every check passes.
    await labs.runAll();
    const transcript = await labs.transcript();
    expect(transcript).toContain('127.0.0.1:30001> @kv1 SET greeting hello\nOK');
    expect(transcript.at(-1)).toMatch(/^127\.0\.0\.1:30001> @kv3 INFO replication\n# Replication\nrole:slave/);
    expect(await labs.check()).toBe('All 4 checks as the lab expects in buggy mode. On to the next step.');
    expect((await labs.checks()).map((c) => c.tone)).toEqual(['pass', 'pass', 'pass', 'pass']);
    await labs.next();

    // Step 2: the blocks alone leave kv3 untold: a real failure, with its field-level difference.
    const mirrorBefore = await mirror(labs);
    await labs.runAll();
    expect(await labs.check()).toMatch(/^3 of 5 checks are not as the lab expects/);
    const untold = (await labs.checks()).find((c) => c.source === 'kv3 CLUSTERX VERSION = "2"')!;
    expect(untold).toMatchObject({ tone: 'fail', detail: 'read kv3 CLUSTERX VERSION expected "2" got "1"' });
    expect(untold.outcome).toMatch(/^FAIL/);
    await labs.panel.getByRole('button', { name: 'Hint', exact: true }).click();
    expect(await labs.panel.getByRole('region', { name: 'Hint' }).textContent()).toContain('sent with @kv3');
    await labs.panel.getByRole('button', { name: 'Show solution', exact: true }).click();
    await labs.panel.getByRole('region', { name: 'Solution' }).getByRole('button', { name: 'Run', exact: true }).click();
    expect(await labs.check()).toBe('All 5 checks as the lab expects in buggy mode. On to the next step.');
    expect(await mirror(labs)).not.toBe(mirrorBefore);
    await labs.next();

    // Step 3: the check stating the fix fails in buggy mode, as the lab expects: that is the bug.
    await labs.runAll();
    expect(await labs.check()).toBe('All 2 checks as the lab expects in buggy mode: 1 of them fails, and that is the bug. On to the next step.');
    const rows = await labs.checks();
    expect(rows[0]).toMatchObject({ tone: 'lesson', detail: 'read kv3 INFO replication expected role:master got role:slave (after 5s)' });
    expect(rows[0]!.outcome).toMatch(/fails, as expected.*lesson.*buggy mode/);
    expect(rows[1]).toMatchObject({ tone: 'pass', source: '[buggy] kv3 INFO replication: master_link_status = up' });
    expect(rows[2]).toMatchObject({ tone: 'skipped', outcome: 'not checked in buggy mode' });

    // A reload here resumes at the same step with the same console output and time.
    const before = { transcript: await labs.transcript(), now: await labs.now() };
    await page.reload();
    await labs.panel.waitFor();
    await page.waitForFunction((n) => document.querySelectorAll('[aria-label="Console output"] .entry').length >= n, before.transcript.length);
    expect(await labs.stepTitle.textContent()).toBe('What kv3 runs now');
    expect(await labs.transcript()).toEqual(before.transcript);
    expect(await labs.now()).toBe(before.now);
    expect(await labs.panel.getByRole('button', { name: /^Step 2: .*\(done\)$/ }).count()).toBe(1);
    await labs.next();

    // Step 4: the master still lists kv3: two intended-behaviour checks fail, each with its difference.
    await labs.runAll();
    expect(await labs.check()).toBe('All 5 checks as the lab expects in buggy mode: 2 of them fail, and that is the bug. On to the next step.');
    const lessons = (await labs.checks()).filter((c) => c.tone === 'lesson');
    expect(lessons.map((c) => c.detail)).toEqual([
      'read kv1 INFO replication expected connected_slaves:1 got connected_slaves:2 (after 5s)',
      'read kv1 INFO replication expected slave1 to be absent got slave1:ip=127.0.0.1,port=30002,offset=1,lag=0',
    ]);
    await labs.next();

    // Step 5, the last: writes still reach the removed node.
    await labs.runAll();
    expect(await labs.check()).toBe('The check is as the lab expects in buggy mode. Lab complete.');
    expect(await labs.panel.getByRole('button', { name: 'Next', exact: true }).isDisabled()).toBe(true);
    await labs.panel.getByRole('button', { name: 'Exit lab' }).click();
    await labs.list.waitFor();
    expect(await labs.list.getByRole('listitem').nth(1).textContent()).toContain('step 5 of 5 · 5 done');
    expect(await labs.transcript()).toEqual([]);
    await page.close();
  });

  it('lab 3 in fixed mode: every check passes, step by step', async () => {
    const labs = new LabsPage(await app.browser.newPage());
    await labs.openLabs(app.url);
    await labs.start(LAB3, 'fixed');
    const summaries: string[] = [];
    for (let step = 0; step < 4; step++) {
      if (step > 0) await labs.next();
      const solution = labs.panel.getByRole('button', { name: 'Show solution', exact: true });
      if ((await labs.panel.getByRole('button', { name: 'Run', exact: true }).count()) === 0) await solution.click();
      await labs.runAll();
      summaries.push(await labs.check());
      expect((await labs.checks()).every((c) => c.tone === 'pass')).toBe(true);
    }
    expect(summaries).toEqual([
      'All 4 checks as the lab expects in fixed mode. On to the next step.',
      'All 4 checks as the lab expects in fixed mode. On to the next step.',
      'All 5 checks as the lab expects in fixed mode. On to the next step.',
      'All 4 checks as the lab expects in fixed mode. Lab complete.',
    ]);
    expect(await labs.outputOf('@kv3 GET greeting')).toBe('(error) MOVED 12714 127.0.0.1:30001');
    await labs.page.close();
  });

  it('bad saved progress is kept aside: the lab starts afresh and says why', async () => {
    const labs = new LabsPage(await app.browser.newPage());
    const page = labs.page;
    await labs.open(app.url);
    await page.evaluate(() => {
      localStorage.setItem('kvlab.lab.active.v1', JSON.stringify({ id: 'issue-2618', mode: 'buggy' }));
      localStorage.setItem('kvlab.lab.progress.v1.issue-2618.buggy', '{"format":1,"lab":"issue-2618","mode":"buggy","step":7}');
    });
    await page.reload();
    await labs.panel.waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(
      /saved progress of "Reproduce #2618.*" \(buggy\) could not be restored: progress seed is not a number or a string\. It is kept aside as kvlab\.lab\.progress\.v1\.issue-2618\.buggy\.unreadable; the lab starts afresh\./,
    );
    expect(await labs.stepTitle.textContent()).toBe('A healthy cluster');
    expect(await page.evaluate(() => localStorage.getItem('kvlab.lab.progress.v1.issue-2618.buggy.unreadable'))).toContain('"step":7');
    await page.close();
  });

  it('the docs dialog renders docs/*.md through the same safe renderer', async () => {
    const labs = new LabsPage(await app.browser.newPage());
    await labs.open(app.url);
    await labs.page.getByRole('button', { name: 'Docs', exact: true }).click();
    const dialog = labs.page.getByRole('dialog', { name: 'Documentation' });
    await dialog.locator('article h2').first().waitFor();
    expect(await dialog.locator('article h1').count()).toBe(0);
    expect(await dialog.locator('article table').count()).toBeGreaterThan(0);
    expect(await dialog.locator('article pre').count()).toBeGreaterThan(0);
    const hrefs = await dialog.locator('article a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.every((h) => /^https?:/.test(h!))).toBe(true);
    await labs.page.close();
  });

  it('a hostile lab renders inert, and a broken one says file:line: reason', async () => {
    const labs = new LabsPage(await app.browser.newPage());
    const page = labs.page;
    const dialogs: string[] = [];
    page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()));
    const hostile = readFileSync(join(ROOT, 'labs/02-issue-2618.md'), 'utf8').replace(
      '## A healthy cluster {#healthy}\n',
      [
        '## A healthy cluster {#healthy}',
        '',
        '<script>window.pwned = "script"; alert("script")</script>',
        '',
        'Inline <img src=x onerror="window.pwned = \'img\'; alert(\'img\')"> and <b onclick="alert(1)">bold</b>.',
        '',
        '[a javascript: link](javascript:window.pwned=\'link\') and <a href="javascript:alert(2)">raw</a>',
        '',
        '<iframe src="javascript:alert(3)"></iframe><svg onload="alert(4)"></svg>',
        '',
        '![pixel](https://tracker.invalid/p.gif)',
        '',
      ].join('\n'),
    );
    const broken = readFileSync(join(ROOT, 'labs/03-fix-2643.md'), 'utf8').replace('seed: 1\n', 'seed: 1\ncolour: red\n');
    const serve = (text: string) => ({ contentType: 'text/javascript', body: `export default ${JSON.stringify(text)};` });
    await page.route(/\/assets\/02-issue-2618-[^/]+\.js$/, (route) => route.fulfill(serve(hostile)));
    await page.route(/\/assets\/03-fix-2643-[^/]+\.js$/, (route) => route.fulfill(serve(broken)));

    await labs.openLabs(app.url);
    const bad = labs.list.getByRole('listitem').nth(2);
    expect(await bad.getByRole('alert').textContent()).toMatch(/labs\/03-fix-2643\.md:9: .*colour/);
    await labs.start(LAB2, 'buggy');
    const step = labs.panel.locator('article');
    await labs.runAll();
    await labs.check();
    expect(await step.textContent()).toContain('<script>window.pwned = "script"; alert("script")</script>');
    expect(await step.textContent()).toContain('<img src=x onerror=');
    expect(await step.locator('script, img, iframe, svg:not([aria-hidden]), b, [onclick], [onerror], [onload]').count()).toBe(0);
    const hrefs = await step.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.every((h) => h === null || /^https?:/.test(h))).toBe(true);
    await step.getByText('a javascript: link').click();
    expect(await page.evaluate(() => (window as unknown as { pwned?: string }).pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await page.close();
  });
});
