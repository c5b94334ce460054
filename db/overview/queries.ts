import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { Db } from '../open.ts';
import { sourceLookup, economyLookup } from '../refs.ts';
import { chosenFlowsSql, preparedOnce } from '../trade/chosen.ts';
import type { Headline, Overview, overviewContract } from './contract.ts';
import { checkClaims } from '../claims/check.ts';

interface HeadlinePick {
  reporter: string;
  partner: string;
  year: number;
  source_id: string;
}

interface ChosenFlow {
  flow: 'export' | 'import';
  value_usd: number;
  source_id: string;
  note: string | null;
}

type HeadlineFilter = { reporter?: string | undefined; partner?: string | undefined; year?: number | undefined };

/**
 * Chooses the headline: one source giving both flows of a year, preferring a year with a stated total.
 * The years with a stated total are few (stated_figure is small) and are looked at first; grouping
 * every annual flow of the database only happens when none of them qualifies (a pack with thousands
 * of pair-years made one EXISTS per group the bulk of the Overview's time).
 */
function chooseHeadline(db: Db, filter: HeadlineFilter): HeadlinePick | undefined {
  const params = { reporter: filter.reporter ?? null, partner: filter.partner ?? null, year: filter.year ?? null };
  const withStated = db
    .prepare(
      `
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
    LIMIT 1`,
    )
    .get(params) as HeadlinePick | undefined;
  if (withStated) return withStated;
  return db
    .prepare(
      `
    SELECT f.reporter, f.partner, f.year, f.source_id
    FROM trade_flow f
    WHERE f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow IN ('export', 'import')
      AND (:reporter IS NULL OR f.reporter = :reporter) AND (:partner IS NULL OR f.partner = :partner)
      AND (:year IS NULL OR f.year = :year)
    GROUP BY f.reporter, f.partner, f.year, f.source_id
    HAVING count(DISTINCT f.flow) = 2
    ORDER BY f.year DESC, f.series = 'primary' DESC, f.reporter, f.partner
    LIMIT 1`,
    )
    .get(params) as HeadlinePick | undefined;
}

/** The flows of the headline's pair and year that every dashboard uses (db/trade/chosen.ts). */
const HEADLINE_FLOWS_SQL = `SELECT flow, value_usd, source_id, note FROM (${chosenFlowsSql(
  "f.reporter = :reporter AND f.partner = :partner AND f.product_code = 'TOTAL' AND f.year = :year AND f.month IS NULL",
)})
  WHERE flow IN ('export', 'import')`;

export function headline(db: Db, filter: HeadlineFilter): Headline | null {
  const picked = chooseHeadline(db, filter);
  if (!picked) return null;
  // The pair and year are chosen for what they hold; the figures shown are the ones counted everywhere.
  const flows = preparedOnce(db, HEADLINE_FLOWS_SQL).all({
    reporter: picked.reporter,
    partner: picked.partner,
    year: picked.year,
  }) as ChosenFlow[];
  const exp = flows.find((f) => f.flow === 'export');
  const imp = flows.find((f) => f.flow === 'import');
  if (!exp || !imp) return null;
  const pick = {
    ...picked,
    ex_value: exp.value_usd,
    ex_source: exp.source_id,
    ex_note: exp.note,
    im_value: imp.value_usd,
    im_source: imp.source_id,
    im_note: imp.note,
  };
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const exSrc = source(pick.ex_source);
  const imSrc = source(pick.im_source);
  const oneSource = pick.ex_source === pick.im_source;
  // The stated total of the flows' own source when they share one; otherwise any stated total, never compared with parts from other sources.
  const stated = db
    .prepare(
      `SELECT value_usd, note, source_id FROM stated_figure WHERE reporter = ? AND partner = ? AND year = ?
    AND measure = 'total_trade' ORDER BY source_id = ? DESC, source_id LIMIT 1`,
    )
    .get(pick.reporter, pick.partner, pick.year, pick.ex_source) as
    { value_usd: number; note: string | null; source_id: string } | undefined;
  const sum = pick.ex_value + pick.im_value;
  const sources = oneSource ? [exSrc] : [exSrc, imSrc];
  return {
    reporter: economy(pick.reporter),
    partner: economy(pick.partner),
    year: pick.year,
    exports: { value: pick.ex_value, unit: 'USD', source: exSrc, note: pick.ex_note },
    imports: { value: pick.im_value, unit: 'USD', source: imSrc, note: pick.im_note },
    balance: { value: pick.ex_value - pick.im_value, unit: 'USD', formula: 'exports − imports', sources },
    sumOfParts: { value: sum, unit: 'USD', formula: 'exports + imports', sources },
    statedTotal: stated ? { value: stated.value_usd, unit: 'USD', source: source(stated.source_id), note: stated.note } : null,
    totalDifference: stated && oneSource && stated.source_id === pick.ex_source ? stated.value_usd - sum : null,
  };
}

export function overviewHandlers(ctx: Context): HandlersOf<typeof overviewContract> {
  return {
    overview: (input): Overview => {
      const { db } = ctx;
      const source = sourceLookup(db);
      const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
      const statements = db.prepare("SELECT id, kind, text, source_id FROM statement ORDER BY kind = 'context', id").all() as {
        id: string;
        kind: 'claim' | 'context';
        text: string;
        source_id: string;
      }[];
      return {
        packs: db.prepare('SELECT id, title, version FROM pack ORDER BY loaded_at, id').all() as Overview['packs'],
        headline: headline(db, input),
        statements: statements.map((s) => ({ id: s.id, kind: s.kind, text: s.text, source: source(s.source_id) })),
        claims: checkClaims(db),
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
