/**
 * The input schemas of the edit forms (sources, projects and batches, events, routes, sectors).
 * One definition for both sides: the data core validates every save with them (db/edit/contract.ts),
 * and the renderer's forms run the same schemas before sending, so the messages a user sees next to
 * a field are the contract's own. Runs anywhere: zod only (one of the pure db/ modules the renderer may import).
 */
import { z } from 'zod';
import { EVENT_KINDS, PROJECT_STATUSES } from './vocabulary.ts';
import { economyCode } from './vocabulary-schemas.ts';
import { CORE_MESSAGES } from './core-messages.ts';

const id = z.string().min(1, CORE_MESSAGES.fieldRequired).max(200);
const text = z.string().trim().min(1, CORE_MESSAGES.fieldRequired).max(4000);
const optText = z.string().trim().max(4000).optional();
const hsCode = z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, CORE_MESSAGES.fieldHsCode);

export const MONTH_PARTS = ['early', 'mid', 'late'] as const;

/** A calendar date at a precision: day YYYY-MM-DD, month YYYY-MM (with an optional part), year YYYY. */
export const preciseDateInput = z.discriminatedUnion(
  'precision',
  [
    z
      .object({
        precision: z.literal('day'),
        value: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, CORE_MESSAGES.fieldDay),
      })
      .strict(),
    z
      .object({
        precision: z.literal('month'),
        value: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, CORE_MESSAGES.fieldMonth),
        part: z.enum(MONTH_PARTS).optional(),
      })
      .strict(),
    z.object({ precision: z.literal('year'), value: z.string().regex(/^\d{4}$/, CORE_MESSAGES.fieldYear) }).strict(),
  ],
  { error: CORE_MESSAGES.fieldDate },
);

export const sourceInput = z
  .object({
    /** Absent: a new source. */
    id: id.optional(),
    label: z.string().trim().min(1, CORE_MESSAGES.fieldRequired).max(16),
    publisher: text,
    title: text,
    published: z
      .discriminatedUnion('precision', [
        preciseDateInput.options[0],
        preciseDateInput.options[1].omit({ part: true }).strict(),
        preciseDateInput.options[2],
      ])
      .optional(),
    url: z
      .string()
      .trim()
      .url()
      .refine((u) => /^https?:/.test(u), CORE_MESSAGES.fieldHttp)
      .optional(),
    note: optText,
  })
  .strict();

export const projectInput = z
  .object({
    id: id.optional(),
    title: text,
    /** A batch of projects (count > 1) stands for several projects; its split among fields may not be reported. */
    count: z
      .number({ error: CORE_MESSAGES.fieldProjectCount })
      .int(CORE_MESSAGES.fieldWhole)
      .min(1, CORE_MESSAGES.fieldAtLeastOne)
      .default(1),
    /** Whether the source reports how a batch splits among its fields (a single project: always true). */
    splitReported: z.boolean().default(false),
    partnerCode: economyCode,
    counterpartCode: economyCode.optional(),
    status: z.enum(PROJECT_STATUSES),
    signed: preciseDateInput.optional(),
    valueUsd: z.number({ error: CORE_MESSAGES.fieldUsd }).finite().nonnegative(CORE_MESSAGES.fieldNotNegative).optional(),
    fields: z.array(text).max(50).default([]),
    note: optText,
    sourceId: id,
  })
  .strict();

export const eventInput = z
  .object({
    id: id.optional(),
    kind: z.enum(EVENT_KINDS),
    title: text,
    placeText: optText,
    countryCode: economyCode.optional(),
    date: preciseDateInput,
    sectors: z.array(text).max(50).default([]),
    note: optText,
    sourceId: id,
  })
  .strict();

export const ROUTE_MODES = ['sea', 'rail', 'road', 'air'] as const;

export const routeInput = z
  .object({
    id: id.optional(),
    name: text,
    transitDays: z
      .object({
        min: z.number({ error: CORE_MESSAGES.fieldDays }).int(CORE_MESSAGES.fieldWholeDays).min(0, CORE_MESSAGES.fieldNotNegative),
        max: z.number({ error: CORE_MESSAGES.fieldDays }).int(CORE_MESSAGES.fieldWholeDays).min(0, CORE_MESSAGES.fieldNotNegative),
      })
      .strict()
      .refine((d) => d.max >= d.min, { message: CORE_MESSAGES.fieldMaxBelowMin, path: ['max'] })
      .optional(),
    transitBasis: optText,
    legs: z
      .array(
        z
          .object({
            mode: z.enum(ROUTE_MODES),
            fromPlaceId: id,
            toPlaceId: id,
            label: optText,
          })
          .strict(),
      )
      .min(1, CORE_MESSAGES.fieldLegs),
    note: optText,
    sourceId: id,
  })
  .strict();

export const sectorInput = z
  .object({
    id: id.optional(),
    name: text,
    description: optText,
    hs: z
      .array(z.object({ code: hsCode, description: optText, sourceId: id.optional(), note: optText }).strict())
      .max(500)
      .default([]),
  })
  .strict()
  .refine((s) => new Set(s.hs.map((h) => h.code)).size === s.hs.length, { message: CORE_MESSAGES.fieldHsOnce, path: ['hs'] });
