import type { Context } from '../context.ts';
import type { Handlers, Result } from '../contract.ts';
import type { Db } from '../open.ts';
import type { DerivedFigure, EconomyRef, SourceRef } from '../shared-types.ts';
import { sourceLookup } from '../sources/queries.ts';
import { ApiError } from '../common/errors.ts';
import type { Flow } from '../common/vocabulary.ts';
import { CHOICE_RULE, chosenFlowsSql, getPreferredSource, preparedOnce, setPreferredSource } from './chosen.ts';
import type {
  Change,
  MirrorDirection,
  MonthPoint,
  MonthValue,
  PreferredSources,
  TradeMonthly,
  MirrorRow,
  MirrorSide,
  Reconciliation,
  SeriesValue,
  SeriesYear,
  TradeKpi,
  TradeMirror,
  TradeSeries,
} from './contract.ts';

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
  return db
    .prepare(
      "SELECT code FROM economy WHERE code IN ('WLD', 'W00') OR (kind = 'group' AND lower(name) = 'world') ORDER BY code = 'WLD' DESC LIMIT 1",
    )
    .pluck()
    .get() as string | undefined;
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
  month: number | null;
  flow: Flow;
  values: string;
}

export function reconcile(
  db: Db,
  filter: { reporter?: string | undefined; partner?: string | undefined; tolerance: number },
): Reconciliation[] {
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const out: Reconciliation[] = [];
  const where = 'WHERE (:reporter IS NULL OR s.reporter = :reporter) AND (:partner IS NULL OR s.partner = :partner)';
  const params = { reporter: filter.reporter ?? null, partner: filter.partner ?? null };

  // Stated aggregates against their parts from the same source.
  const stated = db
    .prepare(
      `
    SELECT s.reporter, s.partner, s.year, s.measure, s.value_usd AS stated, s.source_id, s.note,
      (SELECT sum(value_usd) FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year
         AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow = 'export' AND f.source_id = s.source_id) AS exports,
      (SELECT sum(value_usd) FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year
         AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow = 'import' AND f.source_id = s.source_id) AS imports
    FROM stated_figure s ${where} ORDER BY s.year, s.reporter, s.partner`,
    )
    .all(params) as StatedRow[];
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

  // The same total flow (a year's, or a month's) reported by several sources with different values,
  // with the one the dashboards use (db/trade/chosen.ts).
  const disagreeSql = (month: string): string => `
    SELECT s.reporter, s.partner, s.year, s.month, s.flow, json_group_array(json_object('value', s.value_usd, 'source', s.source_id)) AS "values"
    FROM trade_flow s ${where} AND ${month} AND s.product_code = 'TOTAL'
    GROUP BY s.reporter, s.partner, s.year, s.month, s.flow
    HAVING count(DISTINCT s.source_id) > 1 AND max(s.value_usd) - min(s.value_usd) >= 0.5
    ORDER BY s.year, s.reporter, s.partner, s.flow`;
  const disagree = [
    ...(db.prepare(disagreeSql('s.month IS NULL')).all(params) as DisagreeRow[]),
    ...(db.prepare(disagreeSql('s.month IS NOT NULL')).all(params) as DisagreeRow[]),
  ];
  // The chosen totals of each pair with a disagreement, in one query per pair.
  const chosenStmt = preparedOnce(
    db,
    `SELECT year, month, flow, source_id FROM (${chosenFlowsSql(
      "f.reporter = :reporter AND f.partner = :partner AND f.product_code = 'TOTAL'",
    )})`,
  );
  const chosenByPair = new Map<string, Map<string, string>>();
  const usedSource = (row: DisagreeRow): string | undefined => {
    const pairKey = `${row.reporter}|${row.partner}`;
    let chosen = chosenByPair.get(pairKey);
    if (!chosen) {
      chosen = new Map();
      for (const c of chosenStmt.all({ reporter: row.reporter, partner: row.partner }) as {
        year: number;
        month: number | null;
        flow: string;
        source_id: string;
      }[]) {
        chosen.set(`${c.year}|${c.month ?? 0}|${c.flow}`, c.source_id);
      }
      chosenByPair.set(pairKey, chosen);
    }
    return chosen.get(`${row.year}|${row.month ?? 0}|${row.flow}`);
  };
  for (const row of disagree) {
    const used = usedSource(row);
    const values = (JSON.parse(row.values) as { value: number; source: string }[])
      .map((v) => ({ value: v.value, source: source(v.source) }))
      .sort((a, b) => b.value - a.value || a.source.label.localeCompare(b.source.label));
    const max = values[0]?.value ?? 0;
    const min = values[values.length - 1]?.value ?? 0;
    const relative = max === 0 ? 0 : (max - min) / max;
    if (relative <= filter.tolerance) continue;
    out.push({
      kind: 'sources-disagree',
      reporter: economy(row.reporter),
      partner: economy(row.partner),
      year: row.year,
      month: row.month,
      flow: row.flow,
      values,
      used: used === undefined ? null : source(used),
      difference: max - min,
      relative,
    });
  }
  return out;
}

