/**
 * The dashboards' filters as zod schemas: the URL's filters, the `dashboard` method's and the export's input, each
 * built by one function from the fields its definition gives (db/common/dashboards.ts, db/common/filter-fields.ts).
 * Kept apart from the definitions so that the renderer's shell, which lists the dashboards, does not load zod; a view
 * that reads its filters from the URL does.
 * Pure TypeScript (`zod/mini` only, as every schema the renderer loads): the renderer may import it.
 */
import * as z from 'zod/mini';
import { byCode, DASHBOARD_DEFINITIONS, dashboardDefinition } from './dashboards.ts';
import type { Dashboard, DashboardDefinition, EconomyNamer, PrintableDashboard, PrintSummary } from './dashboards.ts';
import {
  PAIR_AND_YEARS,
  type FieldSpec,
  type FilterCheck,
  type FilterField,
  type FilterFields,
  type FiltersOf,
  type Presence,
} from './filter-fields.ts';
import { economyCode, yearSchema } from './vocabulary-schemas.ts';

/** A field's zod type: its value, left out when optional, its default in the output when it has one. */
type FieldSchema<F> =
  F extends FilterField<infer T, infer P extends Presence>
    ? P extends 'optional'
      ? z.ZodMiniOptional<z.ZodMiniType<T, T>>
      : P extends 'default'
        ? z.ZodMiniDefault<z.ZodMiniType<T, T>>
        : z.ZodMiniType<T, T>
    : never;
export type FiltersSchema<Fields> = z.ZodMiniObject<{ -readonly [K in keyof Fields]: FieldSchema<Fields[K]> }, z.core.$strict>;

function specSchema(spec: FieldSpec): z.ZodMiniType {
  switch (spec.kind) {
    case 'economy':
      return economyCode;
    case 'economies':
      return z.array(economyCode).check(z.maxLength(spec.max));
    case 'year':
      return yearSchema;
    case 'whole-number':
      return z.number().check(z.int(), z.minimum(spec.min), z.maximum(spec.max));
    case 'one-of':
      return z.enum(spec.words as [string, ...string[]]);
    case 'words':
      return z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
    case 'date-prefix':
      return z.string().check(z.regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD'));
    case 'hs-prefix':
      return z.string().check(z.regex(/^(\d{2}|\d{4})$/, 'an HS chapter (2 digits) or heading (4 digits)'));
  }
}

function fieldSchema(field: FilterField): z.ZodMiniType {
  const schema = specSchema(field.spec);
  if (field.presence === 'optional') return z.optional(schema);
  return field.presence === 'default' ? z._default(schema, field.fallback) : schema;
}

/** The zod schema of a dashboard's filters: every field checked by its kind, no other field allowed, then the rule across fields. */
export function filtersSchema<const Fields extends FilterFields>(fields: Fields, check?: FilterCheck<Fields>): FiltersSchema<Fields> {
  const schema = z.strictObject(Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, fieldSchema(field)])));
  if (!check) return schema as unknown as FiltersSchema<Fields>;
  const holds = (q: Record<string, unknown>): boolean => check.holds(q as FiltersOf<Fields>);
  return schema.check(z.refine(holds, { message: check.message, path: [check.field] })) as unknown as FiltersSchema<Fields>;
}

type FilterSchemas = { [D in Dashboard]: FiltersSchema<DashboardDefinition<D>['filters']> };

/** Each dashboard's filters, by its id. */
export const DASHBOARD_FILTERS = Object.fromEntries(
  DASHBOARD_DEFINITIONS.map((d) => [
    d.id,
    filtersSchema<FilterFields>(d.filters, 'check' in d ? (d.check as FilterCheck<FilterFields>) : undefined),
  ]),
) as FilterSchemas;

export type DashboardFilters<D extends Dashboard> = z.output<FilterSchemas[D]>;

// The schema's output is the type the definition's fields give (its print summary is typed from those).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Mismatched = {
  [D in Dashboard]: Same<DashboardFilters<D>, FiltersOf<DashboardDefinition<D>['filters']>> extends true ? never : D;
}[Dashboard];
const schemaGivesFields: [Mismatched] extends [never] ? true : { mismatched: Mismatched } = true;
void schemaGivesFields;

/** One pair of economies and a range of years: the filters the trade, monthly and sectors dashboards share. */
export const pairFilters = filtersSchema(PAIR_AND_YEARS);
/** A pair's products in a year (the products area's own method takes them too). */
export const productFilters = DASHBOARD_FILTERS.products;

/** The schema's fields, also behind a refinement (the products' filters check `within` against `level`). */
function shapeOf(schema: z.ZodMiniType): Record<string, z.ZodMiniType> {
  return (schema as z.ZodMiniObject).shape as Record<string, z.ZodMiniType>;
}

/** A URL query's value as a filter's schema takes it (text, a year, a comma-separated list); undefined when it does not pass. */
export function queryValue(schema: z.ZodMiniType, raw: string | undefined): unknown {
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

/** The print summary of a dashboard at its URL's filters, its title naming economies by `name` (by code unless given). */
export function printSummary(
  id: PrintableDashboard,
  query: Readonly<Record<string, string | undefined>>,
  name: EconomyNamer = byCode,
): PrintSummary {
  const definition = dashboardDefinition(id);
  const print = definition.print as (
    filters: Partial<DashboardFilters<PrintableDashboard>>,
    label: string,
    name: EconomyNamer,
  ) => PrintSummary;
  return print(filtersFromQuery(id, query), definition.label, name);
}

/** A dashboard and its filters: the `dashboard` method's input and the core of an export's. */
type Request<D extends Dashboard, Key extends string, Extra extends z.core.$ZodLooseShape> = z.ZodMiniObject<
  { [K in Key]: z.ZodMiniLiteral<D> } & { filters: FilterSchemas[D] } & Extra,
  z.core.$strict
>;
// Mapped over a type parameter, so a tuple stays a tuple (one option per dashboard).
type RequestsOf<T extends readonly unknown[], Key extends string, Extra extends z.core.$ZodLooseShape> = {
  -readonly [I in keyof T]: T[I] extends { id: infer D extends Dashboard } ? Request<D, Key, Extra> : never;
};
type Requests<Key extends string, Extra extends z.core.$ZodLooseShape> = RequestsOf<typeof DASHBOARD_DEFINITIONS, Key, Extra>;

/**
 * `{ <key>: <dashboard>, filters, ...extra }` for every dashboard, as a discriminated union on `key`.
 * Filters left out are `{}` (enough for dashboards whose filters are all optional).
 */
export function dashboardRequest<const Key extends string, Extra extends z.core.$ZodLooseShape>(
  key: Key,
  extra: Extra,
): z.ZodMiniDiscriminatedUnion<Requests<Key, Extra>, Key> {
  const options = DASHBOARD_DEFINITIONS.map((d) =>
    z.strictObject({
      [key]: z.literal(d.id),
      filters: z.pipe(
        z.transform((v: unknown) => v ?? {}),
        DASHBOARD_FILTERS[d.id],
      ),
      ...extra,
    }),
  );
  return z.discriminatedUnion(key, options as never) as never;
}
