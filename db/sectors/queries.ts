import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { ApiError } from '../common/errors.ts';
import type { Db } from '../open.ts';
import type { SourceRef } from '../shared-types.ts';
import { sourceLookup, economyLookup } from '../refs.ts';
import { chosenFlowsSql, preparedOnce } from '../trade/chosen.ts';
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

interface Pair {
  reporter: string;
  partner: string;
  from?: number | undefined;
  to?: number | undefined;
}

export const SECTOR_METHOD =
  "Sector values are sums of HS-6 export flows (primary series) whose code starts with one of the sector's HS codes, each flow counted once " +
  '(where several sources give the same flow, the one chosen by the rule of the trade dashboards); ' +
  'sectors of the same name in several packs are one sector. Product-group figures are shown as their sources state them, ' +
  'with the period they cover; nothing is estimated.';

/** Drops codes already covered by a shorter code of the same set ("33" covers "3304" and "330499"). */
export function disjointPrefixes(codes: readonly string[]): string[] {
  const sorted = [...new Set(codes)].sort((a, b) => a.length - b.length || a.localeCompare(b));
  const kept: string[] = [];
  for (const c of sorted) if (!kept.some((k) => c.startsWith(k))) kept.push(c);
  return kept.sort();
}

interface FigureRow {
  id: string;
  reporter: string;
  partner: string;
  year: number;
  flow: 'export' | 'import';
  label: string;
  hs_note: string;
  sector_name: string | null;
  value_usd: number;
  period_note: string | null;
  source_id: string;
  note: string | null;
}

