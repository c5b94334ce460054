/**
 * The dashboards, each defined once: its id (also its route, `#/<id>`, and its print route,
 * `#/print/dashboard/<id>`), its label, its filters as data (db/common/filter-fields.ts), the tables its export
 * writes and, where it has one, its one-page print summary as briefing blocks. The sidebar, the router, the print
 * routes, the export list, the filters' types and their zod schemas (db/common/dashboard-filters.ts: the URL, the
 * `dashboard` method's input, exports) all derive from DASHBOARD_DEFINITIONS.
 *
 * Adding a dashboard takes three files: its entry here, with its label and export description in every language (the
 * catalogues take them from here: renderer/src/i18n/messages/dashboard-keys.ts); its data, db/dashboards/data/<id>.ts
 * (its view model and export tables as its default export, its model's type added to DashboardModels), found by its
 * id; its view, renderer/src/views/<id>/<Name>View.svelte, found by the views' registry. A view that shows words no
 * other view has adds them to the message catalogues too.
 *
 * Pure TypeScript (no zod at run time): the renderer's shell imports it; tests/unit/vocabulary.test.ts fails when a
 * list of dashboard names or a dashboard's title is spelled out anywhere else.
 */
import type { BlockSpecInput } from './briefing-blocks.ts';
import type { Language } from './languages.ts';
import { filter, PAIR_AND_YEARS, type FilterCheck, type FilterFields, type FiltersOf } from './filter-fields.ts';
import { EVENT_KINDS, LEVEL_DIGITS, PARTNER_MEASURES, PRODUCT_LEVELS, PROJECT_STATUSES } from './vocabulary.ts';

/** A dashboard's print summary: its title and the briefing blocks it prints, from its filters as the URL gives them. */
export interface PrintSummary {
  title: string;
  blocks: BlockSpecInput[];
}

/** How a print summary's title names an economy: the page names it in the print's language; the code where none does. */
export type EconomyNamer = (code: string) => string;
export const byCode: EconomyNamer = (code) => code;

interface Definition<Id extends string, Fields extends FilterFields> {
  id: Id;
  label: string;
  /** Its filters, by name: what each takes, whether it may be left out, its default. */
  filters: Fields;
  /** A rule across its filters, checked after each field's own. */
  check?: FilterCheck<Fields>;
  /** The tables its export writes, in order (one CSV file, or a ZIP of one CSV per table when several). */
  exportTables: readonly string[];
  /** What its export writes, in words ("Writes … : exactly the rows this view shows"). */
  exportDescription: string;
  /** Its label and export description in the other languages of the interface (the catalogues take them from here). */
  translations: { readonly [L in Exclude<Language, 'en'>]: { label: string; exportDescription: string } };
  /** The print summary (`#/print/dashboard/<id>`), from the valid filters of the URL; none where the dashboard has no summary yet. */
  print?: (filters: Partial<FiltersOf<Fields>>, label: string, name: EconomyNamer) => PrintSummary;
}

type Printed<Fields extends FilterFields> = { print: NonNullable<Definition<string, Fields>['print']> };
function define<const Id extends string, const Fields extends FilterFields>(
  d: Definition<Id, Fields> & Printed<Fields>,
): Definition<Id, Fields> & Printed<Fields>;
function define<const Id extends string, const Fields extends FilterFields>(
  d: Definition<Id, Fields>,
): Definition<Id, Fields> & { print?: undefined };
function define<const Id extends string, const Fields extends FilterFields>(d: Definition<Id, Fields>): Definition<Id, Fields> {
  return d;
}

/** Printed with KOR – CHN where the URL names no pair. */
function pairSummary(label: string, f: Partial<FiltersOf<typeof PAIR_AND_YEARS>>, name: EconomyNamer) {
  const reporter = f.reporter ?? 'KOR';
  const partner = f.partner ?? 'CHN';
  const range = { ...(f.from !== undefined ? { from: f.from } : {}), ...(f.to !== undefined ? { to: f.to } : {}) };
  const span = f.from !== undefined || f.to !== undefined ? `, ${f.from ?? '…'}–${f.to ?? '…'}` : '';
  return { reporter, partner, range, title: `${label}: ${name(reporter)} – ${name(partner)}${span}` };
}

