/**
 * The areas' rules without SQLite (db/{sectors,overview,events,projects,sources,products}/rules.ts):
 * each worked out by hand on small inputs, including the cases the rules exist for (a code covered
 * by a shorter one, a year several sources give, a stated total from another source, a batch over
 * several fields, an event without a date, a heading with no figure of its own).
 */
import { describe, expect, it } from 'vitest';
import { sourceRef } from '../support/source-ref.ts';
import { said } from '../../db/common/core-messages.ts';
import { earliestDay, eventDate, splitByToday } from '../../db/events/rules.ts';
import type { EventItem } from '../../db/events/contract.ts';
import { headlineOf } from '../../db/overview/rules.ts';
import { atLevel, codesByYear, contestedCodes, productTotal, rankingNotes, tree } from '../../db/products/rules.ts';
import type { ProjectItem } from '../../db/projects/contract.ts';
import { bound, byRegion, fieldBreakdown, inRange, projectTotals, signedDate } from '../../db/projects/rules.ts';
import type { ProjectRow } from '../../db/projects/sql.ts';
import { bySourceCount, disjointPrefixes, sectorOrder, sectorValues, shareOf } from '../../db/sectors/rules.ts';
import type { SectorSummary } from '../../db/sectors/contract.ts';
import { emptyUsage, fileCitations } from '../../db/sources/rules.ts';

const source = sourceRef;

describe('sectors rules', () => {
  it('keeps only the codes no shorter code of the set covers', () => {
    expect(disjointPrefixes(['330499', '33', '3304', '8708', '870899', '2202', '2202'])).toEqual(['2202', '33', '8708']);
    expect(disjointPrefixes([])).toEqual([]);
  });

  it('sends a year several sources give to the chosen rows, and keeps the years one source gives', () => {
    const split = bySourceCount([
      { year: 2020, v: 10, n: 2, srcs: 'a' },
      { year: 2021, v: 11, n: 2, srcs: 'a' },
      { year: 2021, v: 12, n: 2, srcs: 'b' },
      { year: 2022, v: 13, n: 3, srcs: 'a,b' },
    ]);
    expect(split.single).toEqual([{ year: 2020, v: 10, n: 2, srcs: 'a' }]);
    expect([...split.several].sort()).toEqual([2021, 2022]);
  });

  it('adds the sums of a year once per code, with share of a whole-year total and change on the year before', () => {
    const totals: Record<number, number> = { 2020: 100, 2021: 0 };
    const values = sectorValues(
      [
        { year: 2021, v: 30, n: 3, srcs: 'b' },
        { year: 2020, v: 10, n: 1, srcs: 'a' },
        { year: 2020, v: 15, n: 2, srcs: 'a,b' },
        { year: 2023, v: 5, n: 1, srcs: 'a' },
      ],
      (year) => (totals[year] === undefined ? null : { value: totals[year]!, source: source('t') }),
      source,
    );
    expect(values.map((v) => [v.year, v.value, v.rows, v.share, v.change])).toEqual([
      [2020, 25, 3, 0.25, null],
      [2021, 30, 3, null, 0.2],
      // 2022 is missing: no change across the gap.
      [2023, 5, 1, null, null],
    ]);
    expect(values[0]!.sources.map((s) => s.id)).toEqual(['a', 'b']);
    expect(shareOf(5, null)).toBeNull();
    expect(shareOf(5, { value: -1, source: source('t') })).toBeNull();
  });

  it('orders the plan’s sectors by their place, then sectors with data, then the rest, by name within each', () => {
    const sector = (name: string, position: number | null, hasData: boolean): SectorSummary => ({
      key: name.toLowerCase(),
      name,
      ids: [],
      description: null,
      priorities: position === null ? [] : [{ planId: 'p', planTitle: 'Plan', position, source: source('s') }],
      hsCodes: 0,
      latest: null,
      figures: [],
      hasData,
    });
    const sorted = [
      sector('Zinc', null, false),
      sector('Beverages', null, true),
      sector('Cosmetics', 2, false),
      sector('Auto parts', null, true),
      sector('Semiconductors', 1, true),
    ].sort(sectorOrder);
    expect(sorted.map((s) => s.name)).toEqual(['Semiconductors', 'Cosmetics', 'Auto parts', 'Beverages', 'Zinc']);
  });
});

