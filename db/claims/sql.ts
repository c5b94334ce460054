/** The claims checker's reads of SQLite: the claims, and the figures that can answer them. */
import type { Db } from '../database.ts';
import type { ClaimKind, ClaimMeasure } from './contract.ts';

export type Flow = 'export' | 'import';

export interface FlowRow {
  partner: string;
  flow: Flow;
  value_usd: number;
  series: 'primary' | 'crosscheck';
  source_id: string;
  published_value: string | null;
}

export interface ClaimRow {
  id: string;
  statement_id: string;
  kind: ClaimKind;
  reporter: string;
  partner: string;
  year: number;
  /** 1: the source states the year; 0: it is the year of the figures the source cites. */
  year_stated: 0 | 1;
  measure: ClaimMeasure;
  value: number | null;
  value_precision: number | null;
  note: string | null;
  text: string;
  source_id: string;
}

export interface ClaimFilter {
  sourceId?: string | undefined;
  reporter?: string | undefined;
  partner?: string | undefined;
}

/** The claims matching the filter, in the order the statements were loaded. */
export function claimRows(db: Db, filter: ClaimFilter): ClaimRow[] {
  return db
    .prepare(
      `
    SELECT c.id, c.statement_id, c.kind, c.reporter, c.partner, c.year, c.year_stated, c.measure, c.value, c.value_precision, c.note, s.text, s.source_id
    FROM claim c JOIN statement s ON s.id = c.statement_id
    WHERE (:source IS NULL OR s.source_id = :source) AND (:reporter IS NULL OR c.reporter = :reporter) AND (:partner IS NULL OR c.partner = :partner)
    ORDER BY s.rowid, c.position`,
    )
    .all({ source: filter.sourceId ?? null, reporter: filter.reporter ?? null, partner: filter.partner ?? null }) as ClaimRow[];
}

/** The loaded figures a claim can be checked against, each read by one statement prepared once per check. */
export interface ClaimFigures {
  /** A pair's annual total flows in a year, from every source. */
  pairFlows(reporter: string, partner: string, year: number): FlowRow[];
  /** Every country partner's annual total flows of a reporter in a year. */
  countryFlows(reporter: string, year: number): FlowRow[];
  /** Stated totals or balances of the pair in a year, from sources other than the claim's. */
  statedByOthers(
    reporter: string,
    partner: string,
    year: number,
    measure: 'total_trade' | 'balance',
    claimSource: string,
  ): { value_usd: number; source_id: string }[];
}

export function claimFigures(db: Db): ClaimFigures {
  const pairRows = db.prepare(`SELECT f.partner, f.flow, f.value_usd, f.series, f.source_id, s.published_value
      FROM trade_flow f JOIN source s ON s.id = f.source_id
      WHERE f.reporter = ? AND f.partner = ? AND f.product_code = 'TOTAL' AND f.year = ? AND f.month IS NULL AND f.flow IN ('export', 'import')`);
  // Economy first: each country is a short range of the natural-key index (reporter, partner, product_code, year).
  const partnerRows = db.prepare(`SELECT f.partner, f.flow, f.value_usd, f.series, f.source_id, s.published_value
      FROM economy e CROSS JOIN trade_flow f JOIN source s ON s.id = f.source_id
      WHERE e.kind = 'country' AND f.reporter = ? AND f.partner = e.code AND f.product_code = 'TOTAL' AND f.year = ? AND f.month IS NULL
        AND f.flow IN ('export', 'import')`);
  const statedRows = db.prepare(`SELECT value_usd, source_id FROM stated_figure
      WHERE reporter = ? AND partner = ? AND year = ? AND measure = ? AND source_id <> ? ORDER BY source_id`);
  return {
    pairFlows: (reporter, partner, year) => pairRows.all(reporter, partner, year) as FlowRow[],
    countryFlows: (reporter, year) => partnerRows.all(reporter, year) as FlowRow[],
    statedByOthers: (reporter, partner, year, measure, claimSource) =>
      statedRows.all(reporter, partner, year, measure, claimSource) as { value_usd: number; source_id: string }[],
  };
}
