/**
 * The sectors area's rules, free of SQLite: which HS codes of a sector are summed (a code covered by a
 * shorter one is not summed twice), which years' sums need the chosen rows because several sources
 * give them, how yearly sums become a sector's values with their share and change, what a share is of,
 * and the order of the sectors.
 */
import type { SourceRef } from '../shared-types.ts';
import type { SectorHsValue, SectorSummary } from './contract.ts';
import type { YearSum } from './sql.ts';
import { codeOf, said } from '../common/core-messages.ts';

export const SECTOR_METHOD = said('ruleSectors').message;
export const SECTOR_METHOD_TEXT = codeOf(said('ruleSectors'));

/** Drops codes already covered by a shorter code of the same set ("33" covers "3304" and "330499"). */
export function disjointPrefixes(codes: readonly string[]): string[] {
  const sorted = [...new Set(codes)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const c of sorted) if (!kept.some((k) => c.startsWith(k))) kept.push(c);
  return kept.sort();
}

/**
 * One code's yearly sums split by how many sources give the year: a year one source gives is that
 * source's sum; a year several give (the summary has a row per source, a heading's sum lists its
 * sources) must be summed over the chosen rows instead.
 */
export function bySourceCount(rows: readonly YearSum[]): { single: YearSum[]; several: Set<number> } {
  const sourcesOf = new Map<number, number>();
  for (const r of rows) sourcesOf.set(r.year, (sourcesOf.get(r.year) ?? 0) + r.srcs.split(',').length);
  const single: YearSum[] = [];
  const several = new Set<number>();
  for (const r of rows) {
    if (sourcesOf.get(r.year)! > 1) several.add(r.year);
    else single.push(r);
  }
  return { single, several };
}

/** A whole year's total (its value and source) that a share may be taken of, or null. */
export type YearTotal = { value: number; source: SourceRef } | null;

/** The share of a whole year's total, where the total is known and positive. */
export function shareOf(value: number, total: YearTotal): number | null {
  return total && total.value > 0 ? value / total.value : null;
}

/**
 * A sector's values by year from the sums of its codes (each year's sums added once, whatever the
 * number of codes): the share of the reporter's total exports to the partner where that year's total
 * is whole, and the change on the year before where that year has a value.
 */
export function sectorValues(
  sums: readonly YearSum[],
  total: (year: number) => YearTotal,
  source: (id: string) => SourceRef,
): SectorHsValue[] {
  const byYear = new Map<number, { value: number; rows: number; sources: Set<string> }>();
  for (const r of sums) {
    const acc = byYear.get(r.year) ?? { value: 0, rows: 0, sources: new Set<string>() };
    acc.value += r.v;
    acc.rows += r.n;
    for (const s of r.srcs.split(',')) acc.sources.add(s);
    byYear.set(r.year, acc);
  }
  const years = [...byYear.keys()].sort((a, b) => a - b);
  return years.map((year) => {
    const acc = byYear.get(year)!;
    const prev = byYear.get(year - 1);
    return {
      year,
      value: acc.value,
      rows: acc.rows,
      share: shareOf(acc.value, total(year)),
      change: prev && prev.value > 0 ? (acc.value - prev.value) / prev.value : null,
      sources: [...acc.sources].map(source),
    };
  });
}

/** The sectors in the plan's order first, then those with data, then the rest; by name within each. */
export function sectorOrder(a: SectorSummary, b: SectorSummary): number {
  const rank = (s: SectorSummary): number => (s.priorities.length > 0 ? 0 : s.hasData ? 1 : 2);
  return rank(a) - rank(b) || (a.priorities[0]?.position ?? 0) - (b.priorities[0]?.position ?? 0) || a.name.localeCompare(b.name);
}