export function preferredSources(db: Db, pair: { reporter?: string | undefined; partner?: string | undefined }): PreferredSources {
  const source = sourceLookup(db);
  const scope = pair.reporter !== undefined && pair.partner !== undefined ? { reporter: pair.reporter, partner: pair.partner } : undefined;
  // A preference may name a source removed since (an undone import): it then decides nothing, and is shown as none.
  const exists = db.prepare('SELECT 1 FROM source WHERE id = ?').pluck();
  const ref = (id: string | null): SourceRef | null => (id !== null && exists.get(id) !== undefined ? source(id) : null);
  return { pair: scope ? ref(getPreferredSource(db, scope)) : null, global: ref(getPreferredSource(db)), rule: CHOICE_RULE };
}

export function tradeHandlers(ctx: Context): Pick<Handlers, 'listEconomies' | 'reconciliation' | 'preferredSource' | 'setPreferredSource'> {
  return {
    preferredSource: (input) => preferredSources(ctx.db, input),
    setPreferredSource: (input) => {
      const { db } = ctx;
      if (input.sourceId !== null && db.prepare('SELECT 1 FROM source WHERE id = ?').get(input.sourceId) === undefined) {
        throw new ApiError('invalid-input', `No source with id ${input.sourceId}.`, {
          issues: [{ path: 'sourceId', message: 'no such source' }],
        });
      }
      const scope =
        input.reporter !== undefined && input.partner !== undefined ? { reporter: input.reporter, partner: input.partner } : undefined;
      setPreferredSource(db, input.sourceId, scope);
      return preferredSources(db, input);
    },
    listEconomies: () =>
      ctx.db.prepare('SELECT code, name, kind, parent_code AS parentCode FROM economy ORDER BY kind, name').all() as {
        code: string;
        name: string;
        kind: string;
        parentCode: string | null;
      }[],
    reconciliation: (input) => reconcile(ctx.db, input),
  };
}

// ---- Dashboards (issue 3): series by year, KPI tiles, mirror statistics. ----

interface ChosenRow {
  year: number;
  month: number | null;
  flow: 'export' | 'import';
  value_usd: number;
  series: 'primary' | 'crosscheck';
  source_id: string;
  note: string | null;
  alternatives: number;
}

export const SERIES_RULE =
  `One value per year and flow: the year's annual figure, else the sum of its twelve monthly figures (labelled "sum of 12 months"); ` +
  `fewer months are a partial year, labelled with the months they cover. ${CHOICE_RULE}`;

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Jan–Jul only", "Jan–Mar, May only": the months a partial year covers. */
export function partialYearLabel(months: readonly number[]): string {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  const runs: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    const first = MONTH_NAMES[sorted[i]! - 1]!;
    runs.push(j === i ? first : `${first}–${MONTH_NAMES[sorted[j]! - 1]!}`);
    i = j + 1;
  }
  return `${runs.join(', ')} only`;
}

export const SUM_OF_12_MONTHS = 'sum of 12 months';

/** The chosen annual TOTAL rows and monthly TOTAL rows of one pair (see db/trade/chosen.ts). */
const PAIR_TOTALS_SQL = `SELECT year, month, flow, value_usd, series, source_id, note, alternatives FROM (${chosenFlowsSql(
  "f.reporter = :reporter AND f.partner = :partner AND f.product_code = 'TOTAL' AND f.year BETWEEN :from AND :to",
)})
  WHERE flow IN ('export', 'import') ORDER BY year, flow, month`;

/** A year's value of one flow: its annual row, else the sum of its months (all twelve, or a labelled partial year). */
function yearValue(rows: ChosenRow[], source: (id: string) => SourceRef): SeriesValue {
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
    months,
  };
}

/** Two values cover the same period: both a whole year, or the same months of a partial year. */
export function samePeriod(a: SeriesValue, b: SeriesValue): boolean {
  if (a.basis !== 'partial-year' && b.basis !== 'partial-year') return true;
  return a.basis === b.basis && a.periodNote === b.periodNote;
}

