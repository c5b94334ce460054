/**
 * Each flow counted once: when several sources give the same flow (reporter, partner, product,
 * year, month, flow), every dashboard, sector figure, export and briefing uses ONE of them, picked
 * here, by this rule (in order; the first that tells them apart decides):
 *
 *   1. the source the user prefers for this reporter and partner (setting `trade.preferredSource.<R>.<P>`);
 *   2. the source the user prefers everywhere (setting `trade.preferredSource`);
 *   3. the primary series before a crosscheck (a pack marks the figures it keeps only for comparison);
 *   4. a source that gives both exports and imports of the same product and period before one that
 *      gives only one of them (so a balance is never one source's exports minus another's imports);
 *   5. an imported file before a pack or hand-entered figure, the newest import first;
 *   6. the most recently published source, then the source label and id (so the pick depends neither on row order nor on the ids a pack round trip gives).
 *
 * The other sources stay in the database and are listed as "sources that disagree" (reconciliation).
 * `chosenFlowsSql` is the one SQL building block every reader of trade figures goes through.
 */
import type { Statement } from 'better-sqlite3';
import type { Db } from '../open.ts';
import { codeOf, said } from '../common/core-messages.ts';

/** The rule in words (db/common/core-messages.ts ruleChoice): in English, and coded for the page's language. */
export const CHOICE_RULE_TEXT = codeOf(said('ruleChoice'));
export const CHOICE_RULE = said('ruleChoice').message;

export const PREFERRED_SOURCE_KEY = 'trade.preferredSource';

export function preferredSourceKey(pair?: { reporter: string; partner: string }): string {
  return pair ? `${PREFERRED_SOURCE_KEY}.${pair.reporter}.${pair.partner}` : PREFERRED_SOURCE_KEY;
}

/**
 * The trade_flow rows matching `where` (a condition on alias `f`, with named parameters), one per
 * flow: the chosen row, with `alternatives` (how many other sources give the same flow within the
 * rows matched). Columns: id, reporter, partner, year, month, flow, product_code, value_usd, series,
 * source_id, note, alternatives.
 *
 * Every candidate of a flow must match `where`, so filter on the flow's key columns (and series), never on source.
 */
export function chosenFlowsSql(where: string): string {
  // The middle query names its columns rather than taking c.*: SQLite flattens c into it, and a column of c
  // passed on as well as ranked by (rule 4's probe) was evaluated twice per row (a fifth of a sector's ranking).
  return `SELECT id, reporter, partner, year, month, flow, product_code, value_usd, series, source_id, note, n - 1 AS alternatives FROM (
    SELECT c.id, c.reporter, c.partner, c.year, c.month, c.flow, c.product_code, c.value_usd, c.series, c.source_id, c.note,
      count(*) OVER flow_key AS n,
      row_number() OVER (flow_key ORDER BY
        -- the per-pair lookup only runs when some pair has a preference (the EXISTS is evaluated once)
        CASE WHEN EXISTS (SELECT 1 FROM setting WHERE key > '${PREFERRED_SOURCE_KEY}.' AND key < '${PREFERRED_SOURCE_KEY}/')
          THEN c.source_id IS (SELECT json_extract(value, '$') FROM setting WHERE key = '${PREFERRED_SOURCE_KEY}.' || c.reporter || '.' || c.partner)
          ELSE 0 END DESC,
        c.source_id IS (SELECT json_extract(value, '$') FROM setting WHERE key = '${PREFERRED_SOURCE_KEY}') DESC,
        c.series = 'primary' DESC, c.both_flows DESC, c.import_id IS NOT NULL DESC, c.import_id DESC,
        c.published_value IS NULL, c.published_value DESC, c.source_label, c.source_id) AS rk
    FROM (
      SELECT f.id, f.reporter, f.partner, f.year, f.month, f.flow, f.product_code, f.value_usd, f.series, f.source_id, f.note, f.import_id,
        s.published_value, s.label AS source_label,
        -- rule 4: the same source gives the other flow of this product and period (a probe of the whole natural key)
        f.flow IN ('export', 'import') AND EXISTS (SELECT 1 FROM trade_flow g WHERE g.reporter = f.reporter AND g.partner = f.partner
          AND g.product_code = f.product_code AND g.year = f.year AND ifnull(g.month, 0) = ifnull(f.month, 0)
          AND g.flow = CASE f.flow WHEN 'export' THEN 'import' ELSE 'export' END AND g.source_id = f.source_id) AS both_flows
      FROM trade_flow f JOIN source s ON s.id = f.source_id
      WHERE ${where}
    ) c
    WINDOW flow_key AS (PARTITION BY c.reporter, c.partner, c.product_code, c.year, c.month, c.flow)
  ) WHERE rk = 1`;
}

const statements = new WeakMap<Db, Map<string, Statement>>();

/**
 * A statement of this block, prepared once per connection: the ranking makes it long to compile
 * (a few tenths of a millisecond), and the dashboards run several per view.
 */
export function preparedOnce(db: Db, sql: string): Statement {
  let byText = statements.get(db);
  if (!byText) {
    byText = new Map();
    statements.set(db, byText);
  }
  let stmt = byText.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    byText.set(sql, stmt);
  }
  return stmt;
}

/** The preferred source for a pair (or everywhere, without a pair); null when none is set. */
export function getPreferredSource(db: Db, pair?: { reporter: string; partner: string }): string | null {
  const raw = db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(preferredSourceKey(pair)) as string | undefined;
  if (raw === undefined) return null;
  const value = JSON.parse(raw) as unknown;
  return typeof value === 'string' ? value : null;
}

/** Sets (or, with null, clears) the preferred source for a pair or everywhere. */
export function setPreferredSource(db: Db, sourceId: string | null, pair?: { reporter: string; partner: string }): void {
  const key = preferredSourceKey(pair);
  if (sourceId === null) db.prepare('DELETE FROM setting WHERE key = ?').run(key);
  else
    db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
      key,
      JSON.stringify(sourceId),
    );
}

/**
 * Changes when what trade figures are read from may have changed: trade_flow's rows, economies, sources or the
 * preferred sources, written by this connection (the counter of migration 014) or by another (data_version).
 * Unlike `dataVersion`, a briefing saved or another setting changed on this connection leaves it as it was.
 */
export function tradeVersion(db: Db): string {
  return `${db.pragma('data_version', { simple: true }) as number} ${preparedOnce(db, 'SELECT n FROM trade_generation').pluck().get() as number}`;
}

/** Marks trade_flow's rows as changed (see `tradeVersion`): every writer of them calls it in its own transaction. */
export function tradeRowsChanged(db: Db): void {
  preparedOnce(db, 'UPDATE trade_generation SET n = n + 1').run();
}

/** Changes when anything is written to the database, by this connection or another (total_changes() and data_version). */
export function dataVersion(db: Db): string {
  return `${db.pragma('data_version', { simple: true }) as number} ${preparedOnce(db, 'SELECT total_changes()').pluck().get() as number}`;
}
