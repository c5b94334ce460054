/**
 * The dashboards, each defined once: its id (also its route, `#/<id>`, and its print route,
 * `#/print/dashboard/<id>`), its label, the zod schema of its filters (the URL's filters, the `dashboard`
 * method's and the export's), the tables its export writes and, where it has one, its one-page print
 * summary as briefing blocks. The sidebar, the router, the print routes, the export list and the
 * `dashboard` method's input all derive from DASHBOARD_DEFINITIONS; the data core's half (the view
 * model and the export tables built from it) is db/dashboards/<id>.ts, the screen's half
 * renderer/src/views/<id>/.
 * Pure TypeScript (zod only): the renderer may import it; tests/unit/vocabulary.test.ts fails when a
 * list of dashboard names or a dashboard's title is spelled out anywhere else.
 */
import { z } from 'zod';
import type { BlockSpecInput } from './briefing-blocks.ts';
import { economyCode, EVENT_KINDS, PROJECT_STATUSES, yearSchema } from './vocabulary.ts';

export const yearFilter = yearSchema;
const range = { from: yearFilter.optional(), to: yearFilter.optional() };
/** One pair of economies and a range of years: the filters the trade, monthly and sectors dashboards share. */
export const pairFilters = z.object({ reporter: economyCode, partner: economyCode, ...range }).strict();
const datePrefix = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .optional();
const words = z.string().trim().min(1).max(200);

export const PARTNER_MEASURES = ['exports', 'imports', 'total', 'balance'] as const;
export type PartnerMeasure = (typeof PARTNER_MEASURES)[number];

/** HS levels: a chapter is 2 digits, a heading 4, a code (subheading) 6. */
export const PRODUCT_LEVELS = ['chapter', 'heading', 'code'] as const;
export type ProductLevel = (typeof PRODUCT_LEVELS)[number];
export const LEVEL_DIGITS: Record<ProductLevel, number> = { chapter: 2, heading: 4, code: 6 };

/** A pair's products in a year: the level listed, and the chapter or heading drilled into. */
export const productFilters = z
  .object({
    reporter: economyCode,
    partner: economyCode,
    year: yearFilter.optional(),
    flow: z.enum(['export', 'import']).default('export'),
    level: z.enum(PRODUCT_LEVELS).default('chapter'),
    /** A chapter (2 digits) or heading (4 digits) whose finer codes are listed. */
    within: z
      .string()
      .regex(/^(\d{2}|\d{4})$/, 'an HS chapter (2 digits) or heading (4 digits)')
      .optional(),
    limit: z.number().int().min(1).max(6000).default(500),
  })
  .strict()
  .refine((q) => q.within === undefined || q.within.length < LEVEL_DIGITS[q.level], {
    message: 'within must be coarser than the level listed (a chapter for headings, a chapter or heading for codes)',
    path: ['within'],
  });

/** A dashboard's print summary: its title and the briefing blocks it prints, from its filters as the URL gives them. */
export interface PrintSummary {
  title: string;
  blocks: BlockSpecInput[];
}

interface Definition<Id extends string, F extends z.ZodObject> {
  id: Id;
  label: string;
  filters: F;
  /** The tables its export writes, in order (one CSV file, or a ZIP of one CSV per table when several). */
  exportTables: readonly string[];
  /** What its export writes, in words ("Writes … : exactly the rows this view shows"). */
  exportDescription: string;
  /** The print summary (`#/print/dashboard/<id>`), from the valid filters of the URL; none where the dashboard has no summary yet. */
  print?: (filters: Partial<z.output<F>>, label: string) => PrintSummary;
}

type Printed<F extends z.ZodObject> = { print: NonNullable<Definition<string, F>['print']> };
function define<const Id extends string, F extends z.ZodObject>(d: Definition<Id, F> & Printed<F>): Definition<Id, F> & Printed<F>;
function define<const Id extends string, F extends z.ZodObject>(d: Definition<Id, F>): Definition<Id, F> & { print?: undefined };
function define<const Id extends string, F extends z.ZodObject>(d: Definition<Id, F>): Definition<Id, F> {
  return d;
}

