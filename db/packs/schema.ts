/**
 * The briefing-pack format (version 1): a JSON document that carries one briefing's facts,
 * each with its source, so analysts can exchange data. See db/packs/README.md.
 * Keys are local to the pack; the loader stores them as "<pack id>:<key>".
 */
import { z } from 'zod';
import { EVENT_KINDS, FLOWS, PROJECT_STATUSES } from '../common/vocabulary.ts';
import { economyCode } from '../common/vocabulary-schemas.ts';
import { codeOf, CORE_MESSAGES, said, type CoreText } from '../common/core-messages.ts';

const key = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a key: letters, digits, . _ - (max 64)');
const year = z.number().int().min(1900).max(2100);
const isoDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as YYYY-MM-DD');
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const isoYear = z.string().regex(/^\d{4}$/, 'a year as YYYY');
const text = z.string().trim().min(1).max(4000);
const usd = z.number().finite().nonnegative();

export const calendarDate = z.discriminatedUnion('precision', [
  z.object({ precision: z.literal('day'), value: isoDay }).strict(),
  z.object({ precision: z.literal('month'), value: isoMonth, part: z.enum(['early', 'mid', 'late']).optional() }).strict(),
  z.object({ precision: z.literal('year'), value: isoYear }).strict(),
]);

export const packDate = z.discriminatedUnion('precision', [
  ...calendarDate.options,
  z
    .object({
      precision: z.literal('relative'),
      /** The source whose publication anchors the date. */
      anchor: key,
      weekday: z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']),
      relation: z.enum(['before-anchor', 'week-of-anchor']),
      /** What is known of the calendar month from the anchor, e.g. 2022-08 late. */
      month: isoMonth.optional(),
      part: z.enum(['early', 'mid', 'late']).optional(),
      note: text.optional(),
    })
    .strict(),
]);

export const packSource = z
  .object({
    key,
    label: z.string().min(1).max(16),
    publisher: text,
    title: text,
    published: calendarDate.optional(),
    publishedNote: text.optional(),
    url: z
      .string()
      .url()
      .refine((u) => /^https?:/.test(u), 'an http(s) address')
      .optional(),
    note: text.optional(),
    /** The document through which this source is known (China's customs data, cited in a news report). */
    citedIn: key.optional(),
  })
  .strict();

export const packEconomy = z
  .object({
    code: economyCode,
    name: text,
    kind: z.enum(['country', 'subnational', 'group']),
    parent: z.optional(economyCode),
    regionLabel: text.optional(),
  })
  .strict();

export const packPlace = z
  .object({
    key,
    name: text,
    kind: z.enum(['city', 'port', 'office', 'venue']),
    economy: economyCode,
    note: text.optional(),
  })
  .strict();

export const packOrganisation = z.object({ key, name: text, shortName: text.optional(), economy: z.optional(economyCode) }).strict();

const productCode = z.string().regex(/^(TOTAL|\d{2}|\d{4}|\d{6})$/, 'TOTAL or an HS code of 2, 4 or 6 digits');

export const packTradeFlow = z
  .object({
    reporter: economyCode,
    partner: economyCode,
    year,
    month: z.number().int().min(1).max(12).optional(),
    flow: z.enum(FLOWS),
    productCode: productCode.default('TOTAL'),
    valueUsd: usd,
    series: z.enum(['primary', 'crosscheck']).default('primary'),
    source: key,
    note: text.optional(),
  })
  .strict();

export const packStatedFigure = z
  .object({
    key,
    reporter: economyCode,
    partner: economyCode,
    year,
    measure: z.enum(['total_trade', 'balance']),
    valueUsd: z.number().finite(),
    source: key,
    note: text.optional(),
  })
  .strict();

