import { startApp } from '../support.ts';
const app = await startApp();
try {
  const page = await app.browser.newPage(1280, 800);
  page.on('console', (m) => console.log('console:', m.type(), m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto(app.url);
  await page.evaluate(() => { localStorage.clear(); localStorage.setItem('kvlab.welcome.dismissed', 'yes'); });
  await page.reload();
  await page.getByRole('button', { name: 'Labs', exact: true }).click();
  await page.getByText('Guided labs').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/smoke/list.png' });
  await page.getByRole('listitem').filter({ hasText: 'Reproduce #2618' }).getByRole('button', { name: 'Start' }).click();
  await page.waitForTimeout(500);
  await page.screenshot({ path: '/tmp/smoke/lab.png' });
} finally { await app.stop(); }
