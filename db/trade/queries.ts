import type { Context } from '../context.ts';
import type { Handlers, Result } from '../contract.ts';
import type { Db } from '../open.ts';
import type { DerivedFigure, EconomyRef, SourceRef } from '../shared-types.ts';
import { sourceLookup } from '../sources/queries.ts';
import type { Change, MirrorDirection, MirrorRow, Reconciliation, SeriesValue, SeriesYear, TradeKpi, TradeMirror, TradeSeries } from './contract.ts';

export function economyLookup(db: Db): (code: string) => EconomyRef {
  const stmt = db.prepare('SELECT code, name FROM economy WHERE code = ?');
  const cache = new Map<string, EconomyRef>();
  return (code) => {
    let ref = cache.get(code);
    if (!ref) {
      ref = (stmt.get(code) as EconomyRef | undefined) ?? { code, name: code };
      cache.set(code, ref);
    }
    return ref;
  };
}

/** The economy standing for a reporter's trade with the world (its totals), if the database has one. */
export function worldEconomy(db: Db): string | undefined {
  return db.prepare("SELECT code FROM economy WHERE code IN ('WLD', 'W00') OR (kind = 'group' AND lower(name) = 'world') ORDER BY code = 'WLD' DESC LIMIT 1")
    .pluck().get() as string | undefined;
}

interface StatedRow {
  reporter: string;
  partner: string;
  year: number;
  measure: 'total_trade' | 'balance';
  stated: number;
  exports: number | null;
  imports: number | null;
  source_id: string;
  note: string | null;
}

interface DisagreeRow {
  reporter: string;
  partner: string;
  year: number;
  flow: 'export' | 'import' | 're-export' | 're-import';
  values: string;
}

export function reconcile(db: Db, filter: { reporter?: string | undefined; partner?: string | undefined; tolerance: number }): Reconciliation[] {
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const out: Reconciliation[] = [];
  const where = 'WHERE (:reporter IS NULL OR s.reporter = :reporter) AND (:partner IS NULL OR s.partner = :partner)';
  const params = { reporter: filter.reporter ?? null, partner: filter.partner ?? null };

  // Stated aggregates against their parts from the same source.
  const stated = db.prepare(`
    SELECT s.reporter, s.partner, s.year, s.measure, s.value_usd AS stated, s.source_id, s.note,
      (SELECT sum(value_usd) FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year
         AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow = 'export' AND f.source_id = s.source_id) AS exports,
      (SELECT sum(value_usd) FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year
         AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow = 'import' AND f.source_id = s.source_id) AS imports
    FROM stated_figure s ${where} ORDER BY s.year, s.reporter, s.partner`).all(params) as StatedRow[];
  for (const row of stated) {
    if (row.exports === null || row.imports === null) continue;
    const computed = row.measure === 'total_trade' ? row.exports + row.imports : row.exports - row.imports;
    const difference = row.stated - computed;
    const relative = row.stated === 0 ? 0 : Math.abs(difference / row.stated);
    if (Math.abs(difference) < 0.5 || relative <= filter.tolerance) continue;
    out.push({
      kind: 'stated-vs-parts',
      reporter: economy(row.reporter),
      partner: economy(row.partner),
      year: row.year,
      measure: row.measure,
      stated: row.stated,
      computed,
      difference,
      relative,
      formula: row.measure === 'total_trade' ? 'exports + imports' : 'exports − imports',
      source: source(row.source_id),
      note: row.note,
    });
  }

  // The same annual total flow reported by several sources with different values.
  const disagree = db.prepare(`
    SELECT s.reporter, s.partner, s.year, s.flow, json_group_array(json_object('value', s.value_usd, 'source', s.source_id)) AS "values"
    FROM trade_flow s ${where} AND s.month IS NULL AND s.product_code = 'TOTAL'
    GROUP BY s.reporter, s.partner, s.year, s.flow
    HAVING count(DISTINCT s.source_id) > 1 AND max(s.value_usd) - min(s.value_usd) >= 0.5
    ORDER BY s.year, s.reporter, s.partner, s.flow`).all(params) as DisagreeRow[];
  for (const row of disagree) {
    const values = (JSON.parse(row.values) as { value: number; source: string }[])
      .map((v) => ({ value: v.value, source: source(v.source) }))
      .sort((a, b) => b.value - a.value || a.source.label.localeCompare(b.source.label));
    const max = values[0]?.value ?? 0;
    const min = values[values.length - 1]?.value ?? 0;
    const relative = max === 0 ? 0 : (max - min) / max;
    if (relative <= filter.tolerance) continue;
    out.push({ kind: 'sources-disagree', reporter: economy(row.reporter), partner: economy(row.partner), year: row.year, flow: row.flow, values, difference: max - min, relative });
  }
  return out;
}

