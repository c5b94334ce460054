/**
 * The Data view's edit forms in real Chromium (HTTP host): a project batch, an event's date at a
 * precision, a route with legs; validation with the contract's own schemas before sending, the
 * server's invalid-input details next to the field, the edit log, keyboard use and axe-core.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { seriousAxeViolations } from '../support/axe.ts';
import { appPerFile } from '../support/app-per-file.ts';

const app = appPerFile({ today: '2026-11-29' });

const db = () => app.host.session.db;

async function openData(page: Page): Promise<void> {
  await page.goto(`${app.host.url}#/data`);
  await page.getByRole('heading', { name: 'Data', level: 1 }).waitFor();
  // Every picker loaded (sources, economies, places).
  await expect.poll(() => page.locator('select:disabled').count()).toBe(0);
  await expect.poll(() => page.getByText(/^Loading /).count()).toBe(0);
}

describe('Data view: edit forms', () => {
  it('checks a project batch with the contract’s rules before sending, then adds it', async () => {
    const page = await app.newPage();
    await openData(page);
    const form = page.getByTestId('project-form');
    const before = db().prepare('SELECT count(*) FROM project').pluck().get();

    // Nothing filled in: the schema's messages next to the fields, nothing sent, focus on the first field in error.
    await form.getByLabel('Number of projects *').fill('0');
    await form.getByRole('button', { name: 'Add project' }).click();
    const title = form.getByLabel('Title *');
    await expect.poll(() => title.getAttribute('aria-invalid')).toBe('true');
    expect(
      await page.evaluate(() =>
        (
          globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
        ).document.activeElement?.getAttribute('aria-invalid'),
      ),
    ).toBe('true');
    const describedBy = await title.getAttribute('aria-describedby');
    expect(await page.locator(`#${describedBy}`).innerText()).toBe('required');
    expect(await form.innerText()).toContain('at least 1');
    expect(await form.innerText()).toContain('an ISO 3166 code such as KOR, CHN or CN-SD');
    expect(db().prepare('SELECT count(*) FROM project').pluck().get()).toBe(before);

    await title.fill('Qingdao industrial park batch');
    await form.getByLabel('Number of projects *').fill('12');
    await form.getByLabel('Signed with (partner side) *').selectOption('CN-SD');
    await form.getByLabel('Counterpart').selectOption('KOR');
    await form.getByLabel('Fields (comma-separated)').fill('auto parts, cosmetics, food');
    await form.getByLabel('Precision').selectOption('month');
    await form.getByLabel('Month', { exact: true }).fill('2022-11');
    await form.getByLabel('Part of the month').selectOption('late');
    await form.getByLabel('Source *').selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Add batch' }).click();

    await expect.poll(() => page.getByTestId('project-list').innerText()).toContain('Qingdao industrial park batch');
    expect(await page.getByTestId('project-list').innerText()).toMatch(/Qingdao industrial park batch\s*batch of 12, split not reported/i);
    const row = db()
      .prepare(
        "SELECT project_count, split_reported, partner_code, counterpart_code, signed_precision, signed_value, signed_part FROM project WHERE title = 'Qingdao industrial park batch'",
      )
      .get();
    expect(row).toEqual({
      project_count: 12,
      split_reported: 0,
      partner_code: 'CN-SD',
      counterpart_code: 'KOR',
      signed_precision: 'month',
      signed_value: '2022-11',
      signed_part: 'late',
    });
    expect(
      db()
        .prepare(
          "SELECT group_concat(field, '|') FROM (SELECT field FROM project_field f JOIN project p ON p.id = f.project_id WHERE p.title = 'Qingdao industrial park batch' ORDER BY position)",
        )
        .pluck()
        .get(),
    ).toBe('auto parts|cosmetics|food');
    expect(app.pageErrors).toEqual([]);
  });

  it('edits an event’s date from a month to a day, with the keyboard', async () => {
    const page = await app.newPage();
    await openData(page);
    const id = db().prepare("SELECT id FROM event WHERE title = 'Export fair'").pluck().get() as string;
    expect(db().prepare('SELECT date_precision, date_value FROM event WHERE id = ?').get(id)).toEqual({
      date_precision: 'month',
      date_value: '2022-10',
    });

    // Keyboard only: Enter on "Edit", focus lands in the form; Tab to the controls.
    await page.getByRole('button', { name: 'Edit event Export fair' }).focus();
    await page.keyboard.press('Enter');
    const form = page.getByTestId('event-form');
    await expect
      .poll(() =>
        page.evaluate(() =>
          (
            globalThis as unknown as {
              document: { activeElement: { closest(s: string): { getAttribute(n: string): string | null } | null } | null };
            }
          ).document.activeElement
            ?.closest('form')
            ?.getAttribute('data-testid'),
        ),
      )
      .toBe('event-form');
    expect(await form.getByLabel('Title *').inputValue()).toBe('Export fair');
    expect(await form.getByLabel('Precision').inputValue()).toBe('month');
    await form.getByLabel('Precision').focus();
    await form.getByLabel('Precision').selectOption('day');
    // The month is kept as far as it still holds; the day must be given.
    await form.getByLabel('Day', { exact: true }).focus();
    await form.getByRole('button', { name: 'Save changes' }).click();
    expect(await form.innerText()).toContain('a day as YYYY-MM-DD');
    await form.getByLabel('Day', { exact: true }).fill('2022-10-14');
    await form.getByLabel('Day', { exact: true }).press('Enter');

    await expect
      .poll(() => db().prepare('SELECT date_precision, date_value, date_part FROM event WHERE id = ?').get(id))
      .toEqual({ date_precision: 'day', date_value: '2022-10-14', date_part: null });
    await expect.poll(() => page.getByTestId('event-list').innerText()).toContain('14 Oct 2022');
    expect(app.pageErrors).toEqual([]);
  });

  it('adds a route with two legs and a transit range; the max below the min is refused before sending', async () => {
    const page = await app.newPage();
    await openData(page);
    const form = page.getByTestId('route-form');
    await form.getByLabel('Name *').fill('Incheon – Qingdao – Xi’an (sea, then rail)');
    await form.getByLabel('From', { exact: true }).fill('18');
    await form.getByLabel('to', { exact: true }).fill('12');
    await form.getByLabel('Leg 1 mode').selectOption('sea');
    await form.getByLabel('Leg 1 from').selectOption({ label: 'Incheon (port, KOR)' });
    await form.getByLabel('Leg 1 to').selectOption({ label: 'Qingdao (port, CN-SD)' });
    await form.getByRole('button', { name: 'Add a leg' }).click();
    // The new leg starts where the last one ended, and has the focus.
    expect(await form.getByLabel('Leg 2 from').inputValue()).toBe(await form.getByLabel('Leg 1 to').inputValue());
    await form.getByLabel('Leg 2 mode').selectOption('rail');
    await form.getByLabel('Leg 2 to').selectOption({ label: "Xi'an (city, CN-SN)" });
    await form.getByLabel('Leg 2 label').fill('China-Europe freight railway');
    await form.getByLabel('Source *').selectOption({ index: 1 });
    await form.getByRole('button', { name: 'Add route' }).click();
    const max = form.getByLabel('to', { exact: true });
    await expect.poll(() => max.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await max.getAttribute('aria-describedby')}`).innerText()).toBe('max must be at least min');
    expect(db().prepare("SELECT count(*) FROM route WHERE name LIKE 'Incheon – Qingdao – Xi%'").pluck().get()).toBe(0);

    await max.fill('25');
    await form.getByRole('button', { name: 'Add route' }).click();
    await expect.poll(() => page.getByTestId('route-list').innerText()).toContain('Incheon – Qingdao – Xi’an (sea, then rail)');
    const route = db()
      .prepare("SELECT id, transit_days_min, transit_days_max FROM route WHERE name LIKE 'Incheon – Qingdao – Xi%'")
      .get() as { id: string; transit_days_min: number; transit_days_max: number };
    expect([route.transit_days_min, route.transit_days_max]).toEqual([18, 25]);
    expect(
      db()
        .prepare('SELECT mode, from_place_id, to_place_id, label FROM route_leg WHERE route_id = ? ORDER BY position')
        .raw()
        .all(route.id),
    ).toEqual([
      ['sea', 'korea-china-2022:incheon', 'korea-china-2022:qingdao', null],
      ['rail', 'korea-china-2022:qingdao', 'korea-china-2022:xian', 'China-Europe freight railway'],
    ]);
    expect(app.pageErrors).toEqual([]);
  });

  it('shows the server’s invalid-input details next to the field (a source deleted meanwhile)', async () => {
    const { id: sourceId } = await app.host.session.handlers.saveSource({
      label: 'TMP',
      publisher: 'Scratch publisher',
      title: 'A note to be deleted',
    });
    const page = await app.newPage();
    await openData(page);
    const form = page.getByTestId('event-form');
    await form.getByLabel('Kind *').selectOption('forum');
    await form.getByLabel('Title *').fill('Logistics forum, Qingdao');
    await form.getByLabel('Precision').selectOption('year');
    await form.getByLabel('Year', { exact: true }).fill('2023');
    await form.getByLabel('Source *').selectOption(sourceId);
    // Someone else (another window) deletes the source before this form is sent.
    await app.host.session.handlers.deleteSource({ id: sourceId });
    await form.getByRole('button', { name: 'Add event' }).click();
    const select = form.getByLabel('Source *');
    await expect.poll(() => select.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await select.getAttribute('aria-describedby')}`).innerText()).toBe(
      `no source ${sourceId} in this database (deleted meanwhile?)`,
    );
    expect(db().prepare("SELECT count(*) FROM event WHERE title = 'Logistics forum, Qingdao'").pluck().get()).toBe(0);
    await page.screenshot({ path: 'tests/artifacts/data-edit-forms.png', fullPage: true });
    expect(app.pageErrors).toEqual([]);
  });

  it('keeps a half-filled form and an edit under way while the user looks at another view, until they are saved or cancelled', async () => {
    const page = await app.newPage();
    await openData(page);
    const source = page.getByTestId('source-form');
    await source.getByLabel('Publisher').fill('Korea Customs Service');
    // An edit of a seed event whose date its source states relative to a report: the form says what a save keeps.
    const events = page.getByTestId('event-form');
    await page.getByRole('button', { name: 'Edit event Industrial cooperation meeting with Shandong Province' }).click();
    await expect.poll(() => events.getByLabel('Title *').inputValue()).toBe('Industrial cooperation meeting with Shandong Province');
    await events.getByLabel('Title *').fill('Cooperation meeting in Jinan');
    const note = events.getByText(/relative to a report: saving keeps only the calendar/);
    expect(await note.count()).toBe(1);

    const away = async (): Promise<void> => {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Events', exact: true }).click();
      await page.getByRole('heading', { name: 'Events', level: 1 }).waitFor();
      await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Data', exact: true }).click();
      await page.getByRole('heading', { name: 'Data', level: 1 }).waitFor();
    };
    await away();
    expect(await source.getByLabel('Publisher').inputValue()).toBe('Korea Customs Service');
    expect(await events.getByLabel('Title *').inputValue()).toBe('Cooperation meeting in Jinan');
    expect(await events.getByRole('button', { name: 'Save changes' }).count()).toBe(1);
    expect(await note.count()).toBe(1);

    // Cancelled, the edit is gone for good; the other form's draft stays.
    await events.getByRole('button', { name: 'Cancel editing' }).click();
    await away();
    expect(await events.getByLabel('Title *').inputValue()).toBe('');
    expect(await note.count()).toBe(0);
    expect(await source.getByLabel('Publisher').inputValue()).toBe('Korea Customs Service');
    expect(db().prepare("SELECT count(*) FROM event WHERE title = 'Cooperation meeting in Jinan'").pluck().get()).toBe(0);
    await page.close();
  });

  it('lists the changes in the edit log, newest first, with what they are about', async () => {
    const page = await app.newPage();
    await openData(page);
    const log = page.getByTestId('edit-log');
    const text = await log.innerText();
    const lines = text.split('\n').filter((l) => / (created|updated|deleted) /.test(l));
    expect(lines.slice(0, 5).map((l) => l.replace(/^.* — \S+ /, '').replace(/ \S+$/, ''))).toEqual([
      'deleted source “A note to be deleted”',
      'created source “A note to be deleted”',
      'created route “Incheon – Qingdao – Xi’an (sea, then rail)”',
      'updated event “Export fair”',
      'created project “Qingdao industrial park batch”',
    ]);
    const userName = app.host.session.context.userName;
    expect(lines.slice(0, 5).every((l) => l.includes(` — ${userName} `))).toBe(true);
  });

  it('marks the source and sector fields in error with the contract’s words, sends nothing, and edits an existing sector', async () => {
    const page = await app.newPage();
    await openData(page);
    const sourcesBefore = db().prepare('SELECT count(*) FROM source').pluck().get();
    const source = page.getByTestId('source-form');
    await source.getByLabel('Publisher').fill('Korea Customs Service');
    await source.getByLabel('Web address').fill('ftp://example.org/trade');
    await source.getByRole('button', { name: 'Add source' }).click();
    const label = source.getByLabel('Label');
    await expect.poll(() => label.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await label.getAttribute('aria-describedby')}`).innerText()).toBe('required');
    const url = source.getByLabel('Web address');
    expect(await page.locator(`#${await url.getAttribute('aria-describedby')}`).innerText()).toBe('an http(s) address');
    expect(await source.getByLabel('Publisher').getAttribute('aria-invalid')).toBeNull();
    expect(db().prepare('SELECT count(*) FROM source').pluck().get()).toBe(sourcesBefore);

    const sector = page.getByTestId('sector-form');
    const codes = sector.getByLabel('HS codes (2, 4 or 6 digits)');
    await sector.getByLabel('Name').fill('Hair care');
    await codes.fill('3305, 330');
    await sector.getByRole('button', { name: 'Add sector' }).click();
    await expect.poll(() => codes.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await codes.getAttribute('aria-describedby')}`).innerText()).toBe('an HS code of 2, 4 or 6 digits');
    await codes.fill('3305, 3305');
    await sector.getByRole('button', { name: 'Add sector' }).click();
    await expect.poll(async () => page.locator(`#${await codes.getAttribute('aria-describedby')}`).innerText()).toBe('each HS code once');
    expect(db().prepare("SELECT count(*) FROM sector WHERE name = 'Hair care'").pluck().get()).toBe(0);

    await codes.fill('3305');
    await sector.getByRole('button', { name: 'Add sector' }).click();
    await expect.poll(() => page.locator('.notices').innerText()).toContain('Sector Hair care saved.');
    expect(await codes.inputValue()).toBe('');
    // Edit it: the draft is filled in, Save changes replaces the codes, Cancel is offered while editing.
    await page.getByRole('button', { name: 'Edit sector Hair care' }).click();
    expect(await codes.inputValue()).toBe('3305');
    expect(await sector.getByRole('button', { name: 'Cancel editing' }).count()).toBe(1);
    await codes.fill('3305, 3306');
    await sector.getByRole('button', { name: 'Save changes' }).click();
    const hairCareCodes = () =>
      db()
        .prepare("SELECT m.hs_code FROM sector s JOIN sector_hs m ON m.sector_id = s.id WHERE s.name = 'Hair care' ORDER BY m.hs_code")
        .pluck()
        .all();
    await expect.poll(hairCareCodes).toEqual(['3305', '3306']);
    // The database is written before the page hears back: the form goes back to blank once the answer arrives.
    await expect.poll(() => sector.getByRole('button', { name: 'Cancel editing' }).count()).toBe(0);
    expect(await codes.inputValue()).toBe('');
    expect(app.pageErrors).toEqual([]);
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`axe-core finds no serious or critical violation in the Data view (${scheme}, forms showing errors)`, async () => {
      const page = await app.newPage({ colorScheme: scheme, reducedMotion: 'reduce' });
      await openData(page);
      // Show errors in every form, and an event in edit mode, so those states are checked too.
      await page.getByTestId('project-form').getByRole('button', { name: 'Add project' }).click();
      await page.getByTestId('route-form').getByRole('button', { name: 'Add route' }).click();
      await page
        .getByRole('button', { name: /^Edit event / })
        .first()
        .click();
      await page.getByTestId('event-form').getByLabel('Title *').fill('');
      await page.getByTestId('event-form').getByRole('button', { name: 'Save changes' }).click();
      await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(3);
      await page.screenshot({ path: `tests/artifacts/data-edit-${scheme}.png`, fullPage: true });
      expect(await seriousAxeViolations(page)).toEqual([]);
      expect(app.foreignRequests).toEqual([]);
      expect(app.pageErrors).toEqual([]);
    });
  }
});

/** The focused element, as a screen reader names it (its aria-label, else its words), or '<body>' when focus was lost. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(
    `(() => { const e = document.activeElement; return !e || e === document.body ? '<body>' : (e.getAttribute('aria-label') ?? e.textContent.trim()); })()`,
  );

describe('Data view: the keyboard keeps its place', () => {
  it('after a delete the next row’s Delete has the focus, after a save the form’s submit button', async () => {
    const page = await app.newPage();
    page.on('dialog', (dialog) => void dialog.accept());
    await openData(page);
    const list = page.getByTestId('event-list');
    const deletes = await list
      .getByRole('button', { name: /^Delete event / })
      .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    expect(deletes.length).toBeGreaterThan(2);
    const before = db().prepare('SELECT count(*) FROM event').pluck().get() as number;

    // Enter on the first row's Delete (the confirmation accepted): the row goes, the focus moves to the row below's Delete.
    await list.getByRole('button', { name: deletes[0]!, exact: true }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => db().prepare('SELECT count(*) FROM event').pluck().get()).toBe(before - 1);
    await expect.poll(() => list.getByRole('button', { name: deletes[0]!, exact: true }).count()).toBe(0);
    await expect.poll(() => focused(page)).toBe(deletes[1]);

    // Enter on Save changes: the button is disabled while it saves, and has the focus back once the form is blank again.
    const form = page.getByTestId('event-form');
    await list
      .getByRole('button', { name: /^Edit event / })
      .first()
      .focus();
    await page.keyboard.press('Enter');
    await form.getByRole('button', { name: 'Save changes' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => form.getByRole('button', { name: 'Cancel editing' }).count()).toBe(0);
    await expect.poll(() => focused(page)).toBe('Add event');
    expect(app.pageErrors).toEqual([]);
  });
});
