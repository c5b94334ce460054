/**
 * The trade area's rules, free of SQLite: how a year's value is made from its rows (annual, the sum of
 * twelve months, or a labelled partial year), which values may be compared, changes on the year
 * before, mirror gaps, and when a stated total or several sources' values disagree enough to show.
 */
import { change, shareOf, yearOnYear, type YearPoint } from '../common/growth.ts';
import type { SourceRef } from '../shared-types.ts';
import { CHOICE_RULE_TEXT } from './chosen.ts';
import { codeOf, CORE_MESSAGES, said, type CoreText } from '../common/core-messages.ts';
import type { Change, MirrorDirection, MirrorRow, MirrorSide, SeriesValue, SeriesYear, SeriesYearGrowth, TradeSeries } from './contract.ts';
import type { ChosenRow } from './sql.ts';

const SERIES = said('ruleSeries', { choice: CHOICE_RULE_TEXT });
export const SERIES_RULE = SERIES.message;
export const SERIES_RULE_TEXT = codeOf(SERIES);

/** The months a partial year covers, coded: the page names the months in its language ("Jan–Jul only" in English). */
export function partialYearText(months: readonly number[]): CoreText {
  return codeOf(said('periodPartial', { months: { months: [...new Set(months)].sort((a, b) => a - b) } }));
}

/** "Jan–Jul only", "Jan–Mar, May only": the months a partial year covers. */
export function partialYearLabel(months: readonly number[]): string {
  return said('periodPartial', { months: { months: [...months] } }).message;
}

export const SUM_OF_12_MONTHS = CORE_MESSAGES.periodSumOf12;

/** A year's value of one flow: its annual row, else the sum of its months (all twelve, or a labelled partial year). */
export function yearValue(rows: ChosenRow[], source: (id: string) => SourceRef): SeriesValue {
  const annual = rows.find((r) => r.month === null);
  if (annual) {
    const src = source(annual.source_id);
    return {
      value: annual.value_usd,
      series: annual.series,
      source: src,
      sources: [src],
      note: annual.note,
      alternatives: annual.alternatives,
      basis: 'annual',
      periodNote: null,
      periodText: null,
      months: null,
    };
  }
  // Sources ordered by how many of the months they give (the first is the one cited first).
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.source_id, (counts.get(r.source_id) ?? 0) + 1);
  const sources = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([id]) => source(id));
  const months = rows.map((r) => r.month!).sort((a, b) => a - b);
  const full = months.length === 12;
  return {
    value: rows.reduce((acc, r) => acc + r.value_usd, 0),
    series: rows.every((r) => r.series === 'primary') ? 'primary' : 'crosscheck',
    source: sources[0]!,
    sources,
    note: null,
    alternatives: Math.max(...rows.map((r) => r.alternatives)),
    basis: full ? 'sum-of-12-months' : 'partial-year',
    periodNote: full ? SUM_OF_12_MONTHS : partialYearLabel(months),
    periodText: full ? codeOf(said('periodSumOf12')) : partialYearText(months),
    months,
  };
}

/** One side of a mirror pair: the value, its source and its period. */
function mirrorSide(v: SeriesValue): MirrorSide {
  return { value: v.value, source: v.source, periodNote: v.periodNote, periodText: v.periodText };
}

/** Two values cover the same period: both a whole year, or the same months of a partial year. */
export function samePeriod(a: SeriesValue, b: SeriesValue): boolean {
  if (a.basis !== 'partial-year' && b.basis !== 'partial-year') return true;
  return a.basis === b.basis && a.periodNote === b.periodNote;
}

/** The plain difference of two known values: the one rule of db/common/growth.ts. */
export { change };

/** A flow's change on the year before, only between two whole years (a partial year is never compared with a whole one). */
export function flowChange(now: SeriesValue | null, before: SeriesValue | null | undefined): Change | null {
  if (!now || !before) return null;
  const points: YearPoint[] = [
    { year: 1, value: before.value, partial: before.basis === 'partial-year' },
    { year: 2, value: now.value, partial: now.basis === 'partial-year' },
  ];
  return yearOnYear(points, 2).change;
}

/**
 * Each year of a series with its flows' change on the year before (`before`: the year ahead of the series, when loaded)
 * and share of the reporter's same flow with the world (`world`: that series over the same years, when loaded), by
 * the one rule of db/common/growth.ts: never across a gap or with a partial year, never of a total of other months.
 */
