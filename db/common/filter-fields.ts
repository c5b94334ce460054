/**
 * A dashboard's filters as data: each field says what it takes (an economy code, a year, a word of a list, …) and
 * whether it may be left out or has a default. The definitions (db/common/dashboards.ts) hold them, the filters' type
 * derives from them here, and db/common/dashboard-filters.ts builds the one zod schema that checks them at every
 * boundary (the URL, the `dashboard` method, exports). Pure TypeScript without zod: the renderer's shell imports it.
 */

/** What a field takes; its zod schema (and error message) is chosen by kind in dashboard-filters.ts. */
export type FieldSpec =
  | { kind: 'economy' }
  | { kind: 'economies'; max: number }
  | { kind: 'year' }
  | { kind: 'whole-number'; min: number; max: number }
  | { kind: 'one-of'; words: readonly string[] }
  | { kind: 'words' }
  | { kind: 'date-prefix' }
  | { kind: 'hs-prefix' };

/** Required, may be left out, or taken as its default when left out. */
export type Presence = 'required' | 'optional' | 'default';

export interface FilterField<T = unknown, P extends Presence = Presence> {
  readonly spec: FieldSpec;
  readonly presence: P;
  /** The value taken when the field is left out (presence 'default'). */
  readonly fallback: T | undefined;
  optional(): FilterField<T, 'optional'>;
  default(value: T): FilterField<T, 'default'>;
}

export type FilterFields = Readonly<Record<string, FilterField>>;

function field<T, P extends Presence = 'required'>(spec: FieldSpec, presence: P, fallback?: T): FilterField<T, P> {
  return { spec, presence, fallback, optional: () => field(spec, 'optional'), default: (value) => field(spec, 'default', value) };
}

/** The kinds of field a dashboard's filters are made of. */
export const filter = {
  /** An economy code (KOR, CN-SD). */
  economy: () => field<string>({ kind: 'economy' }, 'required'),
  /** Several economy codes, at most `max` (a comma-separated list in a URL). */
  economies: (max: number) => field<string[]>({ kind: 'economies', max }, 'required'),
  year: () => field<number>({ kind: 'year' }, 'required'),
  wholeNumber: (min: number, max: number) => field<number>({ kind: 'whole-number', min, max }, 'required'),
  /** One word of a vocabulary list (db/common/vocabulary.ts). */
  oneOf: <const T extends string>(words: readonly T[]) => field<T>({ kind: 'one-of', words }, 'required'),
  /** Free text (a place, a field of cooperation), trimmed, 1–200 characters. */
  words: () => field<string>({ kind: 'words' }, 'required'),
  /** A date as precise as known: YYYY, YYYY-MM or YYYY-MM-DD. */
  datePrefix: () => field<string>({ kind: 'date-prefix' }, 'required'),
  /** An HS chapter (2 digits) or heading (4 digits). */
  hsPrefix: () => field<string>({ kind: 'hs-prefix' }, 'required'),
};

type Flatten<T> = { [K in keyof T]: T[K] };
type ValueOf<F> = F extends FilterField<infer T, Presence> ? T : never;
type OptionalKeys<Fields> = { [K in keyof Fields]: Fields[K] extends FilterField<unknown, 'optional'> ? K : never }[keyof Fields];

/** The filters as checked: a field left out is absent when optional, its default when it has one. */
export type FiltersOf<Fields> = Flatten<
  { -readonly [K in Exclude<keyof Fields, OptionalKeys<Fields>>]: ValueOf<Fields[K]> } & {
    -readonly [K in OptionalKeys<Fields>]?: ValueOf<Fields[K]> | undefined;
  }
>;

/** A rule across fields (the products' `within` must be coarser than the level listed), reported on one field. */
export interface FilterCheck<Fields> {
  field: keyof Fields & string;
  message: string;
  holds(filters: FiltersOf<Fields>): boolean;
}

/** One pair of economies and a range of years: the filters the trade, monthly and sectors dashboards share. */
export const PAIR_AND_YEARS = {
  reporter: filter.economy(),
  partner: filter.economy(),
  from: filter.year().optional(),
  to: filter.year().optional(),
};
