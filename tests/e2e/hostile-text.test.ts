/**
 * Hostile strings in every free-text field (source, project, event, route, sector, briefing) stay
 * inert in every view and in print: no dialog, no script run, no request leaving the app, and the
 * text shown as text.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Input, MethodName, Result } from '../../db/contract.ts';
import { dispatch } from '../../db/dispatch.ts';
import { PRINTABLE_DASHBOARDS, printRoute } from '../../db/common/paper.ts';
import { appPerFile } from '../support/app-per-file.ts';
import { printToPdf } from '../../db/http-host/print.ts';

/** Each payload, if it ever ran, would set window.__pwned or open a dialog or fetch a remote address. */
const HOSTILE = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '<svg onload="window.__pwned = 3"><circle r="9"/></svg>',
  '<a href="javascript:window.__pwned = 4">click</a>',
  '"><iframe src="javascript:alert(5)"></iframe>',
  '<img src="http://198.51.100.7/beacon.png">',
  '{@html "<b>x</b>"} ${alert(6)} {{constructor.constructor("alert(7)")()}}',
].join(' ');
/** The first four, for fields limited in length (titles, labels). */
const SHORT = HOSTILE.split(' <a href')[0]!.slice(0, 200) + ' {@html "<b>x</b>"}';

const VIEWS = ['overview', 'trade', 'sectors', 'projects', 'events', 'logistics', 'sources', 'briefings', 'data'];

let briefingId = '';
const dialogs: string[] = [];

const app = appPerFile({ today: '2026-11-29' });
beforeAll(async () => {
  // Through the dispatcher, as the renderer's calls go: the contract's schemas accept every payload as text.
  const call = async <M extends MethodName>(method: M, input: Input<M>): Promise<Result<M>> => {
    const envelope = await dispatch(app.host.session.handlers, method, input);
    if (!envelope.ok) throw new Error(`${method}: ${envelope.error.message}`);
    return envelope.data as Result<M>;
  };
  const { id: sourceId } = await call('saveSource', {
    label: 'X1',
    publisher: `Publisher ${HOSTILE}`,
    title: `Title ${HOSTILE}`,
    note: `Note ${HOSTILE}`,
  });
  await call('saveProject', {
    title: `Project ${HOSTILE}`,
    count: 3,
    splitReported: false,
    partnerCode: 'CN-SD',
    counterpartCode: 'KOR',
    status: 'signed',
    signed: { precision: 'month', value: '2023-05' },
    fields: [`Field ${HOSTILE}`],
    note: `Note ${HOSTILE}`,
    sourceId,
  });
  await call('saveEvent', {
    kind: 'forum',
    title: `Event ${HOSTILE}`,
    placeText: `Place ${HOSTILE}`,
    countryCode: 'CHN',
    date: { precision: 'month', value: '2027-03' },
    sectors: [`Sector ${HOSTILE}`],
    note: `Note ${HOSTILE}`,
    sourceId,
  });
  await call('saveRoute', {
    name: `Route ${HOSTILE}`,
    transitDays: { min: 3, max: 5 },
    transitBasis: `Basis ${HOSTILE}`,
    legs: [{ mode: 'sea', fromPlaceId: 'korea-china-2022:incheon', toPlaceId: 'korea-china-2022:qingdao', label: `Leg ${HOSTILE}` }],
    note: `Note ${HOSTILE}`,
    sourceId,
  });
  await call('saveSector', {
    name: `Sector ${HOSTILE}`,
    description: `Description ${HOSTILE}`,
    hs: [{ code: '8421', description: `HS ${HOSTILE}`, sourceId }],
  });
  const briefing = await call('createBriefing', {
    title: `Briefing ${SHORT}`,
    audience: `Audience ${SHORT}`,
    classification: `Class ${SHORT}`,
  });
  briefingId = briefing.id;
  await call('addBlock', {
    briefingId,
    block: {
      kind: 'text',
      config: {
        heading: `Heading ${SHORT}`,
        markdown: `Text ${HOSTILE}\n\n[link](javascript:alert(8)) ![img](http://198.51.100.7/x.png)`,
        sources: [sourceId],
      },
    },
  });
});

async function newWatchedPage(): Promise<Page> {
  const page = await app.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}

async function expectInert(page: Page, where: string): Promise<void> {
  expect(await page.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned ?? null), where).toBeNull();
  expect(await page.locator('main script, body > div script, iframe, svg[onload], img[onerror]').count(), where).toBe(0);
}

describe('hostile text in every free-text field', () => {
  it('shows as text in every view and runs nothing', async () => {
    const page = await newWatchedPage();
    for (const view of VIEWS) {
      await page.goto(`${app.host.url}#/${view}`);
      await page.locator('main h1').first().waitFor();
      await expect.poll(() => page.getByText(/^Loading /).count(), { timeout: 15_000 }).toBe(0);
      await expectInert(page, view);
    }
    // The payload is visible as literal text where it was typed.
    await page.goto(`${app.host.url}#/sources`);
    await expect.poll(() => page.locator('main').innerText()).toContain('<script>window.__pwned = 1</script>');
    await page.goto(`${app.host.url}#/briefings/${encodeURIComponent(briefingId)}`);
    await expect.poll(() => page.getByLabel('Title', { exact: true }).inputValue(), { timeout: 15_000 }).toContain('Briefing <script>');
    await expect.poll(() => page.locator('main').innerText()).toContain('Text <script>window.__pwned = 1</script>');
    await expectInert(page, 'briefing editor');
    expect(dialogs).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('prints inert: the briefing and every dashboard summary', async () => {
    const page = await newWatchedPage();
    const routes = [printRoute({ briefing: briefingId }), ...PRINTABLE_DASHBOARDS.map((d) => printRoute({ dashboard: d }))];
    for (const route of routes) {
      const printed = await printToPdf(page, app.host.url, route, { setup: { paper: 'A4', orientation: 'portrait' }, today: '2026-11-29' });
      expect(printed.pdf.length, route).toBeGreaterThan(1000);
      await expectInert(page, route);
    }
    expect(dialogs).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
});
