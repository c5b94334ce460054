/**
 * The dashboards, each defined once: its id (also its route, `#/<id>`, and its print route,
 * `#/print/dashboard/<id>`), its label, its filters as data (db/common/filter-fields.ts), the tables its export
 * writes and, where it has one, its one-page print summary as briefing blocks. The sidebar, the router, the print
 * routes, the export list, the filters' types and their zod schemas (db/common/dashboard-filters.ts: the URL, the
 * `dashboard` method's input, exports) all derive from DASHBOARD_DEFINITIONS.
 *
 * Adding a dashboard takes three code files (five while its filters' zod schema and the data index each had a line
 * per dashboard): its entry here; its data, db/dashboards/data/<id>.ts (its view model and export tables as its
 * default export, its model's type added to DashboardModels), found by its id; its view,
 * renderer/src/views/<id>/<Name>View.svelte, found by the views' registry. Its English title and export description
 * are the entry's; their Korean and Chinese go into renderer/src/i18n/messages/ko.ts and zh.ts, with any message its
 * view adds (and that message's English in en.ts). A throwaway dashboard on a scratch commit (branch dash3-scratch,
 * not merged) needed exactly: this file, db/dashboards/data/corridors.ts, views/corridors/CorridorsView.svelte, ko.ts
 * and zh.ts.
 *
 * Pure TypeScript (no zod at run time): the renderer's shell imports it; tests/unit/vocabulary.test.ts fails when a
 * list of dashboard names or a dashboard's title is spelled out anywhere else.
 */
import type { BlockSpecInput } from './briefing-blocks.ts';
import { filter, PAIR_AND_YEARS, type FilterCheck, type FilterFields, type FiltersOf } from './filter-fields.ts';
import { EVENT_KINDS, LEVEL_DIGITS, PARTNER_MEASURES, PRODUCT_LEVELS, PROJECT_STATUSES } from './vocabulary.ts';

/** A dashboard's print summary: its title and the briefing blocks it prints, from its filters as the URL gives them. */
export interface PrintSummary {
  title: string;
  blocks: BlockSpecInput[];
}

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
  /** The print summary (`#/print/dashboard/<id>`), from the valid filters of the URL; none where the dashboard has no summary yet. */
  print?: (filters: Partial<FiltersOf<Fields>>, label: string) => PrintSummary;
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
function pairSummary(label: string, f: Partial<FiltersOf<typeof PAIR_AND_YEARS>>) {
  const reporter = f.reporter ?? 'KOR';
  const partner = f.partner ?? 'CHN';
  const range = { ...(f.from !== undefined ? { from: f.from } : {}), ...(f.to !== undefined ? { to: f.to } : {}) };
  const span = f.from !== undefined || f.to !== undefined ? `, ${f.from ?? '…'}–${f.to ?? '…'}` : '';
  return { reporter, partner, range, title: `${label}: ${reporter} – ${partner}${span}` };
}

/** Every dashboard, in sidebar order. */
export const DASHBOARD_DEFINITIONS = [
  define({
    id: 'overview',
    label: 'Overview',
    filters: { reporter: filter.economy().optional(), partner: filter.economy().optional(), year: filter.year().optional() },
    exportTables: ['headline', 'statements', 'claims', 'contents'],
    exportDescription: 'the headline figures, what the sources say and the counts',
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
    print: (f, label) => {
      const { reporter, partner, range, title } = pairSummary(label, f);
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
    print: (f, label) => {
      const reporter = f.reporter ?? 'KOR';
      const by = f.by ?? 'exports';
      const year = f.year !== undefined ? { year: f.year } : {};
      const from = f.from !== undefined ? { from: f.from } : {};
      const to = f.to !== undefined ? { to: f.to } : {};
      return {
        title: `${label}: ${reporter}${f.year !== undefined ? `, ${f.year}` : ''}`,
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
  }),
  define({
    id: 'sectors',
    label: 'Export sectors',
    filters: PAIR_AND_YEARS,
    exportTables: ['sectors', 'figures'],
    exportDescription: 'the sectors table and every product-group figure',
    print: (f, label) => {
      const { reporter, partner, range, title } = pairSummary(label, f);
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
