import { startApp, chooseFile } from './support/browser.ts';
import { fileURLToPath } from 'node:url';
const app = await startApp({ today: '2026-11-29' });
const fixture = fileURLToPath(new URL('./fixtures/imports/comtrade-current.csv', import.meta.url));
for (const [w, scheme] of [[1440, 'light'], [800, 'dark'], [1024, 'light']] as const) {
  const page = await app.newPage({ colorScheme: scheme });
  await page.setViewportSize({ width: w, height: 1000 });
  await page.goto(`${app.host.url}#/data`);
  await page.getByTestId('choose-file').waitFor();
  await chooseFile(page, fixture);
  await page.getByTestId('import-preview').waitFor();
  await page.screenshot({ path: `/tmp/shots/data-${w}-${scheme}.png`, fullPage: false });
  await page.getByRole('button', { name: 'Export data…' }).count();
}
const page = await app.newPage();
await page.goto(`${app.host.url}#/trade?reporter=KOR&partner=CHN`);
await page.getByRole('button', { name: 'Export data…' }).click();
await page.screenshot({ path: `/tmp/shots/trade-export.png` });
console.log(app.pageErrors);
await app.close();
