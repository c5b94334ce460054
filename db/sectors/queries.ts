/**
 * The sectors area's queries: the sectors of a pair with their latest values and figures, one sector's
 * detail, and the handlers that serve them. Rows come from db/sectors/sql.ts; which codes are summed,
 * how sums become values, shares and the sectors' order from db/sectors/rules.ts.
 */
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { ApiError } from '../common/errors.ts';
import { periodTextOfNote, said } from '../common/core-messages.ts';
import type { Db } from '../database.ts';
import { sourceLookup, economyLookup } from '../refs.ts';
import { tradeSeries } from '../trade/queries.ts';
import type {
  SectorDetail,
  SectorFigure,
  SectorHsCode,
  SectorHsValue,
  SectorPriority,
  sectorsContract,
  SectorsOverview,
  SectorSummary,
} from './contract.ts';
import {
  bySourceCount,
  disjointPrefixes,
  SECTOR_METHOD,
  SECTOR_METHOD_TEXT,
  sectorOrder,
  sectorValues,
  shareOf,
  type YearTotal,
} from './rules.ts';
import {
  chapterSums,
  chosenSums,
  codeSums,
  figureRows,
  hsCodeRows,
  lastHsYear,
  priorityRows,
  sectorGroups,
  sectorNameOf,
  type PairSpan,
  type YearSum,
} from './sql.ts';

interface Pair {
  reporter: string;
  partner: string;
  from?: number | undefined;
  to?: number | undefined;
}

function sectorQueries(db: Db, pair: Pair) {
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const span: PairSpan = { reporter: pair.reporter, partner: pair.partner, from: pair.from ?? 1900, to: pair.to ?? 2100 };
  // The reporter's chosen annual totals (see SERIES_RULE), one series query per pair, cached.
  const totals = new Map<string, Map<number, { export: YearTotal; import: YearTotal }>>();
  const totalOf = (reporter: string, partner: string, year: number, flow: 'export' | 'import'): YearTotal => {
    const k = `${reporter}|${partner}`;
    let years = totals.get(k);
    if (!years) {
      years = new Map();
      for (const y of tradeSeries(db, { reporter, partner }).years) {
        // A share is of a whole year's total: a partial year's sum of months is no denominator.
        const whole = (v: typeof y.exports): YearTotal => (v && v.basis !== 'partial-year' ? { value: v.value, source: v.source } : null);
        years.set(y.year, { export: whole(y.exports), import: whole(y.imports) });
      }
      totals.set(k, years);
    }
    return years.get(year)?.[flow] ?? null;
  };
  const figures = (): SectorFigure[] =>
    figureRows(db, span).map((r) => {
      const total = r.period_note === null ? totalOf(r.reporter, r.partner, r.year, r.flow) : null;
      const share = shareOf(r.value_usd, total);
      return {
        id: r.id,
        reporter: economy(r.reporter),
        partner: economy(r.partner),
        year: r.year,
        flow: r.flow,
        label: r.label,
        hsNote: r.hs_note,
        sectorName: r.sector_name,
        value: r.value_usd,
        periodNote: r.period_note,
        periodText: periodTextOfNote(r.period_note),
        unitInferred: r.unit_inferred === 1,
        source: source(r.source_id),
        note: r.note,
        shareOfTotal: share !== null && total ? { value: share, total: total.value, totalSource: total.source } : null,
      };
    });
  const priorities = (key: string): SectorPriority[] =>
    priorityRows(db, { key, reporter: pair.reporter, partner: pair.partner }).map((r) => ({
      planId: r.plan_id,
      planTitle: r.title,
      position: r.position,
      source: source(r.source_id),
    }));
  const codes = (key: string): SectorHsCode[] => {
    const seen = new Map<string, SectorHsCode>();
    for (const r of hsCodeRows(db, key)) {
      if (!seen.has(r.hs_code))
        seen.set(r.hs_code, {
          code: r.hs_code,
          description: r.description,
          note: r.note,
          source: r.source_id ? source(r.source_id) : null,
        });
    }
    return [...seen.values()];
  };
  const values = (hs: readonly string[], years: { from: number; to: number } = span): SectorHsValue[] => {
    const prefixes = disjointPrefixes(hs);
    const sums: YearSum[] = [];
    const several = new Set<number>();
    for (const code of prefixes) {
      const input = { ...span, ...years, code };
      const split = bySourceCount(code.length === 2 ? chapterSums(db, input) : codeSums(db, input));
      sums.push(...split.single);
      for (const y of split.several) several.add(y);
    }
    const counted = sums.filter((r) => !several.has(r.year));
    // The ranking costs more than the sums: it runs only for the years several sources give, and once for all codes.
    if (several.size > 0) {
      const chosen = chosenSums(db, { ...span, from: Math.min(...several), to: Math.max(...several) }, prefixes);
      counted.push(...chosen.filter((r) => several.has(r.year)));
    }
    return sectorValues(counted, (year) => totalOf(pair.reporter, pair.partner, year, 'export'), source);
  };
  // The pair's last HS year, the same for every sector: read once per view (it walks the pair's whole summary).
  let last: number | null | undefined;
  /**
   * A sector's latest year with its change on the year before. Usually that is the pair's last year:
   * then only that year and the one before are summed (a tenth of the rows of twenty years); a
   * sector whose data stops earlier is summed over all years.
   */
  const latest = (hs: readonly string[]): SectorHsValue | null => {
    if (last === undefined) last = lastHsYear(db, span);
    if (last === null) return null;
    const recent = values(hs, { from: Math.max(span.from, last - 1), to: last });
    const found = recent[recent.length - 1];
    if (found?.year === last) return found;
    const all = values(hs);
    return all[all.length - 1] ?? null;
  };
  return { figures, priorities, codes, values, latest };
}

export function listSectors(db: Db, pair: Pair): SectorsOverview {
  const economy = economyLookup(db);
  const q = sectorQueries(db, pair);
  const allFigures = q.figures();
  const sectors: SectorSummary[] = sectorGroups(db).map((g) => {
    const hs = q.codes(g.key);
    const latest = q.latest(hs.map((h) => h.code));
    const figures = allFigures.filter((f) => f.sectorName?.toLowerCase() === g.key);
    return {
      key: g.key,
      name: g.name,
      ids: (JSON.parse(g.ids) as string[]).sort(),
      description: g.description,
      priorities: q.priorities(g.key),
      hsCodes: hs.length,
      latest,
      figures,
      hasData: latest !== null || figures.length > 0,
    };
  });
  sectors.sort(sectorOrder);
  return {
    reporter: economy(pair.reporter),
    partner: economy(pair.partner),
    sectors,
    otherFigures: allFigures.filter((f) => f.sectorName === null),
    method: SECTOR_METHOD,
    methodText: SECTOR_METHOD_TEXT,
  };
}

export function sectorDetail(db: Db, input: Pair & { name: string }): SectorDetail {
  const key = input.name.toLowerCase();
  const found = sectorNameOf(db, key);
  if (!found) throw new ApiError('not-found', said('sectorNotFound', { name: input.name }));
  const q = sectorQueries(db, input);
  const hsCodes = q.codes(key);
  return {
    key,
    name: found,
    priorities: q.priorities(key),
    hsCodes,
    values: q.values(hsCodes.map((h) => h.code)),
    figures: q.figures().filter((f) => f.sectorName?.toLowerCase() === key),
  };
}

export function sectorsHandlers(ctx: Context): HandlersOf<typeof sectorsContract> {
  return {
    listSectors: (input) => listSectors(ctx.db, input),
    sectorDetail: (input) => sectorDetail(ctx.db, input),
  };
}