describe('overview rules', () => {
  const pick = { reporter: { code: 'CHN', name: 'China' }, partner: { code: 'KOR', name: 'South Korea' }, year: 2021 };
  const flows = [
    { flow: 'export' as const, value_usd: 150.5e9, source_id: 's4', note: null },
    { flow: 'import' as const, value_usd: 213.5e9, source_id: 's4', note: 'n' },
  ];

  it('derives the balance and the sum of the parts and sets the stated total of the same source beside them', () => {
    const h = headlineOf(pick, flows, { value_usd: 364.1e9, note: null, source_id: 's4' }, source)!;
    expect(h.balance).toMatchObject({ value: -63e9, formula: 'exports − imports' });
    expect(h.sumOfParts).toMatchObject({ value: 364e9, formula: 'exports + imports' });
    expect(h.balance.sources.map((s) => s.id)).toEqual(['s4']);
    expect(h.imports.note).toBe('n');
    expect(h.totalDifference).toBeCloseTo(0.1e9, -3);
  });

  it('shows a stated total of another source but never compares it with the parts', () => {
    const h = headlineOf(pick, flows, { value_usd: 362e9, note: null, source_id: 'other' }, source)!;
    expect(h.statedTotal?.source.id).toBe('other');
    expect(h.totalDifference).toBeNull();
    const mixed = headlineOf(
      pick,
      [flows[0]!, { ...flows[1]!, source_id: 's9' }],
      { value_usd: 364.1e9, note: null, source_id: 's4' },
      source,
    )!;
    expect(mixed.totalDifference).toBeNull();
    expect(mixed.sumOfParts.sources.map((s) => s.id)).toEqual(['s4', 's9']);
  });

  it('gives no headline unless both flows are there', () => {
    expect(headlineOf(pick, [flows[0]!], undefined, source)).toBeNull();
  });
});

describe('events rules', () => {
  const columns = {
    date_precision: 'month' as const,
    date_value: '2022-09',
    date_part: 'late' as const,
    rel_anchor_id: null,
    rel_weekday: null,
    rel_relation: null,
    rel_note: null,
  };

  it('reads a stored date with its precision, and a relative one with its anchor’s label', () => {
    expect(eventDate(columns, source)).toEqual({ precision: 'month', value: '2022-09', part: 'late' });
    expect(
      eventDate(
        { ...columns, date_precision: 'relative', rel_anchor_id: 's7', rel_weekday: 4, rel_relation: 'before-anchor', rel_note: 'x' },
        source,
      ),
    ).toEqual({
      precision: 'relative',
      value: '2022-09',
      part: 'late',
      relative: { anchorId: 's7', anchorLabel: 'S7', weekday: 4, relation: 'before-anchor', note: 'x' },
    });
    expect(earliestDay({ precision: 'month', value: '2022-09', part: 'late' })).toBe('2022-09-21');
    expect(earliestDay({ precision: 'relative', value: null })).toBeNull();
  });

  it('lists upcoming events soonest first and past ones latest first, an undated event last', () => {
    const item = (title: string, earliest: string | null, latest: string | null, past: boolean) =>
      ({ title, earliest, latest, past }) as EventItem;
    const { upcoming, past } = splitByToday([
      item('undated', null, null, false),
      item('December', '2026-12-01', '2026-12-31', false),
      item('next week', '2026-12-07', '2026-12-07', false),
      item('2021', '2021-01-01', '2021-12-31', true),
      item('Oct 2022', '2022-10-01', '2022-10-31', true),
    ]);
    expect(upcoming.map((e) => e.title)).toEqual(['December', 'next week', 'undated']);
    expect(past.map((e) => e.title)).toEqual(['Oct 2022', '2021']);
  });
});