export function tradeHandlers(ctx: Context): Pick<Handlers, 'listEconomies' | 'reconciliation'> {
  return {
    listEconomies: () =>
      ctx.db.prepare('SELECT code, name, kind, parent_code AS parentCode FROM economy ORDER BY kind, name').all() as {
        code: string; name: string; kind: string; parentCode: string | null;
      }[],
    reconciliation: (input) => reconcile(ctx.db, input),
  };
}

// ---- Dashboards (issue 3): series by year, KPI tiles, mirror statistics. ----

interface PickRow {
  year: number;
  flow: 'export' | 'import';
  value_usd: number;
  series: 'primary' | 'crosscheck';
  source_id: string;
  note: string | null;
  n: number;
}

export const SERIES_RULE =
  'One value per year and flow: the primary series first; then a source that gives both flows of that year; then the most recently published source.';

/** Annual TOTAL flows of one pair, one chosen row per year and flow (see SERIES_RULE). */
const PICK_SQL = `
  WITH cand AS (
    SELECT f.year, f.flow, f.value_usd, f.series, f.source_id, f.note, s.published_value,
      (SELECT count(DISTINCT g.flow) FROM trade_flow g
        WHERE g.reporter = f.reporter AND g.partner = f.partner AND g.product_code = 'TOTAL' AND g.year = f.year
          AND g.flow IN ('export', 'import') AND g.month IS NULL AND g.source_id = f.source_id) AS both_flows
    FROM trade_flow f JOIN source s ON s.id = f.source_id
    WHERE f.reporter = :reporter AND f.partner = :partner AND f.product_code = 'TOTAL'
      AND f.year BETWEEN :from AND :to AND f.flow IN ('export', 'import') AND f.month IS NULL
  ), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY year, flow
                ORDER BY series = 'primary' DESC, both_flows DESC, published_value IS NULL, published_value DESC, source_id) AS rk,
           count(*) OVER (PARTITION BY year, flow) AS n
    FROM cand
  )
  SELECT year, flow, value_usd, series, source_id, note, n FROM ranked WHERE rk = 1 ORDER BY year, flow`;

interface PairFilter {
  reporter: string;
  partner: string;
  from?: number | undefined;
  to?: number | undefined;
}

function yearSpan(db: Db, reporter: string, partner: string): { first: number | null; last: number | null } {
  const row = db.prepare(`SELECT min(year) AS first, max(year) AS last FROM trade_flow
    WHERE reporter = ? AND partner = ? AND product_code = 'TOTAL' AND flow IN ('export', 'import') AND month IS NULL`)
    .get(reporter, partner) as { first: number | null; last: number | null };
  return row;
}