/** Every dashboard, in sidebar order. */
export const DASHBOARD_DEFINITIONS = [
  define({
    id: 'overview',
    label: 'Overview',
    filters: { reporter: filter.economy().optional(), partner: filter.economy().optional(), year: filter.year().optional() },
    exportTables: ['headline', 'statements', 'claims', 'contents'],
    exportDescription: 'the headline figures, what the sources say and the counts',
    translations: {
      ko: { label: '개요', exportDescription: '주요 수치, 출처의 내용과 건수' },
      zh: { label: '概览', exportDescription: '主要数字、各来源的说法及计数' },
    },
    print: (_, label) => ({
      title: label,
      blocks: [
        { kind: 'kpi', config: { heading: 'Headline figures' } },
        { kind: 'statements', config: { heading: 'What the sources say' } },
      ],
    }),
  }),
  define({
    id: 'trade',
    label: 'Trade balance',
    filters: PAIR_AND_YEARS,
    exportTables: ['kpi', 'series', 'mirror', 'reconciliation'],
    exportDescription: 'the KPI figures, the series by year, the mirror view and where figures disagree',
    translations: {
      ko: { label: '무역수지', exportDescription: 'KPI 수치, 연도별 추이, 미러 통계와 수치가 어긋나는 곳' },
      zh: { label: '贸易差额', exportDescription: 'KPI 数字、逐年序列、镜像统计及数字不一致之处' },
    },
    print: (f, label, name) => {
      const { reporter, partner, range, title } = pairSummary(label, f, name);
      return {
        title,
        blocks: [
          { kind: 'trade-chart', config: { heading: 'Exports, imports and balance by year', reporter, partner, ...range } },
          { kind: 'mirror', config: { heading: 'Mirror statistics, latest five years', reporter, partner, ...range, latest: 5 } },
          { kind: 'reconciliation', config: { heading: 'Where the figures disagree, latest year', reporter, partner, latest: 1 } },
        ],
      };
    },
  }),
  define({
    id: 'monthly',
    label: 'Monthly trade',
    filters: PAIR_AND_YEARS,
    exportTables: ['months', 'years'],
    exportDescription: 'every month with its sources, and what the annual series shows for those years',
    translations: {
      ko: { label: '월별 무역', exportDescription: '월별 수치와 출처, 그리고 해당 연도의 연간 추이' },
      zh: { label: '月度贸易', exportDescription: '每月数字及其来源，以及这些年份的年度序列' },
    },
  }),
  define({
    id: 'partners',
    label: 'Partners',
    filters: {
      reporter: filter.economy(),
      year: filter.year().optional(),
      by: filter.oneOf(PARTNER_MEASURES).default('exports'),
      compare: filter.economies(12).default([]),
      from: filter.year().optional(),
      to: filter.year().optional(),
    },
    exportTables: ['totals', 'ranking', 'rank_history', 'partner_series'],
    exportDescription:
      "the reporter's totals, every partner ranked with shares and change, the rank history and the compared partners by year",
    /** The reporter's top partners with their shares, on the map, their ranks by year and China's share (KOR where the URL names none). */
    translations: {
      ko: { label: '교역 상대국', exportDescription: '보고국의 총액, 비중과 증감을 붙인 교역 상대국 순위, 순위 변화와 연도별 비교 상대국' },
      zh: { label: '贸易伙伴', exportDescription: '报告方的总额、按占比和变化排名的全部贸易伙伴、排名变化及逐年对比的伙伴' },
    },
    print: (f, label, name) => {
      const reporter = f.reporter ?? 'KOR';
      const by = f.by ?? 'exports';
      const year = f.year !== undefined ? { year: f.year } : {};
      const from = f.from !== undefined ? { from: f.from } : {};
      const to = f.to !== undefined ? { to: f.to } : {};
      return {
        title: `${label}: ${name(reporter)}${f.year !== undefined ? `, ${f.year}` : ''}`,
        blocks: [
          { kind: 'partner-ranking', config: { heading: 'Top partners and their shares', reporter, by, top: 10, ...year, ...from } },
          {
            kind: 'map',
            config: { heading: 'Partners on the map', reporter, ...year, measure: by === 'imports' || by === 'balance' ? by : 'exports' },
          },
          {
            kind: 'partner-ranks',
            config: {
              heading: 'Rank of the top partners by year',
              reporter,
              by,
              top: 10,
              ...from,
              ...((f.to ?? f.year) ? { to: f.to ?? f.year } : {}),
            },
          },
          {
            kind: 'partner-share',
            config: { heading: "China's share of the reporter's exports and imports", reporter, partner: 'CHN', ...from, ...to },
          },
        ],
      };
    },
  }),
  define({
    id: 'products',
    label: 'Top products',
    /** A pair's products in a year: the level listed, and the chapter or heading drilled into. */
    filters: {
      reporter: filter.economy(),
      partner: filter.economy(),
      year: filter.year().optional(),
      flow: filter.oneOf(['export', 'import']).default('export'),
      level: filter.oneOf(PRODUCT_LEVELS).default('chapter'),
      /** A chapter (2 digits) or heading (4 digits) whose finer codes are listed. */
      within: filter.hsPrefix().optional(),
      limit: filter.wholeNumber(1, 6000).default(500),
    },
    check: {
      field: 'within',
      message: 'within must be coarser than the level listed (a chapter for headings, a chapter or heading for codes)',
      holds: (q) => q.within === undefined || q.within.length < LEVEL_DIGITS[q.level],
    },
    exportTables: ['products'],
    exportDescription: 'the products listed, with their shares, change and sources',
    translations: {
      ko: { label: '주요 품목', exportDescription: '표시된 품목과 비중, 증감, 출처' },
      zh: { label: '主要商品', exportDescription: '所列商品及其占比、变化和来源' },
    },
  }),
  define({
    id: 'sectors',
    label: 'Export sectors',
    filters: PAIR_AND_YEARS,
    exportTables: ['sectors', 'figures'],
    exportDescription: 'the sectors table and every product-group figure',
    translations: {
      ko: { label: '수출 업종', exportDescription: '업종 표와 모든 품목군 수치' },
      zh: { label: '出口行业', exportDescription: '行业表及全部商品类别数字' },
    },
    print: (f, label, name) => {
      const { reporter, partner, range, title } = pairSummary(label, f, name);
      return { title, blocks: [{ kind: 'sectors-table', config: { heading: label, reporter, partner, ...range } }] };
    },
  }),
  define({
    id: 'projects',
    label: 'Cooperation projects',
    filters: {
      region: filter.economy().optional(),
      field: filter.words().optional(),
      status: filter.oneOf(PROJECT_STATUSES).optional(),
      /** Signed on or after (YYYY-MM-DD, compared with the latest day the recorded date can mean). */
      from: filter.datePrefix().optional(),
      to: filter.datePrefix().optional(),
    },
    exportTables: ['projects', 'by_field', 'by_region'],
    exportDescription: 'the projects, and the counts by field and by region',
    translations: {
      ko: { label: '협력 사업', exportDescription: '사업 목록과 분야별·지역별 건수' },
      zh: { label: '合作项目', exportDescription: '项目及按领域、按地区的计数' },
    },
    print: ({ region, status, field }, label) => ({
      title: label,
      blocks: [
        {
          kind: 'projects-table',
          config: {
            heading: label,
            ...(region ? { region } : {}),
            ...(status ? { status } : {}),
            ...(field ? { field } : {}),
          },
        },
      ],
    }),
  }),
  define({
    id: 'events',
    label: 'Events',
    filters: { kind: filter.oneOf(EVENT_KINDS).optional(), place: filter.words().optional() },
    exportTables: ['events'],
    exportDescription: 'the events, upcoming and past',
    translations: {
      ko: { label: '행사', exportDescription: '예정된 행사와 지난 행사' },
      zh: { label: '活动', exportDescription: '即将举行和已举行的活动' },
    },
    print: ({ kind, place }, label) => ({
      title: label,
      blocks: [
        { kind: 'events-table', config: { heading: 'Meetings, forums, fairs', ...(kind ? { kind } : {}), ...(place ? { place } : {}) } },
      ],
    }),
  }),
  define({
    id: 'logistics',
    label: 'Logistics',
    filters: {},
    exportTables: ['routes', 'legs'],
    exportDescription: 'the routes and their legs',
    translations: {
      ko: { label: '물류', exportDescription: '경로와 구간' },
      zh: { label: '物流', exportDescription: '线路及其各段' },
    },
    print: (_, label) => ({ title: label, blocks: [{ kind: 'route', config: { heading: 'Logistics routes' } }] }),
  }),
] as const;