describe('projects rules', () => {
  const project = (id: string, count: number, fields: string[], splitReported: boolean, region = 'CN-JS') =>
    ({ id, title: id, count, fields, splitReported, region: { code: region, name: region, regionLabel: null } }) as ProjectItem;

  it('completes a partial filter date to its first or last day', () => {
    expect(bound('2022', false)).toBe('2022-01-01');
    expect(bound('2022', true)).toBe('2022-12-31');
    expect(bound('2024-02', true)).toBe('2024-02-29');
    expect(bound('2024-02', false)).toBe('2024-02-01');
    expect(bound('2024-02-10', true)).toBe('2024-02-10');
  });

  it('keeps a project when the period its date can mean overlaps the range; without a date, only when there is no range', () => {
    const oct = { precision: 'month' as const, value: '2022-10' };
    expect(inRange(oct, '2022-10-31', null)).toBe(true);
    expect(inRange(oct, '2022-11-01', null)).toBe(false);
    expect(inRange(oct, null, '2022-09-30')).toBe(false);
    expect(inRange(null, null, null)).toBe(true);
    expect(inRange(null, '2020-01-01', null)).toBe(false);
  });

  it('takes a relative signing date from the event it was signed at, else its known month', () => {
    const row = {
      signed_precision: 'relative',
      signed_value: '2022-09',
      signed_part: null,
      ev_precision: 'relative',
      ev_value: '2022-09',
      ev_part: null,
      rel_anchor_id: 's1',
      rel_weekday: 4,
      rel_relation: 'before-anchor',
      rel_note: null,
    } as unknown as ProjectRow;
    expect(signedDate(row, source)).toMatchObject({ precision: 'relative', relative: { anchorLabel: 'S1', weekday: 4 } });
    expect(signedDate({ ...row, ev_precision: null, rel_anchor_id: null }, source)).toEqual({
      precision: 'month',
      value: '2022-09',
      part: null,
    });
    expect(signedDate({ ...row, signed_precision: 'day', signed_value: '2022-09-29' }, source)).toEqual({
      precision: 'day',
      value: '2022-09-29',
      part: null,
    });
    expect(signedDate({ ...row, signed_precision: null }, source)).toBeNull();
  });

  it('counts a batch as its projects, never divided among its fields, and by region', () => {
    const projects = [
      project('one', 1, ['Energy'], false),
      project('batch', 15, ['Energy', 'Logistics', 'Health'], false, 'CN-SD'),
      project('split', 1, ['Energy', 'Health'], true),
      project('none', 2, [], false),
    ];
    expect(fieldBreakdown(projects)).toEqual({
      byField: [
        { field: 'Energy', projects: 2 },
        { field: 'Field not stated', projects: 2 },
        { field: 'Health', projects: 1 },
      ],
      unsplitBatches: [{ id: 'batch', title: 'batch', count: 15, fields: ['Energy', 'Logistics', 'Health'] }],
    });
    expect(projectTotals(projects)).toEqual({ projects: 19, entries: 4, batches: 2 });
    expect(byRegion(projects).map((r) => [r.region.code, r.projects, r.entries])).toEqual([
      ['CN-SD', 15, 1],
      ['CN-JS', 4, 3],
    ]);
  });
});

describe('sources rules', () => {
  it('files each citing row under its source in the list of its kind, and leaves out rows of unknown sources', () => {
    const a = emptyUsage(source('a'), { tradeFlows: 3, statedFigures: 0, sectorMappings: 0, sectorFigures: 1 });
    const usage = new Map([['a', a]]);
    fileCitations(usage, [
      { kind: 'event', source_id: 'a', id: 'e1', name: 'Expo' },
      { kind: 'plan', source_id: 'a', id: 'p1', name: 'Plan' },
      { kind: 'statement', source_id: 'a', id: 'st1', name: 'China is…' },
      { kind: 'route', source_id: 'gone', id: 'r1', name: 'Sea' },
    ]);
    expect(a.tradeFlows).toBe(3);
    expect(a.events).toEqual([{ id: 'e1', title: 'Expo' }]);
    expect(a.exportPlans).toEqual([{ id: 'p1', title: 'Plan' }]);
    expect(a.statements).toEqual([{ id: 'st1', text: 'China is…' }]);
    expect(a.routes).toEqual([]);
  });
});