export function tradeSeries(db: Db, filter: PairFilter): TradeSeries {
  const economy = economyLookup(db);
  const source = sourceLookup(db);
  const span = yearSpan(db, filter.reporter, filter.partner);
  const from = filter.from ?? span.first;
  const to = filter.to ?? span.last;
  const base = { reporter: economy(filter.reporter), partner: economy(filter.partner), rule: SERIES_RULE };
  if (from === null || to === null || from > to) return { ...base, years: [], from: filter.from ?? null, to: filter.to ?? null, sources: [] };
  const rows = db.prepare(PICK_SQL).all({ reporter: filter.reporter, partner: filter.partner, from, to }) as PickRow[];
  const byYear = new Map<number, SeriesYear>();
  const used = new Map<string, SourceRef>();
  for (let y = from; y <= to; y++) byYear.set(y, { year: y, exports: null, imports: null, balance: null, total: null });
  for (const r of rows) {
    const point = byYear.get(r.year);
    if (!point) continue;
    const src = source(r.source_id);
    used.set(src.id, src);
    const value: SeriesValue = { value: r.value_usd, series: r.series, source: src, note: r.note, alternatives: r.n - 1 };
    if (r.flow === 'export') point.exports = value;
    else point.imports = value;
  }
  for (const p of byYear.values()) {
    if (p.exports && p.imports) {
      p.balance = p.exports.value - p.imports.value;
      p.total = p.exports.value + p.imports.value;
    }
  }
  return { ...base, years: [...byYear.values()], from, to, sources: [...used.values()] };
}

function change(now: number | null | undefined, before: number | null | undefined): Change | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  return { absolute: now - before, relative: before === 0 ? null : (now - before) / Math.abs(before) };
}

