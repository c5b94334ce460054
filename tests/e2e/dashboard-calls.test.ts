/**
 * A dashboard load is one call: the trade view asks the data core for its whole view model with
 * `dashboard` (series, KPI, mirror, disagreements, preferred source), never the separate queries.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type AppHarness } from '../support/browser.ts';
import { requireBuiltRenderer } from '../support/build-output.ts';

let app: AppHarness;
beforeAll(async () => {
  requireBuiltRenderer();
  app = await startApp({ today: '2026-11-29' });
});
afterAll(async () => {
  await app?.close();
});

/** The contract methods the page calls, in order. */
function methodsCalled(page: Page): string[] {
  const called: string[] = [];
  page.on('request', (r) => {
    const method = /\/api\/([A-Za-z]+)$/.exec(new URL(r.url()).pathname)?.[1];
    if (method && method !== 'methods') called.push(method);
  });
  return called;
}

describe('Trade balance dashboard', () => {
  it('loads in one call, and each change of its filters is one more', async () => {
    const page = await app.newPage();
    const called = methodsCalled(page);
    await page.goto(`${app.host.url}#/trade?reporter=KOR&partner=CHN&from=2011&to=2021`);
    await expect.poll(() => page.getByTestId('kpi-exports').innerText()).toContain('162.9');
    // The filter bar's choices (pairs, economies) and the dashboard's data.
    expect(called.filter((m) => m !== 'tradePairs' && m !== 'listEconomies')).toEqual(['dashboard']);

    called.length = 0;
    await page.getByTestId('filter-from').fill('2015');
    await page.getByTestId('filter-from').dispatchEvent('change');
    await expect.poll(() => page.url()).toMatch(/from=2015/);
    await expect.poll(() => called).toEqual(['dashboard']);
    await expect.poll(() => page.getByTestId('mirror-table-0').locator('tbody tr').first().innerText()).toMatch(/^2015/);
    expect(called).toEqual(['dashboard']);
  });
});
