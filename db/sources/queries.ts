import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { Db } from '../open.ts';
import { sourceLookup, toSourceRef, type SourceRow } from '../refs.ts';
import type { sourcesContract, SourceUsage } from './contract.ts';
import { checkClaims } from '../claims/check.ts';

interface UsageRow extends SourceRow {
  trade_flows: number;
  stated_figures: number;
  sector_mappings: number;
  sector_figures: number;
}

/** What a source is cited by, named: one list per kind. */
type CitingKind = 'event' | 'project' | 'route' | 'statement' | 'plan';

/**
 * Every source with what cites it, in two set-based queries whatever the number of sources: the
 * sources with their counts (trade flows from source_flow_count, kept in step by every writer of
 * trade_flow: counting millions of rows at each call took seconds), then every citing row named,
 * grouped here by source.
 */
export function listSources(db: Db): SourceUsage[] {
  const rows = db
    .prepare(
      `
    WITH stated AS (SELECT source_id, count(*) AS n FROM stated_figure GROUP BY source_id),
         mappings AS (SELECT source_id, count(*) AS n FROM sector_hs WHERE source_id IS NOT NULL GROUP BY source_id),
         figures AS (SELECT source_id, count(*) AS n FROM sector_figure GROUP BY source_id)
    SELECT s.id, s.label, s.publisher, s.title, s.url, s.published_precision, s.published_value, s.published_note, s.note,
           s.cited_in_id, ci.label AS ci_label, ci.publisher AS ci_publisher, ci.title AS ci_title, ci.url AS ci_url,
           ifnull(fc.rows, 0) AS trade_flows, ifnull(stated.n, 0) AS stated_figures, ifnull(mappings.n, 0) AS sector_mappings,
           ifnull(figures.n, 0) AS sector_figures
    FROM source s LEFT JOIN source ci ON ci.id = s.cited_in_id
      LEFT JOIN source_flow_count fc ON fc.source_id = s.id
      LEFT JOIN stated ON stated.source_id = s.id
      LEFT JOIN mappings ON mappings.source_id = s.id
      LEFT JOIN figures ON figures.source_id = s.id
    ORDER BY s.pack_id IS NULL, s.pack_id, s.label, s.publisher`,
    )
    .all() as UsageRow[];
  const usage = new Map<string, SourceUsage>();
  const list = rows.map((row): SourceUsage => {
    const u: SourceUsage = {
      source: toSourceRef(row),
      tradeFlows: row.trade_flows,
      statedFigures: row.stated_figures,
      sectorMappings: row.sector_mappings,
      sectorFigures: row.sector_figures,
      events: [],
      projects: [],
      routes: [],
      statements: [],
      exportPlans: [],
      claims: [],
    };
    usage.set(row.id, u);
    return u;
  });
  const citing = db
    .prepare(
      `
    SELECT 'event' AS kind, source_id, id, title AS name, title AS sort FROM event
    UNION ALL SELECT 'project', source_id, id, title, title FROM project
    UNION ALL SELECT 'route', source_id, id, name, name FROM route
    UNION ALL SELECT 'statement', source_id, id, text, id FROM statement
    UNION ALL SELECT 'plan', source_id, id, title, title FROM export_plan
    ORDER BY kind, sort`,
    )
    .all() as { kind: CitingKind; source_id: string; id: string; name: string }[];
  for (const c of citing) {
    const u = usage.get(c.source_id);
    if (!u) continue;
    if (c.kind === 'event') u.events.push({ id: c.id, title: c.name });
    else if (c.kind === 'project') u.projects.push({ id: c.id, title: c.name });
    else if (c.kind === 'route') u.routes.push({ id: c.id, name: c.name });
    else if (c.kind === 'statement') u.statements.push({ id: c.id, text: c.name });
    else u.exportPlans.push({ id: c.id, title: c.name });
  }
  for (const claim of checkClaims(db).claims) usage.get(claim.source.id)?.claims.push(claim);
  return list;
}

export function sourcesHandlers(ctx: Context): HandlersOf<typeof sourcesContract> {
  return {
    getSource: ({ id }) => sourceLookup(ctx.db)(id),
    listSources: () => listSources(ctx.db),
  };
}
