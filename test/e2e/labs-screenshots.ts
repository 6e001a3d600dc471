/**
 * Screenshots of the guided labs for people to look at (not a test):
 *   npx tsx test/e2e/labs-screenshots.ts [out-dir]      (default: /tmp/kvlab-screenshots/labs)
 * The lab list, lab 2 mid-way with failed checks and their differences, lab 3 with every check
 * passing; light and dark, 1280 and 1024 wide; and the docs dialog, which uses the same renderer.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LabsPage } from './labs-page.ts';
import { startApp } from './support.ts';

const out = process.argv[2] ?? '/tmp/kvlab-screenshots/labs';
mkdirSync(out, { recursive: true });
const app = await startApp();
const shots: string[] = [];

async function shoot(labs: LabsPage, name: string) {
  const path = join(out, `${name}.png`);
  await labs.page.waitForTimeout(400);
  await labs.page.screenshot({ path });
  shots.push(path);
}

async function fresh(width: number, theme: 'light' | 'dark'): Promise<LabsPage> {
  const labs = new LabsPage(await app.browser.newPage(width, width === 1280 ? 800 : 768));
  await labs.page.goto(app.url);
  await labs.page.evaluate((t) => localStorage.setItem('kvlab.theme', t), theme);
  await labs.openLabs(app.url);
  await labs.page.evaluate((t) => localStorage.setItem('kvlab.theme', t), theme);
  await labs.page.reload();
  await labs.page.getByRole('button', { name: 'Labs', exact: true }).click();
  await labs.list.waitFor();
  return labs;
}

try {
  for (const width of [1280, 1024]) {
    for (const theme of ['light', 'dark'] as const) {
      const labs = await fresh(width, theme);
      await shoot(labs, `lab-list-${theme}-${width}`);

      await labs.start('Reproduce #2618: the removed replica that keeps replicating', 'buggy');
      await labs.runAll();
      await labs.check();
      await labs.next();
      await labs.runAll();
      await labs.check();
      await shoot(labs, `lab2-step2-fail-${theme}-${width}`);
      await labs.panel.getByRole('button', { name: 'Show solution', exact: true }).click();
      await labs.runAll();
      await labs.check();
      await labs.next();
      await labs.runAll();
      await labs.check();
      await labs.next();
      await labs.runAll();
      await labs.check();
      await shoot(labs, `lab2-step4-expected-failures-${theme}-${width}`);

      await labs.panel.getByRole('button', { name: 'Exit lab' }).click();
      await labs.start('The #2643 fix: a removed node lets go of its master', 'fixed');
      for (let step = 0; step < 4; step++) {
        if (step > 0) await labs.next();
        if ((await labs.panel.getByRole('button', { name: 'Run', exact: true }).count()) === 0) {
          await labs.panel.getByRole('button', { name: 'Show solution', exact: true }).click();
        }
        await labs.runAll();
        await labs.check();
      }
      await shoot(labs, `lab3-all-pass-${theme}-${width}`);
      if (width === 1280) {
        // The docs dialog renders through the same safe renderer.
        await labs.page.getByRole('button', { name: 'Docs', exact: true }).click();
        await labs.page.getByRole('dialog', { name: 'Documentation' }).locator('article h2').first().waitFor();
        await shoot(labs, `docs-${theme}-${width}`);
      }
      await labs.page.close();
    }
  }
  console.log(shots.join('\n'));
} finally {
  await app.stop();
}