describe('products rules', () => {
  it('builds chapters and headings from their codes, a stated figure replacing (not added to) the sum under it', () => {
    const t = tree(
      new Map([
        ['330410', { value: 10, source: 'a' }],
        ['330420', { value: 5, source: 'b' }],
        ['3305', { value: 7, source: 'a' }],
        ['85', { value: 100, source: 'c' }],
        ['854231', { value: 60, source: 'a' }],
      ]),
    );
    expect(t.get('3304')).toMatchObject({ value: 15, basis: 'sum-of-codes', children: 2 });
    expect([...t.get('3304')!.sources]).toEqual(['a', 'b']);
    expect(t.get('33')).toMatchObject({ value: 22, basis: 'sum-of-codes', children: 2 });
    // Chapter 85 is stated: its heading's 60 is not added to it.
    expect(t.get('85')).toMatchObject({ value: 100, basis: 'stated', children: 1 });
    expect(atLevel(t, 'chapter', null).map(([c]) => c)).toEqual(['85', '33']);
    expect(atLevel(t, 'heading', '33').map(([c]) => c)).toEqual(['3304', '3305']);

    const { total, chapterSum } = productTotal(undefined, t, source);
    expect(chapterSum).toBe(122);
    expect(total).toMatchObject({ value: 122, basis: 'sum-of-chapters' });
    expect(productTotal({ value_usd: 100, source_id: 't' }, t, source).total).toMatchObject({ value: 100, basis: 'stated' });
    const notes = rankingNotes({
      names: { reporter: { economy: 'KOR', name: 'South Korea' }, partner: { economy: 'CHN', name: 'China' }, flow: said('claimExports') },
      year: 2023,
      level: 'chapter',
      within: null,
      previousLoaded: false,
      stated: true,
      // The same tree in billions: 122 bn of chapters against a stated 100 bn.
      total: { value: 100e9, basis: 'stated', sources: [] },
      chapterSum: chapterSum * 1e9,
      all: atLevel(t, 'chapter', null),
    });
    expect(notes.map((n) => n.message)).toEqual([
      "No HS-level figures of this pair's exports are loaded for 2022: no change on the year before.",
      'The chapters loaded add up to more than the stated total (USD 122.0 bn against 100.0 bn): the sources differ.',
      '1 of 2 chapters have no figure of their own: each is the sum of the finer codes loaded under it.',
    ]);
    // Each note is coded for the page's language, its flow a word the page translates.
    expect(notes.map((n) => [n.messageCode, n.params])).toEqual([
      ['productsNoPreviousYear', { flow: said('claimExports'), year: '2022' }],
      ['productsChaptersAboveTotal', { chapters: '122.0', total: '100.0' }],
      ['productsChaptersSummed', { summed: '1', all: '2' }],
    ]);
  });

  it('finds the codes several sources give in a year and keeps the chosen row for them', () => {
    const rows = [
      { product_code: '3304', year: 2022, value_usd: 1, source_id: 'a' },
      { product_code: '3304', year: 2023, value_usd: 2, source_id: 'a' },
      { product_code: '3304', year: 2023, value_usd: 3, source_id: 'b' },
      { product_code: '8708', year: 2023, value_usd: 4, source_id: 'a' },
    ];
    const contested = contestedCodes(rows);
    expect([...contested]).toEqual(['3304']);
    const byYear = codesByYear(2023, rows, contested, [
      { product_code: '3304', year: 2023, value_usd: 3, source_id: 'b' },
      { product_code: '3304', year: 2022, value_usd: 1, source_id: 'a' },
    ]);
    expect([...byYear.get(2023)!]).toEqual([
      ['8708', { value: 4, source: 'a' }],
      ['3304', { value: 3, source: 'b' }],
    ]);
    expect([...byYear.get(2022)!]).toEqual([['3304', { value: 1, source: 'a' }]]);
  });
});