export const packSector = z
  .object({
    key,
    name: text,
    description: text.optional(),
    hs: z
      .array(
        z
          .object({
            code: z.string().regex(/^(\d{2}|\d{4}|\d{6})$/, 'an HS code of 2, 4 or 6 digits'),
            description: text.optional(),
            source: key.optional(),
            note: text.optional(),
          })
          .strict(),
      )
      .default([]),
  })
  .strict();

/**
 * A value of a product group as a source states it (a chapter range "84-85", an industry class
 * "MTI:semiconductors", a subset of a heading, part of a year): kept as worded, never turned into HS trade flows.
 */
export const packSectorFigure = z
  .object({
    key,
    reporter: economyCode,
    partner: economyCode,
    year,
    flow: z.enum(['export', 'import']),
    /** The product group as the source describes it. */
    label: text,
    /** The code field as given ("84-85", "MTI:semiconductors (~HS 8541-8542)", "3304 (skin-care subset)"). */
    hsNote: text,
    /** The sector of this pack the figure belongs to, if any. */
    sector: key.optional(),
    valueUsd: usd,
    /** Absent for a full calendar year; otherwise the period covered ("Jan–Nov only"). */
    periodNote: text.optional(),
    /** Present when the source does not state the unit and it was inferred from the context. */
    unitInferred: z.literal(true).optional(),
    source: key,
    note: text.optional(),
  })
  .strict();

export const packExportPlan = z
  .object({
    key,
    title: text,
    reporter: economyCode,
    partner: economyCode,
    organisation: key.optional(),
    source: key,
    sectors: z.array(key).min(1),
  })
  .strict();

export const packEvent = z
  .object({
    key,
    kind: z.enum(EVENT_KINDS),
    title: text,
    place: key.optional(),
    placeText: text.optional(),
    country: z.optional(economyCode),
    region: z.optional(economyCode),
    organiser: key.optional(),
    date: packDate,
    sectors: z.array(text).default([]),
    note: text.optional(),
    source: key,
  })
  .strict();

export const packProject = z
  .object({
    key,
    title: text,
    count: z.number().int().min(1).default(1),
    partner: economyCode,
    counterpart: z.optional(economyCode),
    status: z.enum(PROJECT_STATUSES),
    signed: packDate.optional(),
    signedAtEvent: key.optional(),
    valueUsd: usd.optional(),
    fields: z.array(text).default([]),
    /** False when the source gives fields for a batch but no split of projects among them. */
    splitReported: z.boolean().default(false),
    note: text.optional(),
    source: key,
  })
  .strict();

export const packRoute = z
  .object({
    key,
    name: text,
    transitDays: z
      .object({ min: z.number().int().min(0), max: z.number().int().min(0) })
      .strict()
      .refine((d) => d.max >= d.min, 'max must be at least min')
      .optional(),
    transitBasis: text.optional(),
    legs: z
      .array(
        z
          .object({
            mode: z.enum(['sea', 'rail', 'road', 'air']),
            from: key,
            to: key,
            label: text.optional(),
          })
          .strict(),
      )
      .min(1),
    note: text.optional(),
    source: key,
  })
  .strict();

const claimBase = {
  reporter: economyCode,
  partner: economyCode,
  year,
  /** false: the source gives no year for the claim, and `year` is that of the trade figures it cites. */
  yearStated: z.boolean().optional(),
  note: text.optional(),
};
const claimFlow = z.enum(['export', 'import', 'total']);
/** The unit of the last digit the source gives: 1e8 for "364.1 bn", 0.001 for "26.9%". */
const precision = z.number().finite().positive();

