/**
 * Growth and shares, one rule for every view, table, export and print: a change is computed only
 * between two whole years that are both reported; a compound annual growth rate only between two
 * whole, reported, positive end years, and it names the years missing in between. Where a figure
 * cannot be computed, the reason is returned instead, so that a screen or a table can say why.
 */

/** One year of a series: its value (null when not reported) and whether it covers part of the year only. */
export interface YearPoint {
  year: number;
  value: number | null;
  partial: boolean;
}

export interface Change {
  absolute: number;
  /** Relative to the earlier value; null when the earlier value is zero. */
  relative: number | null;
}

/** Why a change or a growth rate is not given. */
export type NoGrowth = 'not-reported' | 'previous-not-reported' | 'partial-year' | 'not-positive' | 'one-year';

export type YearOnYear = { change: Change; year: number; previousYear: number } | { change: null; reason: NoGrowth };

export type CompoundGrowth =
  { rate: number; fromYear: number; toYear: number; years: number; missingBetween: number[] } | { rate: null; reason: NoGrowth };

/** The plain difference of two known values. */
export function change(now: number | null | undefined, before: number | null | undefined): Change | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  return { absolute: now - before, relative: before === 0 ? null : (now - before) / Math.abs(before) };
}

/** The change of `year` on the calendar year before it: never across a gap, never with a partial year. */
export function yearOnYear(points: readonly YearPoint[], year: number): YearOnYear {
  const now = points.find((p) => p.year === year);
  const before = points.find((p) => p.year === year - 1);
  if (!now || now.value === null) return { change: null, reason: 'not-reported' };
  if (!before || before.value === null) return { change: null, reason: 'previous-not-reported' };
  if (now.partial || before.partial) return { change: null, reason: 'partial-year' };
  return { change: change(now.value, before.value)!, year, previousYear: year - 1 };
}

/**
 * The compound annual growth rate from `from` to `to`: ((last / first) ^ (1 / years)) − 1. Both end
 * years must be reported whole years with positive values; years missing in between are named (the
 * rate rests on the two ends only).
 */
export function compoundGrowth(points: readonly YearPoint[], from: number, to: number): CompoundGrowth {
  if (to <= from) return { rate: null, reason: 'one-year' };
  const first = points.find((p) => p.year === from);
  const last = points.find((p) => p.year === to);
  if (!first || first.value === null || !last || last.value === null) return { rate: null, reason: 'not-reported' };
  if (first.partial || last.partial) return { rate: null, reason: 'partial-year' };
  if (first.value <= 0 || last.value <= 0) return { rate: null, reason: 'not-positive' };
  const years = to - from;
  const known = new Set(points.filter((p) => p.value !== null).map((p) => p.year));
  const missingBetween: number[] = [];
  for (let y = from + 1; y < to; y++) if (!known.has(y)) missingBetween.push(y);
  return { rate: Math.pow(last.value / first.value, 1 / years) - 1, fromYear: from, toYear: to, years, missingBetween };
}

/**
 * The widest range of whole, reported years within [from, to] for a growth rate: the first and the
 * last such years. Null when fewer than two.
 */
export function growthRange(points: readonly YearPoint[], from?: number | null, to?: number | null): { from: number; to: number } | null {
  const whole = points
    .filter((p) => p.value !== null && !p.partial && (from == null || p.year >= from) && (to == null || p.year <= to))
    .map((p) => p.year)
    .sort((a, b) => a - b);
  return whole.length >= 2 ? { from: whole[0]!, to: whole[whole.length - 1]! } : null;
}

/** A part's share of a whole; null when either is not known or the whole is not positive. */
export function share(part: number | null | undefined, whole: number | null | undefined): number | null {
  if (part === null || part === undefined || whole === null || whole === undefined || whole <= 0) return null;
  return part / whole;
}

/** Why a growth figure is missing, in words for a tooltip, a table note or a footnote. */
export const NO_GROWTH_REASONS: Record<NoGrowth, string> = {
  'not-reported': 'not reported for that year',
  'previous-not-reported': 'the year before is not reported',
  'partial-year': 'a partial year is not compared with a whole one',
  'not-positive': 'a growth rate needs positive values at both ends',
  'one-year': 'a growth rate needs two years',
};

/** Why a share is not given. */
export type NoShare = 'not-reported' | 'total-not-loaded' | 'different-period';

/** A share of the reporter's total, or why there is none. */
export type ShareOf = { value: number; reason: null } | { value: null; reason: NoShare };

/** Why a share is missing, in words. */
export const NO_SHARE_REASONS: Record<NoShare, string> = {
  'not-reported': 'the figure is not reported for that year',
  'total-not-loaded': "no figure of the reporter's total for that year is loaded",
  'different-period': 'the figure and the total cover different months',
};

/**
 * A part's share of a total with the reason when there is none: both must be known and cover the
 * same period (`samePeriod`), and the total positive.
 */
export function shareOf(part: number | null | undefined, whole: number | null | undefined, samePeriod = true): ShareOf {
  if (part === null || part === undefined) return { value: null, reason: 'not-reported' };
  if (whole === null || whole === undefined || whole <= 0) return { value: null, reason: 'total-not-loaded' };
  if (!samePeriod) return { value: null, reason: 'different-period' };
  return { value: part / whole, reason: null };
}

/** The growth rate over the whole reported years of a range, or why there is none (fewer than two such years). */
export function growthOverRange(points: readonly YearPoint[], from?: number | null, to?: number | null): CompoundGrowth {
  const range = growthRange(points, from, to);
  if (!range) return { rate: null, reason: points.some((p) => p.value !== null && p.partial) ? 'partial-year' : 'one-year' };
  return compoundGrowth(points, range.from, range.to);
}

/** A growth figure's explanation for a table's note column: the reason it is missing, or the years it skips. */
export function growthNote(g: YearOnYear | CompoundGrowth): string {
  if ('reason' in g) return NO_GROWTH_REASONS[g.reason];
  if ('missingBetween' in g && g.missingBetween.length > 0)
    return `${g.fromYear}–${g.toYear}; not reported in between: ${g.missingBetween.join(', ')} (the rate rests on the end years)`;
  if ('fromYear' in g) return `${g.fromYear}–${g.toYear}`;
  return '';
}

/**
 * The growth rate of a figure shown for `to`: from the first whole reported year of [from, to] to `to` itself, so a
 * rate beside a year's figure always ends at that year (not reported that year: no rate, and that is the reason).
 */
export function growthToYear(points: readonly YearPoint[], from: number, to: number): CompoundGrowth {
  if (to <= from) return { rate: null, reason: 'one-year' };
  const start = growthRange(points, from, to)?.from;
  if (start === undefined) {
    const end = points.find((p) => p.year === to);
    if (!end || end.value === null) return { rate: null, reason: 'not-reported' };
    return { rate: null, reason: end.partial ? 'partial-year' : 'one-year' };
  }
  return compoundGrowth(points, start, to);
}
