import { z } from 'zod';
import { method } from '../method.ts';
import type { CoreText } from '../common/core-messages.ts';
import type { EconomyRef, SourceRef } from '../shared-types.ts';
import { yearSchema, type Change } from '../trade/contract.ts';
import { economyCode } from '../common/vocabulary-schemas.ts';
import type { CompoundGrowth } from '../common/growth.ts';
import { PARTNER_MEASURES, type PartnerMeasure } from '../common/vocabulary.ts';

export { PARTNER_MEASURES, type PartnerMeasure } from '../common/vocabulary.ts';

/** One chosen figure of a flow: its value and the source it comes from. */
export interface PartnerFlow {
  value: number;
  source: SourceRef;
  /** Other sources giving the same flow (not used: each flow is counted once). */
  alternatives: number;
}

/**
 * The reporter's total of a flow in a year, the denominator of every share: the total the
 * source states (trade with the World, an economy group) where one is loaded, otherwise the sum
 * over its partner countries, which leaves out trade the source does not allocate to a partner.
 */
export interface ReporterTotal {
  value: number;
  basis: 'stated' | 'sum-of-partners';
  /** How many partners a sum covers (null for a stated total). A sum over one partner gives no shares. */
  partners: number | null;
  sources: SourceRef[];
}

export interface PartnerRow {
  partner: EconomyRef;
  /** null: not reported (never zero). */
  exports: PartnerFlow | null;
  imports: PartnerFlow | null;
  /** exports + imports and exports − imports, only when both flows are reported. */
  total: number | null;
  balance: number | null;
  /** Share of the reporter's total of the same measure; null where the figure or the total is not known. */
  share: { exports: number | null; imports: number | null; total: number | null };
  /** Competition ranks (ties share a rank, the next rank is skipped); null where the figure is not known. Balance: largest surplus first. */
  rank: Record<PartnerMeasure, number | null>;
  /** Change on the previous year, only where both years have the figure. */
  change: Record<PartnerMeasure, Change | null>;
  /** Growth rate from the first year of the range the partner is reported in to the year shown, or why none (db/common/growth.ts); none for a balance. */
  cagr: Record<GrowthMeasure, CompoundGrowth>;
}

/** The measures a growth rate is given for: a balance can change sign, so it has none. */
export type GrowthMeasure = Exclude<PartnerMeasure, 'balance'>;
export const GROWTH_MEASURES: readonly GrowthMeasure[] = PARTNER_MEASURES.filter((m): m is GrowthMeasure => m !== 'balance');

export interface PartnerRanking {
  reporter: EconomyRef;
  /** The year shown: the one asked for, else the latest year in which both flows are reported. null when nothing is. */
  year: number | null;
  previousYear: number | null;
  /** The first year of the range the growth rates are over (to `year`): the one asked for, else nine years before `year`. */
  growthFrom: number | null;
  /** Years with partner figures of this reporter, newest first; `complete`: both flows reported for some partner. */
  years: { year: number; complete: boolean }[];
  totals: { exports: ReporterTotal | null; imports: ReporterTotal | null; total: ReporterTotal | null };
  /** Partner countries (groups such as the World are never ranked), by total trade, then exports, then name. */
  partners: PartnerRow[];
  /** How many partners each measure ranks. */
  ranked: Record<PartnerMeasure, number>;
  rule: string;
  /** The rule coded for the page's language. */
  ruleText: CoreText;
  notes: string[];
  /** The same notes, coded for the page's language (one for each of `notes`, in order). */
  noteTexts: CoreText[];
  sources: SourceRef[];
}

export interface PartnerRankHistory {
  reporter: EconomyRef;
  measure: PartnerMeasure;
  years: number[];
  /** How many partners were ranked in each year (same order as `years`). */
  rankedPartners: number[];
  /** The top partners of the last year, with their rank and value in every year (null: not ranked that year). */
  rows: { partner: EconomyRef; ranks: (number | null)[]; values: (number | null)[] }[];
  /** The sources of the figures the rows' values stand on. */
  sources: SourceRef[];
  rule: string;
  /** The rule coded for the page's language. */
  ruleText: CoreText;
}

export interface PartnerSeriesPoint {
  year: number;
  exports: PartnerFlow | null;
  imports: PartnerFlow | null;
  total: number | null;
  balance: number | null;
  share: { exports: number | null; imports: number | null; total: number | null };
  /** Change on the previous year, only where both years have the figure. */
  change: Record<PartnerMeasure, Change | null>;
}

/**
 * The years of one partner's series asked for by itself (they can differ from a comparison's, whose default years are
 * those of all its partners) and the first year it is loaded; null where that series has no years.
 */
export interface PartnerSeriesAlone {
  from: number;
  to: number;
  earliestYear: number | null;
}

export interface PartnerSeries {
  reporter: EconomyRef;
  years: number[];
  /** The first year any of these partners is loaded. Without a first year asked for, the series starts at the first year with the reporter's stated totals (where loaded) instead. */
  earliestYear: number | null;
  /** One entry per partner asked for, in the order asked, with what its series asked for by itself would span. */
  partners: { partner: EconomyRef; points: PartnerSeriesPoint[]; alone: PartnerSeriesAlone | null }[];
  /** The reporter's totals by year (same order as `years`): the denominators of the shares. */
  totals: { exports: ReporterTotal | null; imports: ReporterTotal | null }[];
  rule: string;
  /** The rule coded for the page's language. */
  ruleText: CoreText;
  sources: SourceRef[];
}

export interface PartnerReporter {
  reporter: EconomyRef;
  partners: number;
  firstYear: number;
  lastYear: number;
}

const range = { from: z.optional(yearSchema), to: z.optional(yearSchema) };

export const partnersContract = {
  /** Reporters with figures for at least two partner countries, most partners first. */
  partnerReporters: method<PartnerReporter[]>()(z.object({}).strict()),
  /** A reporter's partners in one year, ranked by exports, imports, total and balance, with shares, change on the year before and growth rate since `from`. */
  partnerRanking: method<PartnerRanking>()(
    z.object({ reporter: economyCode, year: z.optional(yearSchema), from: z.optional(yearSchema) }).strict(),
  ),
  /** The rank of the top partners year by year. */
  partnerRankHistory: method<PartnerRankHistory>()(
    z
      .object({
        reporter: economyCode,
        measure: z.enum(PARTNER_MEASURES).default('total'),
        top: z.number().int().min(1).max(25).default(10),
        ...range,
      })
      .strict(),
  ),
  /** Several partners' figures and shares of the reporter's totals by year, on one axis. */
  partnerSeries: method<PartnerSeries>()(
    z.object({ reporter: economyCode, partners: z.array(economyCode).min(1).max(12), ...range }).strict(),
  ),
};
