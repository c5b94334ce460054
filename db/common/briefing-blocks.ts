/**
 * The kinds of briefing blocks and the zod schema of each kind's config. Pure (no Node, no SQLite):
 * the contract builds its input schemas from it; db/briefings/queries.ts pairs every kind with the
 * query its data comes from and the function listing its sources; the renderer pairs every kind with
 * a component (renderer/src/lib/briefing/blocks.ts). Adding a kind = one entry here, one resolver
 * there, one component in the renderer.
 */
import { z } from 'zod';
import { MAP_MEASURES, PARTNER_MEASURES } from './vocabulary.ts';
import { EVENT_KINDS, PROJECT_STATUSES } from './vocabulary.ts';
import { economyCode, pairAndYears, yearRange, yearSchema } from './vocabulary-schemas.ts';

const heading = z.string().trim().max(200).optional();
const sourceId = z.string().min(1).max(200);
const partnerMeasure = z.enum(PARTNER_MEASURES);
/** The measures a map colours countries by (a total is never mapped: it hides the direction of trade). */
/** The rank history reads at most this many years (the partners area refuses more). */
export const MAX_RANK_YEARS = 60;
/** The share's series reads at most this many years (the partners area refuses more). */
export const MAX_SHARE_YEARS = 80;

export const blockConfigSchemas = {
  /** Markdown, read by the data core into a tree of allowed kinds (db/briefings/markdown.ts); `sources` are the source ids its statements rest on. */
  text: z.object({ heading, markdown: z.string().max(50_000).default(''), sources: z.array(sourceId).max(50).default([]) }).strict(),
  /** Headline figures (exports, imports, balance, total) of one reporter/partner/year. */
  kpi: z.object({ heading, reporter: z.optional(economyCode), partner: z.optional(economyCode), year: z.optional(yearSchema) }).strict(),
  /** Where figures disagree (stated totals vs their parts, sources vs sources). */
  reconciliation: z
    .object({
      heading,
      reporter: z.optional(economyCode),
      partner: z.optional(economyCode),
      tolerance: z.number().min(0).max(1).default(0),
      /** Only the disagreements of the latest N years with any (a one-page summary). */
      latest: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  /** What the sources claim, and context. */
  statements: z
    .object({
      heading,
      kinds: z
        .array(z.enum(['claim', 'context']))
        .min(1)
        .default(['claim', 'context']),
    })
    .strict(),
  /** Claims of the sources with the data's verdict, each side with its source; optionally one source's or one pair's. */
  claims: z
    .object({ heading, sourceId: sourceId.optional(), reporter: z.optional(economyCode), partner: z.optional(economyCode) })
    .strict(),
  /** Exports, imports and balance by year for one pair, filters frozen (a chart). */
  'trade-chart': z
    .object({
      heading,
      ...pairAndYears,
      show: z
        .array(z.enum(['exports', 'imports', 'balance']))
        .min(1)
        .default(['exports', 'imports', 'balance']),
    })
    .strict(),
  /** The same trade as each side reports it, with the gap (mirror statistics; a table). */
  mirror: z
    .object({
      heading,
      ...pairAndYears,
      /** Only the latest N years of the range (a one-page summary). */
      latest: z.number().int().min(1).max(100).optional(),
    })
    .strict(),
  /** Export sectors of the reporter to the partner: plan priorities and values where loaded (a table). */
  'sectors-table': z.object({ heading, ...pairAndYears }).strict(),
  /** Cooperation projects (a table), filters frozen. */
  'projects-table': z
    .object({
      heading,
      region: z.optional(economyCode),
      field: z.string().trim().min(1).max(200).optional(),
      status: z.enum(PROJECT_STATUSES).optional(),
    })
    .strict(),
  /** Meetings, fairs, forums (a table), in date order, filters frozen. */
  'events-table': z
    .object({
      heading,
      kind: z.enum(EVENT_KINDS).optional(),
      place: z.string().trim().min(1).max(200).optional(),
    })
    .strict(),
  /** Logistics routes with their legs and transit times (one route, or all). */
  route: z.object({ heading, routeId: z.string().min(1).max(200).optional() }).strict(),
  /** A reporter's top partners in one year by one measure, with each one's share of the reporter's total (a table). */
  'partner-ranking': z
    .object({
      heading,
      reporter: economyCode,
      year: z.optional(yearSchema),
      by: partnerMeasure.default('total'),
      top: z.number().int().min(1).max(50).default(10),
      /** The first year of the growth rates' range (the ranking's default where left out). */
      from: z.optional(yearSchema),
    })
    .strict(),
  /** The rank of a reporter's top partners year by year (a rank column per year). */
  'partner-ranks': z
    .object({
      heading,
      reporter: economyCode,
      by: partnerMeasure.default('total'),
      top: z.number().int().min(1).max(25).default(10),
      ...yearRange,
    })
    .strict()
    .refine((c) => c.from === undefined || c.to === undefined || c.from <= c.to, { message: 'from must not be after to', path: ['from'] })
    .refine((c) => c.from === undefined || c.to === undefined || c.to - c.from <= MAX_RANK_YEARS, {
      message: `at most ${MAX_RANK_YEARS} years`,
      path: ['from'],
    }),
  /** One partner's share of a reporter's exports and imports by year (China's by default; a table). */
  'partner-share': z
    .object({ heading, reporter: economyCode, partner: z._default(economyCode, 'CHN'), ...yearRange })
    .strict()
    .refine((c) => c.from === undefined || c.to === undefined || c.from <= c.to, { message: 'from must not be after to', path: ['from'] })
    .refine((c) => c.from === undefined || c.to === undefined || c.to - c.from <= MAX_SHARE_YEARS, {
      message: `at most ${MAX_SHARE_YEARS} years`,
      path: ['from'],
    }),
  /** A world map of a reporter's partners in one year, coloured by exports, imports or balance. */
  map: z
    .object({ heading, reporter: economyCode, year: z.optional(yearSchema), measure: z.enum(MAP_MEASURES).default('exports') })
    .strict(),
} as const;

export type BlockKind = keyof typeof blockConfigSchemas;
export const blockKinds = Object.keys(blockConfigSchemas) as BlockKind[];

/** A block's config as stored (defaults applied). */
export type BlockConfig<K extends BlockKind = BlockKind> = z.output<(typeof blockConfigSchemas)[K]>;

export function isBlockKind(kind: unknown): kind is BlockKind {
  return typeof kind === 'string' && Object.hasOwn(blockConfigSchemas, kind);
}

/** `{kind, config}` for any known kind, the config checked against its kind's schema. */
export const blockSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), config: blockConfigSchemas.text }).strict(),
  z.object({ kind: z.literal('kpi'), config: blockConfigSchemas.kpi }).strict(),
  z.object({ kind: z.literal('reconciliation'), config: blockConfigSchemas.reconciliation }).strict(),
  z.object({ kind: z.literal('statements'), config: blockConfigSchemas.statements }).strict(),
  z.object({ kind: z.literal('claims'), config: blockConfigSchemas.claims }).strict(),
  z.object({ kind: z.literal('trade-chart'), config: blockConfigSchemas['trade-chart'] }).strict(),
  z.object({ kind: z.literal('mirror'), config: blockConfigSchemas.mirror }).strict(),
  z.object({ kind: z.literal('sectors-table'), config: blockConfigSchemas['sectors-table'] }).strict(),
  z.object({ kind: z.literal('projects-table'), config: blockConfigSchemas['projects-table'] }).strict(),
  z.object({ kind: z.literal('events-table'), config: blockConfigSchemas['events-table'] }).strict(),
  z.object({ kind: z.literal('route'), config: blockConfigSchemas.route }).strict(),
  z.object({ kind: z.literal('partner-ranking'), config: blockConfigSchemas['partner-ranking'] }).strict(),
  z.object({ kind: z.literal('partner-ranks'), config: blockConfigSchemas['partner-ranks'] }).strict(),
  z.object({ kind: z.literal('partner-share'), config: blockConfigSchemas['partner-share'] }).strict(),
  z.object({ kind: z.literal('map'), config: blockConfigSchemas.map }).strict(),
]);
export type BlockSpec = z.output<typeof blockSpecSchema>;
export type BlockSpecInput = z.input<typeof blockSpecSchema>;

/** Compile-time check: every kind has its entry in blockSpecSchema. */
const everyKindHasASpec: Record<BlockKind, true> = Object.fromEntries(blockKinds.map((k) => [k, true])) as {
  [K in BlockSpec['kind']]: true;
};
void everyKindHasASpec;