interface PairFilter {
  reporter: string;
  partner: string;
  from?: number | undefined;
  to?: number | undefined;
}

function yearSpan(db: Db, reporter: string, partner: string): { first: number | null; last: number | null } {
  const row = db
    .prepare(
      `SELECT min(year) AS first, max(year) AS last FROM trade_flow
    WHERE reporter = ? AND partner = ? AND product_code = 'TOTAL' AND flow IN ('export', 'import')`,
    )
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
  if (from === null || to === null || from > to)
    return { ...base, years: [], from: filter.from ?? null, to: filter.to ?? null, sources: [] };
  const rows = preparedOnce(db, PAIR_TOTALS_SQL).all({ reporter: filter.reporter, partner: filter.partner, from, to }) as ChosenRow[];
  const byYear = new Map<number, SeriesYear>();
  const used = new Map<string, SourceRef>();
  for (let y = from; y <= to; y++) byYear.set(y, { year: y, exports: null, imports: null, balance: null, total: null, periodNote: null });
  const groups = new Map<string, ChosenRow[]>();
  for (const r of rows) {
    const k = `${r.year}|${r.flow}`;
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  for (const list of groups.values()) {
    const first = list[0]!;
    const point = byYear.get(first.year);
    if (!point) continue;
    const value = yearValue(list, source);
    for (const s of value.sources) used.set(s.id, s);
    if (first.flow === 'export') point.exports = value;
    else point.imports = value;
  }
  for (const p of byYear.values()) {
    if (p.exports && p.imports && samePeriod(p.exports, p.imports)) {
      p.balance = p.exports.value - p.imports.value;
      p.total = p.exports.value + p.imports.value;
      p.periodNote = p.exports.basis === 'partial-year' ? p.exports.periodNote : null;
    }
  }
  return { ...base, years: [...byYear.values()], from, to, sources: [...used.values()] };
}

function change(now: number | null | undefined, before: number | null | undefined): Change | null {
  if (now === null || now === undefined || before === null || before === undefined) return null;
  return { absolute: now - before, relative: before === 0 ? null : (now - before) / Math.abs(before) };
}

/** A flow's change on the year before, only between two whole years (a partial year is never compared with a whole one). */
function flowChange(now: SeriesValue | null, before: SeriesValue | null | undefined): Change | null {
  if (!now || !before || now.basis === 'partial-year' || before.basis === 'partial-year') return null;
  return change(now.value, before.value);
}

/** `series`: the pair's series over the same filter, when the caller has it already. */
export function tradeKpi(db: Db, filter: PairFilter, series: TradeSeries = tradeSeries(db, filter)): TradeKpi {
  const withData = series.years.filter((y) => y.exports || y.imports);
  const latest = withData[withData.length - 1];
  const base = { reporter: series.reporter, partner: series.partner };
  const empty = { exports: null, imports: null, balance: null, total: null };
  if (!latest) {
    return {
      ...base,
      year: null,
      previousYear: null,
      ...empty,
      statedTotal: null,
      change: { ...empty },
      share: null,
      notes: [`No annual trade between ${series.reporter.name} and ${series.partner.name} is reported for these years.`],
      periodNote: null,
    };
  }
  const notes: string[] = [];
  const prev =
    series.years.find((y) => y.year === latest.year - 1) ??
    tradeSeries(db, { reporter: filter.reporter, partner: filter.partner, from: latest.year - 1, to: latest.year - 1 }).years[0] ??
    null;
  const srcsOf = (...vs: (SeriesValue | null)[]): SourceRef[] => [
    ...new Map(
      vs
        .filter((v): v is SeriesValue => v !== null)
        .flatMap((v) => v.sources)
        .map((s) => [s.id, s]),
    ).values(),
  ];
  const balance: DerivedFigure | null =
    latest.balance === null
      ? null
      : { value: latest.balance, unit: 'USD', formula: 'exports − imports', sources: srcsOf(latest.exports, latest.imports) };
  const total: DerivedFigure | null =
    latest.total === null
      ? null
      : { value: latest.total, unit: 'USD', formula: 'exports + imports', sources: srcsOf(latest.exports, latest.imports) };
  if (!latest.exports) notes.push(`${series.reporter.name}'s exports to ${series.partner.name} for ${latest.year} are not reported.`);
  if (!latest.imports)
    notes.push(
      `${series.reporter.name}'s imports from ${series.partner.name} for ${latest.year} are not reported, so balance and total are not shown.`,
    );
  if (!prev || (!prev.exports && !prev.imports)) notes.push(`No figures for ${latest.year - 1}: no change on the year before.`);
  for (const [name, v] of [
    ['exports', latest.exports],
    ['imports', latest.imports],
  ] as const) {
    if (v?.basis === 'partial-year')
      notes.push(`${latest.year} ${name} are a partial year (${v.periodNote}): no change on the year before.`);
  }
  if (latest.exports && latest.imports && latest.balance === null) {
    notes.push(`${latest.year}'s exports and imports cover different months, so balance and total are not shown.`);
  }
  const stated = db
    .prepare(
      `SELECT value_usd, source_id, note FROM stated_figure WHERE reporter = ? AND partner = ? AND year = ? AND measure = 'total_trade'
    ORDER BY source_id LIMIT 1`,
    )
    .get(filter.reporter, filter.partner, latest.year) as { value_usd: number; source_id: string; note: string | null } | undefined;
  const source = sourceLookup(db);
  // Share of the reporter's total trade: only from a loaded figure of its trade with the world.
  let share: TradeKpi['share'] = null;
  const world = worldEconomy(db);
  if (world && total) {
    const w = tradeSeries(db, { reporter: filter.reporter, partner: world, from: latest.year, to: latest.year }).years[0];
    if (w?.total) {
      share = {
        value: total.value / w.total,
        ofTotal: {
          value: w.total,
          unit: 'USD',
          formula: `${series.reporter.name}'s exports + imports with the world`,
          sources: srcsOf(w.exports, w.imports),
        },
      };
    }
  }
  if (!share)
    notes.push(
      `Share of ${series.reporter.name}'s total trade: not known (${total ? `no figure of ${series.reporter.name}'s trade with the world for ${latest.year} is loaded` : 'the total for the year is incomplete'}).`,
    );
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
      exports: flowChange(latest.exports, prev?.exports),
      imports: flowChange(latest.imports, prev?.imports),
      balance: latest.periodNote === null && prev?.periodNote === null ? change(latest.balance, prev.balance) : null,
      total: latest.periodNote === null && prev?.periodNote === null ? change(latest.total, prev.total) : null,
    },
    share,
    notes,
    periodNote: latest.periodNote,
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
    if (!r) {
      r = { year, exporterReport: null, importerReport: null, gap: null, gapRelative: null };
      years.set(year, r);
    }
    return r;
  };
  for (const y of ex.years)
    if (y.exports) row(y.year).exporterReport = { value: y.exports.value, source: y.exports.source, periodNote: y.exports.periodNote };
  for (const y of im.years)
    if (y.imports) row(y.year).importerReport = { value: y.imports.value, source: y.imports.source, periodNote: y.imports.periodNote };
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

