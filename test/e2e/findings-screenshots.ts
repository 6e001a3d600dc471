/**
 * Screenshots of the findings strip and the graph's looks in the production build, for people to
 * look at (not a test):   npx tsx test/e2e/findings-screenshots.ts [out-dir]
 * (default /tmp/kvlab-findings-screenshots): #2618 reproduced in buggy mode with kv3 selected,
 * then kv1 crashed, at 1440 and 1024 px, light and dark.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SandboxPage } from './sandbox-page.ts';
import { startApp } from './support.ts';

const out = process.argv[2] ?? '/tmp/kvlab-findings-screenshots';
mkdirSync(out, { recursive: true });
const app = await startApp();
const shots: string[] = [];

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(out, `${name}.png`);
  await page.waitForTimeout(700);
  await page.screenshot({ path });
  shots.push(path);
  // The graph column alone, to see its looks up close.
  const crop = join(out, `${name}-graph.png`);
  await page.locator('section.graph-col').screenshot({ path: crop });
  shots.push(crop);
}

try {
  for (const width of [1440, 1024]) {
    for (const theme of ['light', 'dark'] as const) {
      const page = await app.browser.newPage(width, 800);
      const sandbox = new SandboxPage(page);
      await sandbox.open(app.url);
      await page.evaluate((t) => localStorage.setItem('kvlab.theme', t), theme);
      await page.reload();
      await sandbox.command.waitFor();
      await sandbox.reproduce2618();
      await page.locator('button[data-node="kv3"]').click();
      await shoot(page, `findings-2618-buggy-${width}-${theme}`);
      await sandbox.type('.crash kv1');
      await sandbox.type('.wait 500ms');
      await shoot(page, `findings-kv1-crashed-${width}-${theme}`);
      if (theme === 'light') {
        await page.locator('details.legend summary').click();
        await shoot(page, `legend-open-${width}-light`);
      }
      await page.close();
    }
  }
  console.log(shots.join('\n'));
} finally {
  await app.stop();
}
