// Labs that survive mistakes (issue 9 point 3), in the production build in Chromium: time paused
// and said so, a step that gives commands cannot pass before they ran, passing checks fold to one
// line, hint and solution scroll into view, time passing and a skipped SETNODES named as the
// cause of a failure, Reset this step (and Undo), a behaviour switch that asks, the end card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LabsPage } from './labs-page.ts';
import { startApp } from './support.ts';

let app: Awaited<ReturnType<typeof startApp>>;
beforeAll(async () => {
  app = await startApp();
}, 180_000);
afterAll(async () => {
  await app?.stop();
});

const LAB1 = 'Bootstrap a cluster by hand';
const LAB2 = 'Reproduce #2618: the removed replica that keeps replicating';
const LAB3 = 'The #2643 fix: a removed node lets go of its master';

async function inView(labs: LabsPage, name: string): Promise<boolean> {
  return labs.panel.getByRole('region', { name, exact: true }).evaluate((el) => {
    const box = el.getBoundingClientRect();
    const pane = el.closest('.scroll')!.getBoundingClientRect();
    return box.top >= pane.top - 1 && box.top < pane.bottom;
  });
}

describe('e2e: labs that survive mistakes', () => {
  it('lab 1: paused time said, no pass before Run, folded passes, the time-passed cause, Reset this step and Undo', async () => {
    const labs = new LabsPage(await app.browser.newPage(1024, 768));
    const page = labs.page;
    await labs.openLabs(app.url);
    await labs.start(LAB1, 'buggy');
    expect(await labs.timeLine.textContent()).toContain('Time is paused for this lab: press Play or use .wait to let it pass.');

    // Step 1 gives commands: Check before they ran checks nothing.
    expect(await labs.check()).toBe("Nothing checked yet: this step's commands have not run. Run them (or type them), then Check.");
    expect(await labs.panel.locator('.check:not(.pending)').count()).toBe(0);
    await labs.runAll();
    expect(await labs.check()).toBe('All 5 checks as the lab expects in buggy mode. On to the next step.');
    const folded = labs.panel.getByRole('button', { name: /^5 checks passed/ });
    expect(await folded.isVisible()).toBe(true);
    expect(await labs.panel.locator('li.check.pass:visible').count()).toBe(0);
    await folded.click();
    expect(await labs.panel.locator('li.check.pass:visible').count()).toBe(5);
    await labs.next();
    await labs.runAll();
    await labs.check();
    await labs.next();

    // Step 3: the solution scrolls into view; right after it every check holds.
    await labs.runAll();
    await labs.panel.getByRole('button', { name: 'Show solution', exact: true }).click();
    expect(await inView(labs, 'Solution')).toBe(true);
    await labs.panel.getByRole('region', { name: 'Solution' }).getByRole('button', { name: 'Run' }).click();
    expect(await labs.check()).toBe('All 6 checks as the lab expects in buggy mode. On to the next step.');
    const start = await labs.now();

    // Two seconds of Play: the link checks fail, and the panel says time passing is why.
    await labs.playUntil(start + 2000);
    expect(await labs.check()).toMatch(/^2 of 6 checks are not as the lab expects/);
    const link = (await labs.checks()).find((c) => c.source === 'kv2 INFO replication: master_link_status = down')!;
    expect(link.tone).toBe('fail');
    expect(link.outcome).toMatch(
      /^FAIL — Time passed: right after @kv3 CLUSTERX SETNODES \(t=0\.000s\) kv2 INFO replication read master_link_status:down, as this step expects; 2\.\d s of virtual time have passed since, and the cluster moved on within ~\d+ ms\. Reset this step/,
    );
    expect(link.outcome).not.toContain('The cluster is not where this step expects it to be');
    // The result is in the panel, and nothing covers Back / Check.
    const check = labs.panel.getByRole('button', { name: 'Check', exact: true });
    const box = (await check.boundingBox())!;
    expect(await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.closest('button')?.textContent?.trim(), [box.x + box.width / 2, box.y + box.height / 2])).toBe('Check');

    // Reset this step: back to where the step began (t=0), the step's inputs dropped; Undo brings them back.
    const before = await labs.now();
    await labs.panel.getByRole('button', { name: '↺ Reset this step' }).click();
    expect(await labs.note.textContent()).toMatch(/^\s*Step reset to its start \(t=0\.000s\): 5 inputs and 2\.\d s of virtual time undone\./);
    expect(await labs.now()).toBe(0);
    expect(await labs.check()).toMatch(/^Nothing checked yet/);
    await labs.panel.getByRole('button', { name: 'Undo reset' }).click();
    expect(await labs.note.textContent()).toContain('Reset undone');
    expect(await labs.now()).toBe(before);
    await page.close();
  });

  it('a skipped SETNODES is named: "kv3 is at version -1", not the raw ROLE error', async () => {
    const labs = new LabsPage(await app.browser.newPage());
    await labs.openLabs(app.url);
    await labs.start(LAB1, 'fixed');
    await labs.goToStep(3);
    await labs.runAll(); // the blocks push kv1 and kv2; kv3 is left for the learner, who skips it
    await labs.next();
    await labs.runAll();
    await labs.check();
    const role = (await labs.checks()).find((c) => c.source === 'kv3 ROLE[4] = connected')!;
    expect(role.outcome).toBe('FAIL — kv3 is at version -1: it was never sent CLUSTERX SETNODES.');
    expect(role.detail).toContain('no ROLE[4] (ROLE has 2 elements)');
    await labs.page.close();
  });

  it('switching the behaviour during a lab asks: Cancel, Keep going, going back says so, Restart in fixed', async () => {
    const labs = new LabsPage(await app.browser.newPage());
    const page = labs.page;
    await labs.openLabs(app.url);
    await labs.start(LAB2, 'buggy');
    await labs.runAll();
    await labs.check();
    await labs.next();
    const mode = labs.panel.locator('.mode');
    const dialog = page.getByRole('dialog', { name: 'Switch to fixed during this lab?' });

    await page.getByRole('radio', { name: /^fixed/ }).click();
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await mode.textContent()).toBe('buggy mode');
    expect(await page.getByRole('radio', { name: /^buggy/ }).isChecked()).toBe(true);
    expect((await labs.transcript()).some((t) => t.includes('.mode fixed'))).toBe(false);

    // The Node tab in front: the question brings the lab panel back.
    await page.getByRole('tab', { name: 'Node' }).click();
    // Typed in the console: nothing runs until the question is answered.
    await labs.command.click();
    await page.keyboard.type('.mode fixed');
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: "Keep going (the lab's checks were written for buggy)" }).click();
    expect(await labs.panel.isVisible()).toBe(true);
    expect(await mode.textContent()).toBe('fixed mode · lab written for buggy');
    expect(await labs.note.textContent()).toContain('Switched to fixed mode for the rest of this lab; its checks were written for buggy');
    expect((await labs.transcript()).at(-1)).toContain('.mode fixed');

    await labs.panel.getByRole('button', { name: 'Back', exact: true }).click();
    expect(await labs.note.textContent()).toContain('Going back undid the switch to fixed: this step began in buggy mode, and the lab is in buggy mode again.');
    expect(await mode.textContent()).toBe('buggy mode');

    await page.getByRole('radio', { name: /^fixed/ }).click();
    await dialog.getByRole('button', { name: 'Restart in fixed' }).click();
    await page.waitForFunction(() => document.querySelector('.lab .mode')?.textContent === 'fixed mode');
    expect(await labs.panel.locator('.kicker').textContent()).toContain('Step 1 of 5');
    expect(await page.getByRole('radio', { name: /^fixed/ }).isChecked()).toBe(true);
    await page.close();
  });

  it('the last step ends with a card: run again in the other mode, both outcomes side by side, the next lab', async () => {
    const labs = new LabsPage(await app.browser.newPage());
    const page = labs.page;
    await labs.openLabs(app.url);
    await labs.start(LAB2, 'buggy');
    await labs.goToStep(5);
    await labs.runAll();
    await labs.check();
    const card = labs.panel.getByRole('region', { name: 'End of the lab' });
    expect(await card.getByRole('heading').textContent()).toBe('Lab complete');
    expect(await card.getByRole('table').count()).toBe(0);
    await card.getByRole('button', { name: 'Run this lab again in fixed mode' }).click();
    await page.waitForFunction(() => document.querySelector('.lab .mode')?.textContent === 'fixed mode');
    await labs.goToStep(5);
    await labs.runAll();
    await labs.check();
    const rows = await card.getByRole('table').locator('tbody tr').allTextContents();
    expect(await card.getByRole('columnheader').allTextContents()).toEqual(['check', 'fixed', 'buggy']);
    expect(rows.find((r) => r.includes('slave_repl_offset = 2'))).toMatch(/not read in fixed.*✓ kv3 INFO replication: slave_repl_offset:2/);
    expect(rows.find((r) => r.includes('[fixed] kv1 INFO replication: connected_slaves = 1'))).toMatch(/✓ kv1 INFO replication: connected_slaves:1\s*not read in buggy/);

    await card.getByRole('button', { name: `Next lab: ${LAB3}` }).click();
    await page.waitForFunction((t) => document.querySelector('.lab h2')?.textContent === t, LAB3);
    await page.close();
  });

  it('the last lab links back to the list', async () => {
    const labs = new LabsPage(await app.browser.newPage());
    await labs.openLabs(app.url);
    const last = labs.list.getByRole('listitem').last();
    const title = (await last.getByRole('heading').textContent())!;
    await labs.start(title, (await last.getByRole('radio').first().getAttribute('value'))!);
    const steps = await labs.panel.getByRole('navigation', { name: 'Steps' }).getByRole('button').count();
    await labs.goToStep(steps);
    await labs.panel.getByRole('region', { name: 'End of the lab' }).getByRole('button', { name: 'Back to the list of labs' }).click();
    await labs.list.waitFor();
    await labs.page.close();
  });
});