/** `a` and `b`: each side's series over the filter's years (A's report gives A's exports and imports, B's report B's), when the caller has them. */
export function tradeMirror(
  db: Db,
  filter: PairFilter,
  a: TradeSeries = tradeSeries(db, { reporter: filter.reporter, partner: filter.partner, from: filter.from, to: filter.to }),
  b: TradeSeries = tradeSeries(db, { reporter: filter.partner, partner: filter.reporter, from: filter.from, to: filter.to }),
): TradeMirror {
  return { directions: [mirrorDirection(a, b), mirrorDirection(b, a)], explanation: MIRROR_EXPLANATION };
}

/** A chosen monthly row: always has its month. */
type MonthRow = ChosenRow & { month: number };

/** Monthly TOTAL flows of one pair (the partial index trade_flow_monthly_totals finds them), one chosen row per month and flow. */
const MONTHLY_SQL = `SELECT year, month, flow, value_usd, series, source_id, note, alternatives FROM (${chosenFlowsSql(
  "f.reporter = :reporter AND f.partner = :partner AND f.product_code = 'TOTAL' AND f.month IS NOT NULL AND f.year BETWEEN :from AND :to",
)})
  WHERE flow IN ('export', 'import') ORDER BY year, month, flow`;

export function tradeMonthly(db: Db, filter: PairFilter): TradeMonthly {
  const economy = economyLookup(db);
  const source = sourceLookup(db);
  const rows = preparedOnce(db, MONTHLY_SQL).all({
    reporter: filter.reporter,
    partner: filter.partner,
    from: filter.from ?? 1900,
    to: filter.to ?? 2100,
  }) as MonthRow[];
  const base = { reporter: economy(filter.reporter), partner: economy(filter.partner), rule: SERIES_RULE };
  const first = rows[0];
  const last = rows[rows.length - 1];
  if (!first || !last) return { ...base, months: [], years: [], sources: [] };
  const index = (y: number, m: number): number => y * 12 + m - 1;
  const months: MonthPoint[] = [];
  for (let i = index(first.year, first.month); i <= index(last.year, last.month); i++) {
    months.push({ year: Math.floor(i / 12), month: (i % 12) + 1, exports: null, imports: null, balance: null });
  }
  const used = new Map<string, SourceRef>();
  const start = index(first.year, first.month);
  for (const r of rows) {
    const point = months[index(r.year, r.month) - start]!;
    const src = source(r.source_id);
    used.set(src.id, src);
    const value: MonthValue = { value: r.value_usd, series: r.series, source: src, note: r.note, alternatives: r.alternatives };
    if (r.flow === 'export') point.exports = value;
    else point.imports = value;
  }
  for (const p of months) if (p.exports && p.imports) p.balance = p.exports.value - p.imports.value;
  const withMonths = new Set(rows.map((r) => r.year));
  const years = tradeSeries(db, { reporter: filter.reporter, partner: filter.partner, from: first.year, to: last.year }).years.filter((y) =>
    withMonths.has(y.year),
  );
  return { ...base, months, years, sources: [...used.values()] };
}

