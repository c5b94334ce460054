import type { Context } from '../context.ts';
import type { Handlers } from '../contract.ts';
import type { Db } from '../open.ts';
import { sourceLookup } from '../sources/queries.ts';
import { chosenFlowsSql } from '../trade/chosen.ts';
import { economyLookup } from '../trade/queries.ts';
import type { Headline, Overview } from './contract.ts';

interface HeadlinePick {
  reporter: string;
  partner: string;
  year: number;
  ex_value: number;
  ex_source: string;
  ex_note: string | null;
  im_value: number;
  im_source: string;
  im_note: string | null;
}

type HeadlineFilter = { reporter?: string | undefined; partner?: string | undefined; year?: number | undefined };

/**
 * The headline: a pair and year whose exports and imports are both known, each the flow the
 * dashboards use (db/trade/chosen.ts), preferring a year whose stated total comes from the same
 * source as both flows, then the latest year.
 */
const HEADLINE_SQL = `
  WITH chosen AS MATERIALIZED (SELECT reporter, partner, year, flow, value_usd, series, source_id, note FROM (${chosenFlowsSql(
    `f.month IS NULL AND f.product_code = 'TOTAL' AND (:reporter IS NULL OR f.reporter = :reporter)
      AND (:partner IS NULL OR f.partner = :partner) AND (:year IS NULL OR f.year = :year)`)}) WHERE flow IN ('export', 'import'))
  SELECT e.reporter, e.partner, e.year, e.value_usd AS ex_value, e.source_id AS ex_source, e.note AS ex_note,
    i.value_usd AS im_value, i.source_id AS im_source, i.note AS im_note
  FROM chosen e JOIN chosen i ON i.reporter = e.reporter AND i.partner = e.partner AND i.year = e.year AND i.flow = 'import'
  WHERE e.flow = 'export'
  ORDER BY e.source_id = i.source_id AND EXISTS (SELECT 1 FROM stated_figure s WHERE s.reporter = e.reporter AND s.partner = e.partner
             AND s.year = e.year AND s.source_id = e.source_id AND s.measure = 'total_trade') DESC,
    e.year DESC, e.series = 'primary' DESC, e.reporter, e.partner
  LIMIT 1`;

export function headline(db: Db, filter: HeadlineFilter): Headline | null {
  const pick = db.prepare(HEADLINE_SQL).get({ reporter: filter.reporter ?? null, partner: filter.partner ?? null, year: filter.year ?? null }) as
    HeadlinePick | undefined;
  if (!pick) return null;
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const exSrc = source(pick.ex_source);
  const imSrc = source(pick.im_source);
  const oneSource = pick.ex_source === pick.im_source;
  // The stated total of the flows' own source when they share one; otherwise any stated total, never compared with parts from other sources.
  const stated = db.prepare(`SELECT value_usd, note, source_id FROM stated_figure WHERE reporter = ? AND partner = ? AND year = ?
    AND measure = 'total_trade' ORDER BY source_id = ? DESC, source_id LIMIT 1`).get(pick.reporter, pick.partner, pick.year, pick.ex_source) as
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
