/**
 * One partner's series read out of a series of several partners that holds it, as `partnerSeries` answers for that
 * partner alone: its own years (a comparison's default years are those of all its partners), points, the reporter's
 * totals of those years, its first loaded year and the sources of its figures. Free of SQLite: the page reads China's
 * shares out of the comparison it already has rather than asking again.
 */
import type { SourceRef } from '../shared-types.ts';
import type { PartnerSeries } from '../partners/contract.ts';

/** Null where the series does not hold the partner or does not cover the years it has alone: ask for it then. */
export function seriesOfOne(several: PartnerSeries, code: string): PartnerSeries | null {
  const entry = several.partners.find((p) => p.partner.code === code);
  const own = entry?.alone;
  if (!entry || !own) return null;
  const start = several.years.indexOf(own.from);
  const end = several.years.indexOf(own.to);
  if (start < 0 || end < 0) return null;
  const points = entry.points.slice(start, end + 1);
  // In the order the core lists them: year by year, a year's exports before its imports.
  const sources = new Map<string, SourceRef>();
  for (const p of points) for (const f of [p.exports, p.imports]) if (f) sources.set(f.source.id, f.source);
  return {
    ...several,
    earliestYear: own.earliestYear,
    years: several.years.slice(start, end + 1),
    partners: [{ ...entry, points }],
    totals: several.totals.slice(start, end + 1),
    sources: [...sources.values()],
  };
}