function sectorQueries(db: Db, pair: Pair) {
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const from = pair.from ?? 1900;
  const to = pair.to ?? 2100;
  // The reporter's chosen annual totals (see SERIES_RULE), one series query per pair, cached.
  const totals = new Map<
    string,
    Map<number, { export: { value: number; source: SourceRef } | null; import: { value: number; source: SourceRef } | null }>
  >();
  const totalOf = (reporter: string, partner: string, year: number, flow: 'export' | 'import') => {
    const k = `${reporter}|${partner}`;
    let years = totals.get(k);
    if (!years) {
      years = new Map();
      for (const y of tradeSeries(db, { reporter, partner }).years) {
        // A share is of a whole year's total: a partial year's sum of months is no denominator.
        const whole = (v: typeof y.exports) => (v && v.basis !== 'partial-year' ? { value: v.value, source: v.source } : null);
        years.set(y.year, { export: whole(y.exports), import: whole(y.imports) });
      }
      totals.set(k, years);
    }
    return years.get(year)?.[flow] ?? null;
  };
  const figureStmt = db.prepare(`SELECT f.id, f.reporter, f.partner, f.year, f.flow, f.label, f.hs_note, s.name AS sector_name, f.value_usd,
      f.period_note, f.source_id, f.note
    FROM sector_figure f LEFT JOIN sector s ON s.id = f.sector_id
    WHERE ((f.reporter = :reporter AND f.partner = :partner AND f.flow = 'export') OR (f.reporter = :partner AND f.partner = :reporter AND f.flow = 'import'))
      AND f.year BETWEEN :from AND :to
    ORDER BY f.year DESC, f.value_usd DESC`);
  const figures = (): SectorFigure[] =>
    (figureStmt.all({ reporter: pair.reporter, partner: pair.partner, from, to }) as FigureRow[]).map((r) => {
      const total = r.period_note === null ? totalOf(r.reporter, r.partner, r.year, r.flow) : null;
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
        source: source(r.source_id),
        note: r.note,
        shareOfTotal: total && total.value > 0 ? { value: r.value_usd / total.value, total: total.value, totalSource: total.source } : null,
      };
    });
  const prioStmt = db.prepare(`SELECT p.id AS plan_id, p.title, ps.position, p.source_id FROM export_plan_sector ps
    JOIN export_plan p ON p.id = ps.plan_id JOIN sector s ON s.id = ps.sector_id
    WHERE lower(s.name) = :key AND p.reporter = :reporter AND p.partner = :partner ORDER BY ps.position`);
  const priorities = (key: string): SectorPriority[] =>
    (
      prioStmt.all({ key, reporter: pair.reporter, partner: pair.partner }) as {
        plan_id: string;
        title: string;
        position: number;
        source_id: string;
      }[]
    ).map((r) => ({ planId: r.plan_id, planTitle: r.title, position: r.position, source: source(r.source_id) }));
  const codesStmt = db.prepare(`SELECT h.hs_code, h.description, h.note, h.source_id FROM sector_hs h JOIN sector s ON s.id = h.sector_id
    WHERE lower(s.name) = ? ORDER BY h.hs_code`);
  const codes = (key: string): SectorHsCode[] => {
    const seen = new Map<string, SectorHsCode>();
    for (const r of codesStmt.all(key) as {
      hs_code: string;
      description: string | null;
      note: string | null;
      source_id: string | null;
    }[]) {
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
  // Each HS-6 flow counted once (db/trade/chosen.ts). A chapter is a lookup in the chapter summary
  // (hs_chapter_summary, kept at import time, one sum per source); a heading or an HS-6 code is a
  // short range scan of the natural-key index, which leads with (reporter, partner, product_code).
  // A year only one source gives is that source's sum; the years several sources give are summed
  // over the chosen rows instead, in one ranking for all the sector's codes (the ranking costs more
  // than the sums, so it runs only where needed, and once).
  const chapterStmt = preparedOnce(
    db,
    `SELECT year, value_usd AS v, rows AS n, source_id AS srcs FROM hs_chapter_summary
    WHERE reporter = :reporter AND partner = :partner AND chapter = :code AND year BETWEEN :from AND :to AND flow = 'export'`,
  );
  const plainStmt = preparedOnce(
    db,
    `SELECT year, sum(value_usd) AS v, count(*) AS n, group_concat(DISTINCT source_id) AS srcs FROM trade_flow
    WHERE reporter = :reporter AND partner = :partner AND product_code >= :code AND product_code < :code || ':' AND length(product_code) = 6
      AND year BETWEEN :from AND :to AND month IS NULL AND series = 'primary' AND flow = 'export' GROUP BY year`,
  );
  /** The chosen rows of several code prefixes (disjoint; each a range of the natural-key index), summed by year; one statement per number of prefixes. */
  const chosenStmt = (prefixes: number) =>
    preparedOnce(
      db,
      `SELECT year, sum(value_usd) AS v, count(*) AS n, group_concat(DISTINCT source_id) AS srcs
    FROM (${chosenFlowsSql(`f.id IN (${Array.from(
      { length: prefixes },
      (_, i) => `SELECT id FROM trade_flow WHERE reporter = :reporter
        AND partner = :partner AND product_code >= :c${i} AND product_code < :c${i} || ':' AND year BETWEEN :from AND :to`,
    ).join(' UNION ALL ')})
      AND length(f.product_code) = 6 AND f.month IS NULL AND f.series = 'primary' AND f.flow = 'export'`)})
    GROUP BY year`,
    );
  type YearSum = { year: number; v: number; n: number; srcs: string };
  const values = (hs: readonly string[], span: { from: number; to: number } = { from, to }): SectorHsValue[] => {
    const byYear = new Map<number, { value: number; rows: number; sources: Set<string> }>();
    const add = (r: YearSum): void => {
      const acc = byYear.get(r.year) ?? { value: 0, rows: 0, sources: new Set<string>() };
      acc.value += r.v;
      acc.rows += r.n;
      for (const s of r.srcs.split(',')) acc.sources.add(s);
      byYear.set(r.year, acc);
    };
    const prefixes = disjointPrefixes(hs);
    const sums: YearSum[] = [];
    const several = new Set<number>();
    for (const code of prefixes) {
      const params = { reporter: pair.reporter, partner: pair.partner, code, ...span };
      // The summary has a row per source; a heading's sum lists its sources.
      const rows = (code.length === 2 ? chapterStmt : plainStmt).all(params) as YearSum[];
      const sourcesOf = new Map<number, number>();
      for (const r of rows) sourcesOf.set(r.year, (sourcesOf.get(r.year) ?? 0) + r.srcs.split(',').length);
      for (const r of rows) {
        if (sourcesOf.get(r.year)! > 1) several.add(r.year);
        else sums.push(r);
      }
    }
    for (const r of sums) if (!several.has(r.year)) add(r);
    if (several.size > 0) {
      const params: Record<string, string | number> = {
        reporter: pair.reporter,
        partner: pair.partner,
        from: Math.min(...several),
        to: Math.max(...several),
        ...Object.fromEntries(prefixes.map((c, i) => [`c${i}`, c])),
      };
      for (const r of chosenStmt(prefixes.length).all(params) as YearSum[]) if (several.has(r.year)) add(r);
    }
    const years = [...byYear.keys()].sort((a, b) => a - b);
    return years.map((year) => {
      const acc = byYear.get(year)!;
      const prev = byYear.get(year - 1);
      const total = totalOf(pair.reporter, pair.partner, year, 'export');
      return {
        year,
        value: acc.value,
        rows: acc.rows,
        share: total && total.value > 0 ? acc.value / total.value : null,
        change: prev && prev.value > 0 ? (acc.value - prev.value) / prev.value : null,
        sources: [...acc.sources].map(source),
      };
    });
  };
  // The last year any HS-6 export of the pair is loaded for (the chapter summary holds every such row).
  const lastYear = db
    .prepare(
      `SELECT max(year) FROM hs_chapter_summary
    WHERE reporter = :reporter AND partner = :partner AND flow = 'export' AND year BETWEEN :from AND :to`,
    )
    .pluck();
  // The same for every sector of the pair: read once per view (it walks the pair's whole summary, every chapter and source).
  let last: number | null | undefined;
  /**
   * A sector's latest year with its change on the year before. Usually that is the pair's last year:
   * then only that year and the one before are summed (a tenth of the rows of twenty years); a
   * sector whose data stops earlier is summed over all years.
   */
  const latest = (hs: readonly string[]): SectorHsValue | null => {
    if (last === undefined) last = lastYear.get({ reporter: pair.reporter, partner: pair.partner, from, to }) as number | null;
    if (last === null) return null;
    const recent = values(hs, { from: Math.max(from, last - 1), to: last });
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
  const groups = db
    .prepare(
      `SELECT lower(name) AS key, min(name) AS name, max(description) AS description, json_group_array(id) AS ids FROM sector
    GROUP BY lower(name) ORDER BY lower(name)`,
    )
    .all() as { key: string; name: string; description: string | null; ids: string }[];
  const allFigures = q.figures();
  const sectors: SectorSummary[] = groups.map((g) => {
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
  const rank = (s: SectorSummary): number => (s.priorities.length > 0 ? 0 : s.hasData ? 1 : 2);
  sectors.sort(
    (a, b) => rank(a) - rank(b) || (a.priorities[0]?.position ?? 0) - (b.priorities[0]?.position ?? 0) || a.name.localeCompare(b.name),
  );
  return {
    reporter: economy(pair.reporter),
    partner: economy(pair.partner),
    sectors,
    otherFigures: allFigures.filter((f) => f.sectorName === null),
    method: SECTOR_METHOD,
  };
}

export function sectorDetail(db: Db, input: Pair & { name: string }): SectorDetail {
  const key = input.name.toLowerCase();
  const found = db.prepare('SELECT min(name) FROM sector WHERE lower(name) = ?').pluck().get(key) as string | null;
  if (!found) throw new ApiError('not-found', `No sector named "${input.name}"`);
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