export function tradePairs(db: Db): Result<'tradePairs'> {
  const economy = economyLookup(db);
  // A (year, flow) counts once, however many sources or months give it. The first pair is what a dashboard
  // opens on: the pairs the loaded briefings are about (the most sources) come first, then the largest (the
  // trade of their latest year with both flows reported for the whole year), groups such as the World last.
  const rows = db
    .prepare(
      `SELECT p.reporter, p.partner, p.first, p.last, p.n,
      -- the sources of the pair's totals (a short range of the totals indexes, never the HS detail)
      (SELECT count(DISTINCT s.source_id) FROM trade_flow s WHERE s.reporter = p.reporter AND s.partner = p.partner
         AND s.product_code = 'TOTAL' AND s.flow IN ('export', 'import')) AS sources,
      (SELECT sum(v) FROM (SELECT max(g.value_usd) AS v FROM trade_flow g
         WHERE g.reporter = p.reporter AND g.partner = p.partner AND g.product_code = 'TOTAL' AND g.month IS NULL
           AND g.year = p.last_annual AND g.flow IN ('export', 'import') GROUP BY g.flow)) AS size
    FROM (SELECT reporter, partner, min(year) AS first, max(year) AS last, count(*) AS n,
        (SELECT max(b.year) FROM trade_flow b WHERE b.reporter = q.reporter AND b.partner = q.partner AND b.product_code = 'TOTAL'
           AND b.month IS NULL AND b.flow = 'export' AND EXISTS (SELECT 1 FROM trade_flow c WHERE c.reporter = b.reporter AND c.partner = b.partner
           AND c.product_code = 'TOTAL' AND c.month IS NULL AND c.flow = 'import' AND c.year = b.year)) AS last_annual FROM (
        SELECT reporter, partner, year, flow FROM trade_flow WHERE product_code = 'TOTAL' AND month IS NULL AND flow IN ('export', 'import')
        UNION
        SELECT reporter, partner, year, flow FROM trade_flow WHERE product_code = 'TOTAL' AND month IS NOT NULL AND flow IN ('export', 'import')) q
      GROUP BY reporter, partner) p
    LEFT JOIN economy e ON e.code = p.partner
    ORDER BY e.kind = 'group', sources DESC, size IS NULL, size DESC, p.n DESC, p.reporter, p.partner`,
    )
    .all() as { reporter: string; partner: string; first: number; last: number; n: number }[];
  return rows.map((r) => ({
    reporter: economy(r.reporter),
    partner: economy(r.partner),
    firstYear: r.first,
    lastYear: r.last,
    flows: r.n,
  }));
}

export function tradeDashboardHandlers(
  ctx: Context,
): Pick<Handlers, 'tradeSeries' | 'tradeMonthly' | 'tradeKpi' | 'tradeMirror' | 'tradePairs'> {
  return {
    tradeSeries: (input) => tradeSeries(ctx.db, input),
    tradeMonthly: (input) => tradeMonthly(ctx.db, input),
    tradeKpi: (input) => tradeKpi(ctx.db, input),
    tradeMirror: (input) => tradeMirror(ctx.db, input),
    tradePairs: () => tradePairs(ctx.db),
  };
}
