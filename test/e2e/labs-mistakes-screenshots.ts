/**
 * Screenshots of labs that survive mistakes, for people to look at (not a test):
 *   npx tsx test/e2e/labs-mistakes-screenshots.ts [out-dir]   (default: /tmp/kvlab-screenshots/labs-mistakes)
 * Lab 1 step 3 after 2 s of Play (the time-passed cause), the behaviour-switch question, and lab
 * 2's end card with buggy and fixed side by side; light and dark, 1440 and 1024 wide.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LabsPage } from './labs-page.ts';
import { startApp } from './support.ts';

const out = process.argv[2] ?? '/tmp/kvlab-screenshots/labs-mistakes';
mkdirSync(out, { recursive: true });
const app = await startApp();
const shots: string[] = [];

async function shoot(labs: LabsPage, name: string) {
  const path = join(out, `${name}.png`);
  await labs.page.waitForTimeout(300);
  await labs.page.screenshot({ path });
  shots.push(path);
}

async function fresh(width: number, theme: 'light' | 'dark'): Promise<LabsPage> {
  const labs = new LabsPage(await app.browser.newPage(width, width === 1440 ? 900 : 768));
  await labs.openLabs(app.url);
  await labs.page.evaluate((t) => localStorage.setItem('kvlab.theme', t), theme);
  await labs.page.reload();
  await labs.page.getByRole('button', { name: 'Labs', exact: true }).click();
  await labs.list.waitFor();
  return labs;
}

try {
  for (const width of [1440, 1024]) {
    for (const theme of ['light', 'dark'] as const) {
      const tag = `${theme}-${width}`;
      const labs = await fresh(width, theme);
      await labs.start('Bootstrap a cluster by hand', 'buggy');
      await labs.goToStep(3);
      await labs.runAll();
      await labs.panel.getByRole('button', { name: 'Show solution', exact: true }).click();
      await labs.panel.getByRole('region', { name: 'Solution' }).getByRole('button', { name: 'Run' }).click();
      await labs.check();
      await labs.playUntil((await labs.now()) + 2000);
      await labs.panel.getByRole('button', { name: 'Check', exact: true }).click();
      await labs.panel.locator('.check.fail').first().waitFor();
      await shoot(labs, `time-passed-${tag}`);
      await labs.panel.getByRole('button', { name: '↺ Reset this step' }).click();
      await shoot(labs, `reset-${tag}`);

      await labs.page.getByRole('radio', { name: /^fixed/ }).click();
      await labs.page.getByRole('dialog').waitFor();
      await shoot(labs, `mode-question-${tag}`);
      await labs.page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
      await labs.panel.getByRole('button', { name: 'Exit lab' }).click();

      await labs.start('Reproduce #2618: the removed replica that keeps replicating', 'buggy');
      await labs.goToStep(5);
      await labs.runAll();
      await labs.check();
      await labs.panel.getByRole('button', { name: 'Run this lab again in fixed mode' }).click();
      await labs.page.waitForFunction(() => document.querySelector('.lab .mode')?.textContent === 'fixed mode');
      await labs.goToStep(5);
      await labs.runAll();
      await labs.check();
      await labs.panel.getByRole('region', { name: 'End of the lab' }).scrollIntoViewIfNeeded();
      await shoot(labs, `end-card-${tag}`);
      await labs.page.close();
    }
  }
} finally {
  await app.stop();
}
console.log(shots.join('\n'));
