/**
 * The dashboards, each defined once: its id (also its route, `#/<id>`, and its print route,
 * `#/print/dashboard/<id>`), its label, the tables its export writes and, where it has one, its one-page print
 * summary as briefing blocks; the zod schemas of its filters are db/common/dashboard-filters.ts, so that what
 * lists the dashboards (the renderer's shell) does not load zod. The sidebar, the router, the print routes, the export list and the
 * `dashboard` method's input all derive from DASHBOARD_DEFINITIONS; the data core's half (the view
 * model and the export tables built from it) is db/dashboards/<id>.ts, the screen's half
 * renderer/src/views/<id>/.
 * Pure TypeScript (no zod at run time): the renderer's shell imports it; tests/unit/vocabulary.test.ts fails when a
 * list of dashboard names or a dashboard's title is spelled out anywhere else.
 */
import type { BlockSpecInput } from './briefing-blocks.ts';
import type { EventKind, ProjectStatus } from './vocabulary.ts';

export const PARTNER_MEASURES = ['exports', 'imports', 'total', 'balance'] as const;
export type PartnerMeasure = (typeof PARTNER_MEASURES)[number];

/** HS levels: a chapter is 2 digits, a heading 4, a code (subheading) 6. */
export const PRODUCT_LEVELS = ['chapter', 'heading', 'code'] as const;
export type ProductLevel = (typeof PRODUCT_LEVELS)[number];
export const LEVEL_DIGITS: Record<ProductLevel, number> = { chapter: 2, heading: 4, code: 6 };

/**
 * The filters the print summaries read, by name. Their schemas (with zod, which the shell does not load) are
 * db/common/dashboard-filters.ts; it checks that each schema's output gives these fields.
 */
export interface PairPrintFilters {
  reporter: string;
  partner: string;
  from: number;
  to: number;
}
export interface ProjectPrintFilters {
  region: string;
  status: ProjectStatus;
  field: string;
}
export interface EventPrintFilters {
  kind: EventKind;
  place: string;
}

/** A dashboard's print summary: its title and the briefing blocks it prints, from its filters as the URL gives them. */
export interface PrintSummary {
  title: string;
  blocks: BlockSpecInput[];
}

interface Definition<Id extends string, F> {
  id: Id;
  label: string;
  /** The tables its export writes, in order (one CSV file, or a ZIP of one CSV per table when several). */
  exportTables: readonly string[];
  /** What its export writes, in words ("Writes … : exactly the rows this view shows"). */
  exportDescription: string;
  /** The print summary (`#/print/dashboard/<id>`), from the valid filters of the URL; none where the dashboard has no summary yet. */
  print?: (filters: Partial<F>, label: string) => PrintSummary;
}

type Printed<F> = { print: NonNullable<Definition<string, F>['print']> };
function define<const Id extends string, F>(d: Definition<Id, F> & Printed<F>): Definition<Id, F> & Printed<F>;
function define<const Id extends string, F = never>(d: Definition<Id, F>): Definition<Id, F> & { print?: undefined };
function define<const Id extends string, F>(d: Definition<Id, F>): Definition<Id, F> {
  return d;
}

/** Printed with KOR – CHN where the URL names no pair. */
function pairSummary(label: string, f: Partial<PairPrintFilters>) {
  const reporter = f.reporter ?? 'KOR';
  const partner = f.partner ?? 'CHN';
  const range = { ...(f.from !== undefined ? { from: f.from } : {}), ...(f.to !== undefined ? { to: f.to } : {}) };
  const span = f.from !== undefined || f.to !== undefined ? `, ${f.from ?? '…'}–${f.to ?? '…'}` : '';
  return { reporter, partner, range, title: `${label}: ${reporter} – ${partner}${span}` };
}

/** Every dashboard, in sidebar order. Adding one = an entry here, its data in db/dashboards/<id>.ts (listed in db/dashboards/data.ts), its view in renderer/src/views/<id>/. */
export const DASHBOARD_DEFINITIONS = [
  define({
    id: 'overview',
    label: 'Overview',
    exportTables: ['headline', 'statements', 'claims', 'contents'],
    exportDescription: 'the headline figures, what the sources say and the counts',
    print: (_: unknown, label) => ({
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
    exportTables: ['kpi', 'series', 'mirror', 'reconciliation'],
    exportDescription: 'the KPI figures, the series by year, the mirror view and where figures disagree',
    print: (f: Partial<PairPrintFilters>, label) => {
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
    exportTables: ['months', 'years'],
    exportDescription: 'every month with its sources, and what the annual series shows for those years',
  }),
  define({
    id: 'partners',
    label: 'Partners',
    exportTables: ['totals', 'ranking', 'rank_history', 'partner_series'],
    exportDescription:
      "the reporter's totals, every partner ranked with shares and change, the rank history and the compared partners by year",
    /** The reporter's top partners with their shares, on the map, their ranks by year and China's share (KOR where the URL names none). */
    print: (f: Partial<{ reporter: string; year: number; by: PartnerMeasure; from: number; to: number }>, label) => {
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
    exportTables: ['products'],
    exportDescription: 'the products listed, with their shares, change and sources',
  }),
  define({
    id: 'sectors',
    label: 'Export sectors',
    exportTables: ['sectors', 'figures'],
    exportDescription: 'the sectors table and every product-group figure',
    print: (f: Partial<PairPrintFilters>, label) => {
      const { reporter, partner, range, title } = pairSummary(label, f);
      return { title, blocks: [{ kind: 'sectors-table', config: { heading: label, reporter, partner, ...range } }] };
    },
  }),
  define({
    id: 'projects',
    label: 'Cooperation projects',
    exportTables: ['projects', 'by_field', 'by_region'],
    exportDescription: 'the projects, and the counts by field and by region',
    print: ({ region, status, field }: Partial<ProjectPrintFilters>, label) => ({
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
    exportTables: ['events'],
    exportDescription: 'the events, upcoming and past',
    print: ({ kind, place }: Partial<EventPrintFilters>, label) => ({
      title: label,
      blocks: [
        { kind: 'events-table', config: { heading: 'Meetings, forums, fairs', ...(kind ? { kind } : {}), ...(place ? { place } : {}) } },
      ],
    }),
  }),
  define({
    id: 'logistics',
    label: 'Logistics',
    exportTables: ['routes', 'legs'],
    exportDescription: 'the routes and their legs',
    print: (_: unknown, label) => ({ title: label, blocks: [{ kind: 'route', config: { heading: 'Logistics routes' } }] }),
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
