/**
 * The input schemas of the edit forms (sources, projects and batches, events, routes, sectors).
 * One definition for both sides: the data core validates every save with them (db/edit/contract.ts),
 * and the renderer's forms run the same schemas before sending, so the messages a user sees next to
 * a field are the contract's own. Runs anywhere: `zod/mini` only (one of the pure db/ modules the renderer may import).
 */
import * as z from 'zod/mini';
import { EVENT_KINDS, PROJECT_STATUSES } from './vocabulary.ts';
import { economyCode } from './vocabulary-schemas.ts';
import { CORE_MESSAGES } from './core-messages.ts';

const id = z.string().check(z.minLength(1, CORE_MESSAGES.fieldRequired), z.maxLength(200));
const text = z.string().check(z.trim(), z.minLength(1, CORE_MESSAGES.fieldRequired), z.maxLength(4000));
const optText = z.optional(z.string().check(z.trim(), z.maxLength(4000)));
const hsCode = z.string().check(z.regex(/^(\d{2}|\d{4}|\d{6})$/, CORE_MESSAGES.fieldHsCode));

export const MONTH_PARTS = ['early', 'mid', 'late'] as const;

const dayDate = z.strictObject({
  precision: z.literal('day'),
  value: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, CORE_MESSAGES.fieldDay)),
});
const monthDate = z.strictObject({
  precision: z.literal('month'),
  value: z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/, CORE_MESSAGES.fieldMonth)),
  part: z.optional(z.enum(MONTH_PARTS)),
});
const yearDate = z.strictObject({ precision: z.literal('year'), value: z.string().check(z.regex(/^\d{4}$/, CORE_MESSAGES.fieldYear)) });

/** A calendar date at a precision: day YYYY-MM-DD, month YYYY-MM (with an optional part), year YYYY. */
export const preciseDateInput = z.discriminatedUnion('precision', [dayDate, monthDate, yearDate], { error: CORE_MESSAGES.fieldDate });

export const sourceInput = z.strictObject({
  /** Absent: a new source. */
  id: z.optional(id),
  label: z.string().check(z.trim(), z.minLength(1, CORE_MESSAGES.fieldRequired), z.maxLength(16)),
  publisher: text,
  title: text,
  published: z.optional(z.discriminatedUnion('precision', [dayDate, z.omit(monthDate, { part: true }), yearDate])),
  url: z.optional(
    z.string().check(
      z.trim(),
      z.url(),
      z.refine((u) => /^https?:/.test(u), CORE_MESSAGES.fieldHttp),
    ),
  ),
  note: optText,
});

export const projectInput = z.strictObject({
  id: z.optional(id),
  title: text,
  /** A batch of projects (count > 1) stands for several projects; its split among fields may not be reported. */
  count: z._default(
    z
      .number({ error: CORE_MESSAGES.fieldProjectCount })
      .check(z.int(CORE_MESSAGES.fieldWhole), z.minimum(1, CORE_MESSAGES.fieldAtLeastOne)),
    1,
  ),
  /** Whether the source reports how a batch splits among its fields (a single project: always true). */
  splitReported: z._default(z.boolean(), false),
  partnerCode: economyCode,
  counterpartCode: z.optional(economyCode),
  status: z.enum(PROJECT_STATUSES),
  signed: z.optional(preciseDateInput),
  valueUsd: z.optional(z.number({ error: CORE_MESSAGES.fieldUsd }).check(z.nonnegative(CORE_MESSAGES.fieldNotNegative))),
  fields: z._default(z.array(text).check(z.maxLength(50)), []),
  note: optText,
  sourceId: id,
});

export const eventInput = z.strictObject({
  id: z.optional(id),
  kind: z.enum(EVENT_KINDS),
  title: text,
  placeText: optText,
  countryCode: z.optional(economyCode),
  date: preciseDateInput,
  sectors: z._default(z.array(text).check(z.maxLength(50)), []),
  note: optText,
  sourceId: id,
});

export const ROUTE_MODES = ['sea', 'rail', 'road', 'air'] as const;

const transitDay = z
  .number({ error: CORE_MESSAGES.fieldDays })
  .check(z.int(CORE_MESSAGES.fieldWholeDays), z.minimum(0, CORE_MESSAGES.fieldNotNegative));

export const routeInput = z.strictObject({
  id: z.optional(id),
  name: text,
  transitDays: z.optional(
    z
      .strictObject({ min: transitDay, max: transitDay })
      .check(z.refine((d) => d.max >= d.min, { message: CORE_MESSAGES.fieldMaxBelowMin, path: ['max'] })),
  ),
  transitBasis: optText,
  legs: z
    .array(z.strictObject({ mode: z.enum(ROUTE_MODES), fromPlaceId: id, toPlaceId: id, label: optText }))
    .check(z.minLength(1, CORE_MESSAGES.fieldLegs)),
  note: optText,
  sourceId: id,
});

export const sectorInput = z
  .strictObject({
    id: z.optional(id),
    name: text,
    description: optText,
    hs: z._default(
      z.array(z.strictObject({ code: hsCode, description: optText, sourceId: z.optional(id), note: optText })).check(z.maxLength(500)),
      [],
    ),
  })
  .check(z.refine((s) => new Set(s.hs.map((h) => h.code)).size === s.hs.length, { message: CORE_MESSAGES.fieldHsOnce, path: ['hs'] }));
