import { z } from 'zod';
import { method } from '../method.ts';
import type { DerivedFigure, EconomyRef, SourceRef, SourcedFigure } from '../shared-types.ts';

export const economyCode = z.string().regex(/^([A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3})$/, 'an ISO 3166 code such as KOR, CHN or CN-SD');
export const yearSchema = z.number().int().min(1900, 'a year from 1900').max(2100, 'a year up to 2100');

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
      source: SourceRef;
      note: string | null;
    }
  | {
      kind: 'sources-disagree';
      reporter: EconomyRef;
      partner: EconomyRef;
      year: number;
      flow: 'export' | 'import' | 're-export' | 're-import';
      values: { value: number; source: SourceRef }[];
      difference: number;
      relative: number;
    };

export const tradeContract = {
  /** Economies known to the database. */
  listEconomies: method<(EconomyRef & { kind: string; parentCode: string | null })[]>()(z.object({}).strict()),
  /**
   * Where figures disagree: stated totals or balances against the sum or difference of their parts
   * (same source), and the same flow reported by several sources with different values.
   */
  reconciliation: method<Reconciliation[]>()(
    z.object({
      reporter: economyCode.optional(),
      partner: economyCode.optional(),
      /** Differences at or below this share of the value are ignored (rounding). 0 lists every difference. */
      tolerance: z.number().min(0).max(1).default(0),
    }).strict(),
  ),
};

// ---- Dashboards (issue 3): series by year, KPI tiles, mirror statistics. ----

/** One reported value chosen for a year and flow, with where it comes from. */
export interface SeriesValue {
  value: number;
  series: 'primary' | 'crosscheck';
  source: SourceRef;
  note: string | null;
  /** Other sources reporting the same flow and year (not shown in the series). */
  alternatives: number;
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
  /** Distinct sources of the chosen values. */
  sources: SourceRef[];
}

export interface Change {
  absolute: number;
  /** Relative to the previous year's value. */
  relative: number | null;
}

export interface TradeKpi {
  reporter: EconomyRef;
  partner: EconomyRef;
  /** The latest year (within the range) with a reported flow; null when none. */
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
  /** Why a share or change is not shown, in plain words. */
  notes: string[];
}

export interface MirrorSide {
  value: number;
  source: SourceRef;
}

export interface MirrorRow {
  year: number;
  /** The exporter's own report of its exports to the importer. */
  exporterReport: MirrorSide | null;
  /** The importer's report of its imports from the exporter. */
  importerReport: MirrorSide | null;
  /** importer's figure − exporter's figure, when both exist. */
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

const pairInput = {
  reporter: economyCode,
  partner: economyCode,
  from: yearSchema.optional(),
  to: yearSchema.optional(),
};

export const tradeDashboardContract = {
  /** Exports, imports and balance by year for one pair, one value per year and flow (primary series first). */
  tradeSeries: method<TradeSeries>()(z.object(pairInput).strict()),
  /** KPI tiles for the latest year of the range with a reported flow. */
  tradeKpi: method<TradeKpi>()(z.object(pairInput).strict()),
  /** The same trade as reported by each side, with the gap. */
  tradeMirror: method<TradeMirror>()(z.object(pairInput).strict()),
  /** Pairs (reporter, partner) with annual totals, and their year span: the dashboards' filter choices. */
  tradePairs: method<{ reporter: EconomyRef; partner: EconomyRef; firstYear: number; lastYear: number; flows: number }[]>()(z.object({}).strict()),
};
