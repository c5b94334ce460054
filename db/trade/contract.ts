import { z } from 'zod';
import { method } from '../method.ts';
import type { DerivedFigure, EconomyRef, SourceRef, SourcedFigure } from '../shared-types.ts';
import type { Flow } from '../common/vocabulary.ts';
import { economyCode, yearSchema } from '../common/vocabulary-schemas.ts';
import type { CompoundGrowth, ShareOf, YearOnYear } from '../common/growth.ts';
import type { CoreText } from '../common/core-messages.ts';

export { yearSchema };

/** A stated aggregate that disagrees with the sum of its parts (same source), or two sources that disagree. */
export type Reconciliation =
  | {
      kind: 'stated-vs-parts';
      reporter: EconomyRef;
      partner: EconomyRef;
      year: number;
      measure: 'total_trade' | 'balance';
      stated: number;
      computed: number;
      difference: number;
      /** Difference as a share of the stated figure. */
      relative: number;
      formula: string;
      /** The formula as a code, for the page's language. */
      formulaText: CoreText;
      source: SourceRef;
      note: string | null;
    }
  | {
      kind: 'sources-disagree';
      reporter: EconomyRef;
      partner: EconomyRef;
      year: number;
      /** null: the annual figure; else the month (1–12) the sources disagree on. */
      month: number | null;
      flow: Flow;
      values: { value: number; source: SourceRef }[];
      /** The source whose figure the dashboards, exports and briefings use (see db/trade/chosen.ts). */
      used: SourceRef | null;
      difference: number;
      relative: number;
    };

/** The sources the user prefers where several give the same flow (see db/trade/chosen.ts). */
export interface PreferredSources {
  /** Preferred for this reporter and partner (first in the rule); null without a pair or when none is set. */
  pair: SourceRef | null;
  /** Preferred everywhere (second in the rule). */
  global: SourceRef | null;
  /** The whole rule, in words. */
  rule: string;
  /** The rule coded for the page's language. */
  ruleText: CoreText;
}

const preferredScope = {
  /** With partner: the preference for this pair only; without both: the preference everywhere. */
  reporter: z.optional(economyCode),
  partner: z.optional(economyCode),
};
const bothOrNeither = (v: { reporter?: string | undefined; partner?: string | undefined }): boolean =>
  (v.reporter === undefined) === (v.partner === undefined);
const bothOrNeitherMessage = { message: 'give both reporter and partner (a pair), or neither (everywhere)', path: ['partner'] };

export const tradeContract = {
  /** The preferred sources that decide which figure is used where several sources give the same flow. */
  preferredSource: method<PreferredSources>()(z.object(preferredScope).strict().refine(bothOrNeither, bothOrNeitherMessage)),
  /** Sets (sourceId) or clears (null) the preferred source for a pair, or everywhere; returns the preferences now in force. */
  setPreferredSource: method<PreferredSources>()(
    z
      .object({ ...preferredScope, sourceId: z.string().min(1).max(200).nullable() })
      .strict()
      .refine(bothOrNeither, bothOrNeitherMessage),
  ),
  /** Economies known to the database. */
  listEconomies: method<(EconomyRef & { kind: string; parentCode: string | null })[]>()(z.object({}).strict()),
  /**
   * Where figures disagree: stated totals or balances against the sum or difference of their parts
   * (same source), and the same flow reported by several sources with different values.
   */
  reconciliation: method<Reconciliation[]>()(
    z
      .object({
        reporter: z.optional(economyCode),
        partner: z.optional(economyCode),
        /** Differences at or below this share of the value are ignored (rounding). 0 lists every difference. */
        tolerance: z.number().min(0).max(1).default(0),
      })
      .strict(),
  ),
};

// ---- Dashboards: series by year, KPI tiles, mirror statistics. ----

/** One reported value chosen for a year and flow (see db/trade/chosen.ts), with where it comes from. */
export interface SeriesValue {
  value: number;
  series: 'primary' | 'crosscheck';
  /** The source cited (for a sum of months, the one giving most of them). */
  source: SourceRef;
  /** Every source the value rests on: one for an annual figure; a sum of months may rest on several. */
  sources: SourceRef[];
  note: string | null;
  /** Other sources reporting the same flow and period (not counted; listed under "sources that disagree"). */
  alternatives: number;
  /** annual: the year's own figure; sum-of-12-months: no annual figure, all twelve months summed; partial-year: fewer months, summed. */
  basis: 'annual' | 'sum-of-12-months' | 'partial-year';
  /** null for an annual figure; "sum of 12 months"; or the months a partial year covers ("Jan–Jul only"). */
  periodNote: string | null;
  /** The same, coded for the page's language (its months named there). */
  periodText: CoreText | null;
  /** The months summed (1–12), null for an annual figure. */
  months: number[] | null;
}

export interface SeriesYear {
  year: number;
  /** null: no source gives this flow for this year (shown as missing, never as zero). */
  exports: SeriesValue | null;
  imports: SeriesValue | null;
  /** exports − imports, only when both exist. */
  balance: number | null;
  /** exports + imports, only when both exist. */
  total: number | null;
  /** The partial year balance and total cover ("Jan–Jul only"), null for a whole year. Both flows must cover the same period. */
  periodNote: string | null;
  /** The same, coded for the page's language. */
  periodText: CoreText | null;
}

export interface TradeSeries {
  reporter: EconomyRef;
  partner: EconomyRef;
  /** Every year of the range, in order, including years with nothing reported. */
  years: SeriesYear[];
  from: number | null;
  to: number | null;
  /** How one value per year and flow is chosen. */
  rule: string;
  /** The rule coded for the page's language. */
  ruleText: CoreText;
  /** Distinct sources of the chosen values. */
  sources: SourceRef[];
}