/** Printed with KOR – CHN where the URL names no pair. */
function pairSummary(label: string, f: Partial<z.output<typeof pairFilters>>) {
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
    filters: z.object({ reporter: economyCode.optional(), partner: economyCode.optional(), year: yearFilter.optional() }).strict(),
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
    filters: pairFilters,
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
    filters: pairFilters,
    exportTables: ['months', 'years'],
    exportDescription: 'every month with its sources, and what the annual series shows for those years',
  }),
  define({
    id: 'partners',
    label: 'Partners',
    filters: z
      .object({
        reporter: economyCode,
        year: yearFilter.optional(),
        by: z.enum(PARTNER_MEASURES).default('exports'),
        compare: z.array(economyCode).max(12).default([]),
        ...range,
      })
      .strict(),
    exportTables: ['totals', 'ranking', 'rank_history', 'partner_series'],
    exportDescription:
      "the reporter's totals, every partner ranked with shares and change, the rank history and the compared partners by year",
  }),
  define({
    id: 'products',
    label: 'Top products',
    filters: productFilters,
    exportTables: ['products'],
    exportDescription: 'the products listed, with their shares, change and sources',
  }),
  define({
    id: 'sectors',
    label: 'Export sectors',
    filters: pairFilters,
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
    filters: z
      .object({
        region: economyCode.optional(),
        field: words.optional(),
        status: z.enum(PROJECT_STATUSES).optional(),
        /** Signed on or after (YYYY-MM-DD, compared with the latest day the recorded date can mean). */
        from: datePrefix,
        to: datePrefix,
      })
      .strict(),
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
    filters: z.object({ kind: z.enum(EVENT_KINDS).optional(), place: words.optional() }).strict(),
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
    filters: z.object({}).strict(),
    exportTables: ['routes', 'legs'],
    exportDescription: 'the routes and their legs',
    print: (_, label) => ({ title: label, blocks: [{ kind: 'route', config: { heading: 'Logistics routes' } }] }),
  }),
] as const;

type Definitions = typeof DASHBOARD_DEFINITIONS;
export type Dashboard = Definitions[number]['id'];
export type DashboardDefinition<D extends Dashboard = Dashboard> = Extract<Definitions[number], { id: D }>;
export type DashboardFilters<D extends Dashboard> = z.output<DashboardDefinition<D>['filters']>;

/** The dashboards' ids, in sidebar order. */
export const DASHBOARDS: readonly Dashboard[] = DASHBOARD_DEFINITIONS.map((d) => d.id);
export const DASHBOARD_TITLES = Object.fromEntries(DASHBOARD_DEFINITIONS.map((d) => [d.id, d.label])) as Record<Dashboard, string>;

export function isDashboard(name: string): name is Dashboard {
  return (DASHBOARDS as readonly string[]).includes(name);
}

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

/** A URL query's value as a filter's schema takes it (text, a year, a comma-separated list); undefined when it does not pass. */
export function queryValue(schema: z.ZodType, raw: string | undefined): unknown {
  const text = raw?.trim();
  if (!text) return undefined;
  for (const value of [text, /^\d{4}$/.test(text) ? Number(text) : undefined, text.split(',')]) {
    const parsed = value === undefined ? undefined : schema.safeParse(value);
    if (parsed?.success) return parsed.data;
  }
  return undefined;
}

/** The filters a URL's query holds, each checked by the dashboard's schema; a value that does not pass is left out. */
export function filtersFromQuery<D extends Dashboard>(
  id: D,
  query: Readonly<Record<string, string | undefined>>,
): Partial<DashboardFilters<D>> {
  const shape = dashboardDefinition(id).filters.shape as Record<string, z.ZodType>;
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shape)) {
    const value = queryValue(schema, query[key]);
    if (value !== undefined) out[key] = value;
  }
  return out as Partial<DashboardFilters<D>>;
}

/** The print summary of a dashboard at its URL's filters. */
export function printSummary(id: PrintableDashboard, query: Readonly<Record<string, string | undefined>>): PrintSummary {
  const definition = dashboardDefinition(id) as Definition<PrintableDashboard, z.ZodObject>;
  return definition.print!(filtersFromQuery(id, query), definition.label);
}

/** A dashboard and its filters: the `dashboard` method's input and the core of an export's. */
type Request<D extends Dashboard, Key extends string, Extra extends z.ZodRawShape> = z.ZodObject<
  { [K in Key]: z.ZodLiteral<D> } & { filters: DashboardDefinition<D>['filters'] } & Extra,
  z.core.$strict
>;
// Mapped over a type parameter, so a tuple stays a tuple (one option per dashboard).
type RequestsOf<T extends readonly unknown[], Key extends string, Extra extends z.ZodRawShape> = {
  -readonly [I in keyof T]: T[I] extends { id: infer D extends Dashboard } ? Request<D, Key, Extra> : never;
};
type Requests<Key extends string, Extra extends z.ZodRawShape> = RequestsOf<Definitions, Key, Extra>;

/**
 * `{ <key>: <dashboard>, filters, ...extra }` for every dashboard, as a discriminated union on `key`.
 * Filters left out are `{}` (enough for dashboards whose filters are all optional).
 */
export function dashboardRequest<const Key extends string, Extra extends z.ZodRawShape>(
  key: Key,
  extra: Extra,
): z.ZodDiscriminatedUnion<Requests<Key, Extra>, Key> {
  const options = DASHBOARD_DEFINITIONS.map((d) =>
    z.object({ [key]: z.literal(d.id), filters: z.preprocess((v) => v ?? {}, d.filters), ...extra }).strict(),
  );
  return z.discriminatedUnion(key, options as never) as never;
}

/** The kind of file an export of this dashboard in this format is. */
export function dashboardFileKind(dashboard: Dashboard, format: 'csv' | 'xlsx'): 'csv' | 'zip' | 'xlsx' {
  if (format === 'xlsx') return 'xlsx';
  return dashboardDefinition(dashboard).exportTables.length > 1 ? 'zip' : 'csv';
}