export function tradeKpi(db: Db, filter: PairFilter): TradeKpi {
  const series = tradeSeries(db, filter);
  const withData = series.years.filter((y) => y.exports || y.imports);
  const latest = withData[withData.length - 1];
  const base = { reporter: series.reporter, partner: series.partner };
  const empty = { exports: null, imports: null, balance: null, total: null };
  if (!latest) {
    return { ...base, year: null, previousYear: null, ...empty, statedTotal: null, change: { ...empty }, share: null,
      notes: [`No annual trade between ${series.reporter.name} and ${series.partner.name} is reported for these years.`] };
  }
  const notes: string[] = [];
  const prevSeries = tradeSeries(db, { reporter: filter.reporter, partner: filter.partner, from: latest.year - 1, to: latest.year - 1 });
  const prev = prevSeries.years[0] ?? null;
  const srcs = (...vs: (SeriesValue | null)[]): SourceRef[] => [...new Map(vs.filter((v): v is SeriesValue => v !== null).map((v) => [v.source.id, v.source])).values()];
  const balance: DerivedFigure | null = latest.balance === null ? null
    : { value: latest.balance, unit: 'USD', formula: 'exports − imports', sources: srcs(latest.exports, latest.imports) };
  const total: DerivedFigure | null = latest.total === null ? null
    : { value: latest.total, unit: 'USD', formula: 'exports + imports', sources: srcs(latest.exports, latest.imports) };
  if (!latest.exports) notes.push(`${series.reporter.name}'s exports to ${series.partner.name} for ${latest.year} are not reported.`);
  if (!latest.imports) notes.push(`${series.reporter.name}'s imports from ${series.partner.name} for ${latest.year} are not reported, so balance and total are not shown.`);
  if (!prev || (!prev.exports && !prev.imports)) notes.push(`No figures for ${latest.year - 1}: no change on the year before.`);
  const stated = db.prepare(`SELECT value_usd, source_id, note FROM stated_figure WHERE reporter = ? AND partner = ? AND year = ? AND measure = 'total_trade'
    ORDER BY source_id LIMIT 1`).get(filter.reporter, filter.partner, latest.year) as { value_usd: number; source_id: string; note: string | null } | undefined;
  const source = sourceLookup(db);
  // Share of the reporter's total trade: only from a loaded figure of its trade with the world.
  let share: TradeKpi['share'] = null;
  const world = worldEconomy(db);
  if (world && total) {
    const w = tradeSeries(db, { reporter: filter.reporter, partner: world, from: latest.year, to: latest.year }).years[0];
    if (w?.total) {
      share = { value: total.value / w.total, ofTotal: { value: w.total, unit: 'USD', formula: `${series.reporter.name}'s exports + imports with the world`,
        sources: srcs(w.exports, w.imports) } };
    }
  }
  if (!share) notes.push(`Share of ${series.reporter.name}'s total trade: not known (${total ? `no figure of ${series.reporter.name}'s trade with the world for ${latest.year} is loaded` : 'the total for the year is incomplete'}).`);
  return {
    ...base,
    year: latest.year,
    previousYear: latest.year - 1,
    exports: latest.exports,
    imports: latest.imports,
    balance,
    total,
    statedTotal: stated ? { value: stated.value_usd, unit: 'USD', source: source(stated.source_id), note: stated.note } : null,
    change: {
      exports: change(latest.exports?.value, prev?.exports?.value),
      imports: change(latest.imports?.value, prev?.imports?.value),
      balance: change(latest.balance, prev?.balance),
      total: change(latest.total, prev?.total),
    },
    share,
    notes,
  };
}

export const MIRROR_EXPLANATION = [
  'Valuation: exporters record goods free on board (FOB); importers record them with cost, insurance and freight (CIF), so imports normally read a few per cent higher.',
  'Re-exports: goods shipped via Hong Kong or a third country are counted by the importer under the country of origin, but the exporter may record the transit country as destination.',
  'Timing and revisions: goods shipped in December may arrive in January; preliminary and revised figures, and different exchange-rate dates, also differ.',
];

/** One direction of trade as both sides report it: the exporter's exports beside the importer's imports. */
function mirrorDirection(ex: TradeSeries, im: TradeSeries): MirrorDirection {
  const years = new Map<number, MirrorRow>();
  const row = (year: number): MirrorRow => {
    let r = years.get(year);
    if (!r) { r = { year, exporterReport: null, importerReport: null, gap: null, gapRelative: null }; years.set(year, r); }
    return r;
  };
  for (const y of ex.years) if (y.exports) row(y.year).exporterReport = { value: y.exports.value, source: y.exports.source };
  for (const y of im.years) if (y.imports) row(y.year).importerReport = { value: y.imports.value, source: y.imports.source };
  for (const r of years.values()) {
    if (r.exporterReport && r.importerReport) {
      r.gap = r.importerReport.value - r.exporterReport.value;
      r.gapRelative = r.exporterReport.value === 0 ? null : r.gap / r.exporterReport.value;
    }
  }
  return { exporter: ex.reporter, importer: ex.partner, rows: [...years.values()].sort((a, b) => a.year - b.year) };
}

export function tradeMirror(db: Db, filter: PairFilter): TradeMirror {
  // Each side's series once: A's report gives A's exports and imports, B's report B's.
  const a = tradeSeries(db, { reporter: filter.reporter, partner: filter.partner, from: filter.from, to: filter.to });
  const b = tradeSeries(db, { reporter: filter.partner, partner: filter.reporter, from: filter.from, to: filter.to });
  return { directions: [mirrorDirection(a, b), mirrorDirection(b, a)], explanation: MIRROR_EXPLANATION };
}

export function tradePairs(db: Db): Result<'tradePairs'> {
  const economy = economyLookup(db);
  const rows = db.prepare(`SELECT reporter, partner, min(year) AS first, max(year) AS last, count(*) AS n FROM trade_flow
    WHERE product_code = 'TOTAL' AND month IS NULL AND flow IN ('export', 'import')
    GROUP BY reporter, partner ORDER BY n DESC, reporter, partner`).all() as { reporter: string; partner: string; first: number; last: number; n: number }[];
  return rows.map((r) => ({ reporter: economy(r.reporter), partner: economy(r.partner), firstYear: r.first, lastYear: r.last, flows: r.n }));
}

export function tradeDashboardHandlers(ctx: Context): Pick<Handlers, 'tradeSeries' | 'tradeKpi' | 'tradeMirror' | 'tradePairs'> {
  return {
    tradeSeries: (input) => tradeSeries(ctx.db, input),
    tradeKpi: (input) => tradeKpi(ctx.db, input),
    tradeMirror: (input) => tradeMirror(ctx.db, input),
    tradePairs: () => tradePairs(ctx.db),
  };
}
