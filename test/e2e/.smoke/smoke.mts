import { startApp } from '../support.ts';
const app = await startApp();
try {
  const page = await app.browser.newPage(1280, 800);
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto(app.url);
  await page.evaluate(() => { localStorage.clear(); localStorage.setItem('kvlab.welcome.dismissed', 'yes'); });
  await page.reload();
  await page.getByRole('button', { name: 'Labs', exact: true }).click();
  await page.getByRole('listitem').filter({ hasText: 'Reproduce #2618' }).getByRole('button', { name: 'Start' }).click();
  const lab = page.getByRole('region', { name: /^Lab:/ });
  const run = async () => { for (const b of await lab.getByRole('button', { name: /^Run/ }).all()) await b.click(); };
  await run(); await lab.getByRole('button', { name: 'Check' }).click();
  await page.screenshot({ path: '/tmp/smoke/s1.png' });
  await lab.getByRole('button', { name: 'Next' }).click();
  await run(); await lab.getByRole('button', { name: 'Check' }).click();
  await page.screenshot({ path: '/tmp/smoke/s2.png' });
  await lab.getByRole('button', { name: 'Show solution' }).click();
  await run(); await lab.getByRole('button', { name: 'Check' }).click();
  await lab.getByRole('button', { name: 'Next' }).click();
  await run(); await lab.getByRole('button', { name: 'Check' }).click();
  await page.screenshot({ path: '/tmp/smoke/s3.png' });
  await lab.getByRole('button', { name: 'Next' }).click();
  await run(); await lab.getByRole('button', { name: 'Check' }).click();
  await page.screenshot({ path: '/tmp/smoke/s4.png' });
  await page.reload();
  await page.waitForTimeout(1500);
  await page.screenshot({ path: '/tmp/smoke/reload.png' });
} finally { await app.stop(); }
