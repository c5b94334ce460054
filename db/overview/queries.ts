import type { Context } from '../context.ts';
import type { Handlers } from '../contract.ts';
import type { Db } from '../open.ts';
import { sourceLookup } from '../sources/queries.ts';
import { economyLookup } from '../trade/queries.ts';
import type { Headline, Overview } from './contract.ts';

interface HeadlinePick {
  reporter: string;
  partner: string;
  year: number;
  source_id: string;
}

interface FlowRow {
  flow: 'export' | 'import';
  value_usd: number;
  note: string | null;
}

/**
 * Chooses the headline: one source giving both flows of a year, preferring a year with a stated total.
 * The years with a stated total are few (stated_figure is small) and are looked at first; grouping
 * every annual flow of the database only happens when none of them qualifies (a pack with thousands
 * of pair-years made one EXISTS per group the bulk of the Overview's time).
 */
function chooseHeadline(db: Db, filter: { reporter?: string | undefined; partner?: string | undefined; year?: number | undefined }): HeadlinePick | undefined {
  const params = { reporter: filter.reporter ?? null, partner: filter.partner ?? null, year: filter.year ?? null };
  const withStated = db.prepare(`
    SELECT s.reporter, s.partner, s.year, s.source_id
    FROM stated_figure s
    WHERE s.measure = 'total_trade'
      AND (:reporter IS NULL OR s.reporter = :reporter) AND (:partner IS NULL OR s.partner = :partner) AND (:year IS NULL OR s.year = :year)
      AND (SELECT count(DISTINCT f.flow) FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year
             AND f.source_id = s.source_id AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow IN ('export', 'import')) = 2
    ORDER BY s.year DESC,
      EXISTS (SELECT 1 FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year AND f.source_id = s.source_id
                AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow IN ('export', 'import') AND f.series = 'primary') DESC,
      s.reporter, s.partner
    LIMIT 1`).get(params) as HeadlinePick | undefined;
  if (withStated) return withStated;
  return db.prepare(`
    SELECT f.reporter, f.partner, f.year, f.source_id
    FROM trade_flow f
    WHERE f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow IN ('export', 'import')
      AND (:reporter IS NULL OR f.reporter = :reporter) AND (:partner IS NULL OR f.partner = :partner)
      AND (:year IS NULL OR f.year = :year)
    GROUP BY f.reporter, f.partner, f.year, f.source_id
    HAVING count(DISTINCT f.flow) = 2
    ORDER BY f.year DESC, f.series = 'primary' DESC, f.reporter, f.partner
    LIMIT 1`).get(params) as HeadlinePick | undefined;
}

export function headline(db: Db, filter: { reporter?: string | undefined; partner?: string | undefined; year?: number | undefined }): Headline | null {
  const pick = chooseHeadline(db, filter);
  if (!pick) return null;
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const flows = db.prepare(`SELECT flow, value_usd, note FROM trade_flow WHERE reporter = ? AND partner = ? AND year = ? AND source_id = ?
    AND month IS NULL AND product_code = 'TOTAL' AND flow IN ('export', 'import')`).all(pick.reporter, pick.partner, pick.year, pick.source_id) as FlowRow[];
  const exp = flows.find((f) => f.flow === 'export');
  const imp = flows.find((f) => f.flow === 'import');
  if (!exp || !imp) return null;
  const src = source(pick.source_id);
  const stated = db.prepare(`SELECT value_usd, note, source_id FROM stated_figure WHERE reporter = ? AND partner = ? AND year = ?
    AND measure = 'total_trade' AND source_id = ?`).get(pick.reporter, pick.partner, pick.year, pick.source_id) as
    { value_usd: number; note: string | null; source_id: string } | undefined;
  const sum = exp.value_usd + imp.value_usd;
  return {
    reporter: economy(pick.reporter),
    partner: economy(pick.partner),
    year: pick.year,
    exports: { value: exp.value_usd, unit: 'USD', source: src, note: exp.note },
    imports: { value: imp.value_usd, unit: 'USD', source: src, note: imp.note },
    balance: { value: exp.value_usd - imp.value_usd, unit: 'USD', formula: 'exports − imports', sources: [src] },
    sumOfParts: { value: sum, unit: 'USD', formula: 'exports + imports', sources: [src] },
    statedTotal: stated ? { value: stated.value_usd, unit: 'USD', source: source(stated.source_id), note: stated.note } : null,
    totalDifference: stated ? stated.value_usd - sum : null,
  };
}

export function overviewHandlers(ctx: Context): Pick<Handlers, 'overview'> {
  return {
    overview: (input): Overview => {
      const { db } = ctx;
      const source = sourceLookup(db);
      const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
      const statements = db.prepare("SELECT id, kind, text, source_id FROM statement ORDER BY kind = 'context', id").all() as
        { id: string; kind: 'claim' | 'context'; text: string; source_id: string }[];
      return {
        packs: db.prepare('SELECT id, title, version FROM pack ORDER BY loaded_at, id').all() as Overview['packs'],
        headline: headline(db, input),
        statements: statements.map((s) => ({ id: s.id, kind: s.kind, text: s.text, source: source(s.source_id) })),
        counts: {
          sources: count('SELECT count(*) FROM source'),
          tradeFlows: count('SELECT count(*) FROM trade_flow'),
          events: count('SELECT count(*) FROM event'),
          projects: count('SELECT coalesce(sum(project_count), 0) FROM project'),
          projectBatches: count('SELECT count(*) FROM project WHERE project_count > 1'),
          routes: count('SELECT count(*) FROM route'),
          // Packs name the same sector in several places; the sectors view joins them by name, so count names.
          sectors: count('SELECT count(DISTINCT lower(name)) FROM sector'),
        },
      };
    },
  };
}
