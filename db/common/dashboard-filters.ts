/**
 * The dashboards' filters as zod schemas: the URL's filters, the `dashboard` method's and the export's input. Kept
 * apart from the definitions (db/common/dashboards.ts: ids, titles, exports, print summaries) so that the renderer's
 * shell, which lists the dashboards, does not load zod; a view that reads its filters from the URL does.
 * Pure TypeScript (zod only): the renderer may import it.
 */
import { z } from 'zod';
import { DASHBOARD_DEFINITIONS, dashboardDefinition, LEVEL_DIGITS, PARTNER_MEASURES, PRODUCT_LEVELS } from './dashboards.ts';
import type {
  Dashboard,
  EventPrintFilters,
  PairPrintFilters,
  PrintableDashboard,
  PrintSummary,
  ProjectPrintFilters,
} from './dashboards.ts';
import { EVENT_KINDS, PROJECT_STATUSES } from './vocabulary.ts';
import { economyCode, pairAndYears, yearRange, yearSchema } from './vocabulary-schemas.ts';

/** One pair of economies and a range of years: the filters the trade, monthly and sectors dashboards share. */
export const pairFilters = z.object(pairAndYears).strict();
const datePrefix = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD')
  .optional();
const words = z.string().trim().min(1).max(200);

/** A pair's products in a year: the level listed, and the chapter or heading drilled into. */
export const productFilters = z
  .object({
    reporter: economyCode,
    partner: economyCode,
    year: yearSchema.optional(),
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

const overviewFilters = z
  .object({ reporter: economyCode.optional(), partner: economyCode.optional(), year: yearSchema.optional() })
  .strict();
const partnerFilters = z
  .object({
    reporter: economyCode,
    year: yearSchema.optional(),
    by: z.enum(PARTNER_MEASURES).default('exports'),
    compare: z.array(economyCode).max(12).default([]),
    ...yearRange,
  })
  .strict();
const projectFilters = z
  .object({
    region: economyCode.optional(),
    field: words.optional(),
    status: z.enum(PROJECT_STATUSES).optional(),
    /** Signed on or after (YYYY-MM-DD, compared with the latest day the recorded date can mean). */
    from: datePrefix,
    to: datePrefix,
  })
  .strict();
const eventFilters = z.object({ kind: z.enum(EVENT_KINDS).optional(), place: words.optional() }).strict();

/** Each dashboard's filters, by its id (a dashboard missing here is a type error where DashboardFilters is used). */
export const DASHBOARD_FILTERS = {
  overview: overviewFilters,
  trade: pairFilters,
  monthly: pairFilters,
  partners: partnerFilters,
  products: productFilters,
  sectors: pairFilters,
  projects: projectFilters,
  events: eventFilters,
  logistics: z.object({}).strict(),
} as const satisfies Record<Dashboard, z.ZodType>;

type FilterSchemas = typeof DASHBOARD_FILTERS;
export type DashboardFilters<D extends Dashboard> = z.output<FilterSchemas[D]>;
export type PairFilters = z.output<typeof pairFilters>;
export type ProjectFilters = z.output<typeof projectFilters>;
export type EventFilters = z.output<typeof eventFilters>;

// The print summaries (dashboards.ts) read these filters by name: a field renamed or retyped here fails to compile.
type Gives<Filters, Read> = [Required<Filters>] extends [Read] ? true : never;
const printReads: [
  Gives<PairFilters, PairPrintFilters>,
  Gives<ProjectFilters, ProjectPrintFilters>,
  Gives<EventFilters, EventPrintFilters>,
] = [true, true, true];
void printReads;

/** The schema's fields, also behind a refinement (the products' filters check `within` against `level`). */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> {
  return (schema as z.ZodObject).shape as Record<string, z.ZodType>;
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
  const out: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(shapeOf(DASHBOARD_FILTERS[id]))) {
    const value = queryValue(schema, query[key]);
    if (value !== undefined) out[key] = value;
  }
  return out as Partial<DashboardFilters<D>>;
}

/** The print summary of a dashboard at its URL's filters. */
export function printSummary(id: PrintableDashboard, query: Readonly<Record<string, string | undefined>>): PrintSummary {
  const definition = dashboardDefinition(id);
  const print = definition.print as (filters: Partial<DashboardFilters<PrintableDashboard>>, label: string) => PrintSummary;
  return print(filtersFromQuery(id, query), definition.label);
}

/** A dashboard and its filters: the `dashboard` method's input and the core of an export's. */
type Request<D extends Dashboard, Key extends string, Extra extends z.ZodRawShape> = z.ZodObject<
  { [K in Key]: z.ZodLiteral<D> } & { filters: FilterSchemas[D] } & Extra,
  z.core.$strict
>;
// Mapped over a type parameter, so a tuple stays a tuple (one option per dashboard).
type RequestsOf<T extends readonly unknown[], Key extends string, Extra extends z.ZodRawShape> = {
  -readonly [I in keyof T]: T[I] extends { id: infer D extends Dashboard } ? Request<D, Key, Extra> : never;
};
type Requests<Key extends string, Extra extends z.ZodRawShape> = RequestsOf<typeof DASHBOARD_DEFINITIONS, Key, Extra>;

/**
 * `{ <key>: <dashboard>, filters, ...extra }` for every dashboard, as a discriminated union on `key`.
 * Filters left out are `{}` (enough for dashboards whose filters are all optional).
 */
export function dashboardRequest<const Key extends string, Extra extends z.ZodRawShape>(
  key: Key,
  extra: Extra,
): z.ZodDiscriminatedUnion<Requests<Key, Extra>, Key> {
  const options = DASHBOARD_DEFINITIONS.map((d) =>
    z.object({ [key]: z.literal(d.id), filters: z.preprocess((v) => v ?? {}, DASHBOARD_FILTERS[d.id]), ...extra }).strict(),
  );
  return z.discriminatedUnion(key, options as never) as never;
}