export interface Change {
  absolute: number;
  /** Relative to the previous year's value. */
  relative: number | null;
}

/** One flow's growth figures in the KPI year (db/common/growth.ts: never across a gap or a partial year without saying so). */
export interface FlowGrowth {
  yoy: YearOnYear;
  /** Between the first and the last whole reported years of the range shown, up to the KPI year. */
  cagr: CompoundGrowth;
  /** Of the reporter's same flow with the world (exports of its exports, total of its total). */
  share: ShareOf;
}

/** One year of a series with each flow's change on the year before and share of the reporter's same flow with the world. */
export interface SeriesYearGrowth {
  year: number;
  exports: { yoy: YearOnYear; share: ShareOf };
  imports: { yoy: YearOnYear; share: ShareOf };
  total: { yoy: YearOnYear; share: ShareOf };
}

export interface TradeKpi {
  reporter: EconomyRef;
  partner: EconomyRef;
  /** The latest year (within the range) in which both flows are reported, else the latest with either; null when none. */
  year: number | null;
  previousYear: number | null;
  exports: SeriesValue | null;
  imports: SeriesValue | null;
  balance: DerivedFigure | null;
  total: DerivedFigure | null;
  /** Stated total trade for that year (any source), when one is stated. */
  statedTotal: SourcedFigure | null;
  /** Change on the previous year, only where both years have the figure. */
  change: { exports: Change | null; imports: Change | null; balance: Change | null; total: Change | null };
  /** Share of the reporter's total trade (with the world), only where that total is loaded. */
  share: { value: number; ofTotal: DerivedFigure } | null;
  /** Year-on-year change, growth rate over the range and share of the reporter's same flow with the world, each with its reason when missing. */
  growth: { exports: FlowGrowth; imports: FlowGrowth; total: FlowGrowth };
  /** Why a share or change is not shown, in plain words. */
  notes: string[];
  /** The same notes, coded for the page's language (one for each of `notes`, in order). */
  noteTexts: CoreText[];
  /** The partial year balance and total cover ("Jan–Jul only"); null for a whole year. */
  periodNote: string | null;
  /** The same, coded for the page's language. */
  periodText: CoreText | null;
}

export interface MirrorSide {
  value: number;
  source: SourceRef;
  /** As SeriesValue.periodNote: null for an annual figure. */
  periodNote: string | null;
  periodText: CoreText | null;
}

export interface MirrorRow {
  year: number;
  /** The exporter's own report of its exports to the importer. */
  exporterReport: MirrorSide | null;
  /** The importer's report of its imports from the exporter. */
  importerReport: MirrorSide | null;
  /** importer's figure − exporter's figure, when both exist and cover the same period. */
  gap: number | null;
  /** gap / exporter's figure. */
  gapRelative: number | null;
}

export interface MirrorDirection {
  exporter: EconomyRef;
  importer: EconomyRef;
  rows: MirrorRow[];
}

export interface TradeMirror {
  /** reporter → partner, then partner → reporter. */
  directions: [MirrorDirection, MirrorDirection];
  /** Why mirror figures differ, in plain words. */
  explanation: string[];
}

/** One month's figure of one flow, chosen as the annual ones are (see db/trade/chosen.ts). */
export interface MonthValue {
  value: number;
  series: 'primary' | 'crosscheck';
  source: SourceRef;
  note: string | null;
  /** Other sources reporting the same flow and month (not counted). */
  alternatives: number;
}

export interface MonthPoint {
  year: number;
  month: number;
  /** null: no source gives this flow for this month (missing, never zero). */
  exports: MonthValue | null;
  imports: MonthValue | null;
  /** exports − imports, only when both exist. */
  balance: number | null;
}

export interface TradeMonthly {
  reporter: EconomyRef;
  partner: EconomyRef;
  /** Every month from the first to the last with a monthly figure within the range, in order, including months with none. */
  months: MonthPoint[];
  /** What the annual series shows for each of those years: its annual figure, the sum of 12 months, or a partial year. */
  years: SeriesYear[];
  rule: string;
  /** The rule coded for the page's language. */
  ruleText: CoreText;
  /** Distinct sources of the chosen monthly values. */
  sources: SourceRef[];
}

const pairInput = {
  reporter: economyCode,
  partner: economyCode,
  from: z.optional(yearSchema),
  to: z.optional(yearSchema),
};

/** A reporter–partner pair with trade totals, and the years it covers. */
export interface TradePair {
  reporter: EconomyRef;
  partner: EconomyRef;
  firstYear: number;
  lastYear: number;
  flows: number;
}

export const tradeDashboardContract = {
  /** Exports, imports and balance by year for one pair, one value per year and flow (primary series first). */
  tradeSeries: method<TradeSeries>()(z.object(pairInput).strict()),
  /** Exports, imports and balance by month for one pair (monthly figures as imported), with what the annual series makes of each year. */
  tradeMonthly: method<TradeMonthly>()(z.object(pairInput).strict()),
  /** KPI tiles for the latest year of the range with a reported flow. */
  tradeKpi: method<TradeKpi>()(z.object(pairInput).strict()),
  /** The same trade as reported by each side, with the gap. */
  tradeMirror: method<TradeMirror>()(z.object(pairInput).strict()),
  /** Pairs (reporter, partner) with annual totals, and their year span: the dashboards' filter choices. */
  tradePairs: method<TradePair[]>()(z.object({}).strict()),
};