type Definitions = typeof DASHBOARD_DEFINITIONS;
export type Dashboard = Definitions[number]['id'];
export type DashboardDefinition<D extends Dashboard = Dashboard> = Extract<Definitions[number], { id: D }>;

/** The dashboards' ids, in sidebar order. */
export const DASHBOARDS: readonly Dashboard[] = DASHBOARD_DEFINITIONS.map((d) => d.id);
export const DASHBOARD_TITLES = Object.fromEntries(DASHBOARD_DEFINITIONS.map((d) => [d.id, d.label])) as Record<Dashboard, string>;

export function dashboardDefinition<D extends Dashboard>(id: D): DashboardDefinition<D> {
  return DASHBOARD_DEFINITIONS.find((d) => d.id === id) as DashboardDefinition<D>;
}

/** The dashboards with a print summary. */
export type PrintableDashboard = Extract<Definitions[number], { print: object }>['id'];
export const PRINTABLE_DASHBOARDS: readonly PrintableDashboard[] = DASHBOARD_DEFINITIONS.filter((d) => d.print !== undefined).map(
  (d) => d.id as PrintableDashboard,
);
export function isPrintableDashboard(name: string): name is PrintableDashboard {
  return (PRINTABLE_DASHBOARDS as readonly string[]).includes(name);
}

/** The kind of file an export of this dashboard in this format is. */
export function dashboardFileKind(dashboard: Dashboard, format: 'csv' | 'xlsx'): 'csv' | 'zip' | 'xlsx' {
  if (format === 'xlsx') return 'xlsx';
  return dashboardDefinition(dashboard).exportTables.length > 1 ? 'zip' : 'csv';
}