/** One assertion of a statement that the data can test (see db/claims/check.ts for how each kind is checked). */
export const packClaim = z.discriminatedUnion('kind', [
  /** `partner` is `reporter`'s largest partner by `flow` in `year`. */
  z.object({ kind: z.literal('largest-partner'), ...claimBase, flow: claimFlow }).strict(),
  /** `reporter`'s `measure` with `partner` in `year` was `valueUsd`, given to `precisionUsd`. */
  z
    .object({
      kind: z.literal('total-value'),
      ...claimBase,
      measure: z.enum(['export', 'import', 'total', 'balance']),
      valueUsd: z.number().finite(),
      precisionUsd: precision,
    })
    .strict(),
  /** `partner`'s share of `reporter`'s `flow` with the world in `year` (a fraction: 0.25 for 25%). */
  z.object({ kind: z.literal('share'), ...claimBase, flow: claimFlow, share: z.number().min(0).max(1), precision }).strict(),
  /** `reporter`'s `measure` with `partner` changed by `rate` (a fraction: 0.269 for +26.9%) from the year before. */
  z.object({ kind: z.literal('growth'), ...claimBase, measure: claimFlow, rate: z.number().finite().min(-1), precision }).strict(),
]);
export type PackClaim = z.infer<typeof packClaim>;

export const packStatement = z
  .object({
    key,
    kind: z.enum(['claim', 'context']),
    text,
    source: key,
    /** What the statement asserts that the data can test; optional, so packs without it keep their content hash. */
    claims: z.array(packClaim).min(1).max(20).optional(),
  })
  .strict()
  .refine((s) => s.kind === 'claim' || s.claims === undefined, {
    message: CORE_MESSAGES.packClaimsOnlyOnClaim,
    path: ['claims'],
    params: codeOf(said('packClaimsOnlyOnClaim')),
  });

export const packBriefingBlock = z
  .object({
    kind: z.string().min(1).max(40),
    config: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const packBriefing = z
  .object({
    key,
    title: text,
    audience: z.string().max(400).default(''),
    datedOn: isoDay.optional(),
    classification: z.string().max(200).default(''),
    blocks: z.array(packBriefingBlock).default([]),
  })
  .strict();

/**
 * Prefixes of ids the app gives its own rows (`import:<run>` for an import's source, `user:<entity>-…`
 * for what is entered by hand): a pack with such an id would write over those rows.
 */
export const RESERVED_PACK_IDS = ['import', 'user'] as const;

function reservedIdMessage(id: string): { message: string; params: CoreText } {
  const text = said('packReservedId', { id, reserved: RESERVED_PACK_IDS.join(', ') });
  return { message: text.message, params: codeOf(text) };
}

export const packId = key.superRefine((id, ctx) => {
  if ((RESERVED_PACK_IDS as readonly string[]).includes(id)) {
    ctx.addIssue({
      code: 'custom',
      ...reservedIdMessage(id),
    });
  }
});

export const PACK_FORMAT = 'tradebrief-pack';
export const PACK_FORMAT_VERSION = 1;

export const packSchema = z
  .object({
    format: z.literal(PACK_FORMAT),
    formatVersion: z.literal(PACK_FORMAT_VERSION),
    id: packId,
    version: z.string().regex(/^\d+\.\d+\.\d+$/, 'a version like 1.0.0'),
    title: text,
    description: text.optional(),
    sources: z.array(packSource).min(1),
    economies: z.array(packEconomy).default([]),
    places: z.array(packPlace).default([]),
    organisations: z.array(packOrganisation).default([]),
    tradeFlows: z.array(packTradeFlow).default([]),
    statedFigures: z.array(packStatedFigure).default([]),
    sectors: z.array(packSector).default([]),
    exportPlans: z.array(packExportPlan).default([]),
    /** Optional (format 1 packs without it stay byte-identical when parsed, so their content hash is unchanged). */
    sectorFigures: z.array(packSectorFigure).optional(),
    events: z.array(packEvent).default([]),
    projects: z.array(packProject).default([]),
    routes: z.array(packRoute).default([]),
    statements: z.array(packStatement).default([]),
    briefings: z.array(packBriefing).default([]),
  })
  .strict();

export type Pack = z.infer<typeof packSchema>;
export type PackInput = z.input<typeof packSchema>;
export type PackDate = z.infer<typeof packDate>;