export function seriesGrowth(series: TradeSeries, before: SeriesYear | null, world: TradeSeries | null): SeriesYearGrowth[] {
  const years = before ? [before, ...series.years] : series.years;
  const flowPoints = (flow: 'exports' | 'imports'): YearPoint[] =>
    years.map((y) => ({ year: y.year, value: y[flow]?.value ?? null, partial: y[flow]?.basis === 'partial-year' }));
  const totalPoints: YearPoint[] = years.map((y) => ({ year: y.year, value: y.total, partial: y.total !== null && y.periodNote !== null }));
  const points = { exports: flowPoints('exports'), imports: flowPoints('imports') };
  const worldYear = new Map((world?.years ?? []).map((w) => [w.year, w]));
  return series.years.map((y) => {
    const w = worldYear.get(y.year);
    const flow = (f: 'exports' | 'imports') => {
      const own = y[f];
      const all = w?.[f];
      return { yoy: yearOnYear(points[f], y.year), share: shareOf(own?.value, all?.value, !own || !all || samePeriod(own, all)) };
    };
    return {
      year: y.year,
      exports: flow('exports'),
      imports: flow('imports'),
      total: { yoy: yearOnYear(totalPoints, y.year), share: shareOf(y.total, w?.total, y.periodNote === (w?.periodNote ?? null)) },
    };
  });
}

export const MIRROR_EXPLANATION = [
  'Valuation: exporters record goods free on board (FOB); importers record them with cost, insurance and freight (CIF), so imports normally read a few per cent higher.',
  'Re-exports: goods shipped via Hong Kong or a third country are counted by the importer under the country of origin, but the exporter may record the transit country as destination.',
  'Timing and revisions: goods shipped in December may arrive in January; preliminary and revised figures, and different exchange-rate dates, also differ.',
];

/** One direction of trade as both sides report it: the exporter's exports beside the importer's imports. */
export function mirrorDirection(ex: TradeSeries, im: TradeSeries): MirrorDirection {
  const years = new Map<number, MirrorRow>();
  const row = (year: number): MirrorRow => {
    let r = years.get(year);
    if (!r) {
      r = { year, exporterReport: null, importerReport: null, gap: null, gapRelative: null };
      years.set(year, r);
    }
    return r;
  };
  for (const y of ex.years) if (y.exports) row(y.year).exporterReport = mirrorSide(y.exports);
  for (const y of im.years) if (y.imports) row(y.year).importerReport = mirrorSide(y.imports);
  const partial = (side: MirrorSide): boolean => side.periodNote !== null && side.periodNote !== SUM_OF_12_MONTHS;
  for (const r of years.values()) {
    if (
      r.exporterReport &&
      r.importerReport &&
      (partial(r.exporterReport) || partial(r.importerReport) ? r.exporterReport.periodNote === r.importerReport.periodNote : true)
    ) {
      r.gap = r.importerReport.value - r.exporterReport.value;
      r.gapRelative = r.exporterReport.value === 0 ? null : r.gap / r.exporterReport.value;
    }
  }
  return { exporter: ex.reporter, importer: ex.partner, rows: [...years.values()].sort((a, b) => a.year - b.year) };
}

/** Differences under half a dollar are rounding, never a disagreement. */
const ROUNDING_USD = 0.5;

/** A stated total or balance against the sum of its parts from the same source: the gap, or null where parts are missing or agree. */
export function statedGap(
  row: { measure: 'total_trade' | 'balance'; stated: number; exports: number | null; imports: number | null },
  tolerance: number,
): { computed: number; difference: number; relative: number; formula: string; formulaText: CoreText } | null {
  if (row.exports === null || row.imports === null) return null;
  const computed = row.measure === 'total_trade' ? row.exports + row.imports : row.exports - row.imports;
  const difference = row.stated - computed;
  const relative = row.stated === 0 ? 0 : Math.abs(difference / row.stated);
  if (Math.abs(difference) < ROUNDING_USD || relative <= tolerance) return null;
  const formula = said(row.measure === 'total_trade' ? 'claimExportsPlusImports' : 'claimExportsMinusImports');
  return {
    computed,
    difference,
    relative,
    formula: formula.message,
    formulaText: { messageCode: formula.messageCode, params: formula.params },
  };
}

/** Several sources' values of one flow, largest first: their spread, or null where it is within the tolerance. */
export function sourcesSpread(
  values: { value: number; source: SourceRef }[],
  tolerance: number,
): { values: { value: number; source: SourceRef }[]; difference: number; relative: number } | null {
  const sorted = [...values].sort((a, b) => b.value - a.value || a.source.label.localeCompare(b.source.label));
  const max = sorted[0]?.value ?? 0;
  const min = sorted[sorted.length - 1]?.value ?? 0;
  const relative = max === 0 ? 0 : (max - min) / max;
  if (relative <= tolerance) return null;
  return { values: sorted, difference: max - min, relative };
}
