/**
 * The sources area's reads of SQLite, each set-based whatever the number of sources: every source with
 * the counts of the figures it gives, and every row that cites a source, named.
 */
import type { Db } from '../database.ts';
import type { SourceRow } from '../refs.ts';

export interface UsageRow extends SourceRow {
  trade_flows: number;
  stated_figures: number;
  sector_mappings: number;
  sector_figures: number;
}

/** What a source is cited by, named: one list per kind. */
export type CitingKind = 'event' | 'project' | 'route' | 'statement' | 'plan';

export interface CitingRow {
  kind: CitingKind;
  source_id: string;
  id: string;
  name: string;
}

// Trade flows are counted from source_flow_count, kept in step by every writer of trade_flow:
// counting millions of rows at each call took seconds.
const USAGE_SQL = `
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
    ORDER BY s.pack_id IS NULL, s.pack_id, s.label, s.publisher`;

/** Every source with its counts, a pack's sources together and the user's last. */
export function usageRows(db: Db): UsageRow[] {
  return db.prepare(USAGE_SQL).all() as UsageRow[];
}

const CITING_SQL = `
    SELECT 'event' AS kind, source_id, id, title AS name, title AS sort FROM event
    UNION ALL SELECT 'project', source_id, id, title, title FROM project
    UNION ALL SELECT 'route', source_id, id, name, name FROM route
    UNION ALL SELECT 'statement', source_id, id, text, id FROM statement
    UNION ALL SELECT 'plan', source_id, id, title, title FROM export_plan
    ORDER BY kind, sort`;

/** Every event, project, route, statement and export plan with the source it cites. */
export function citingRows(db: Db): CitingRow[] {
  return db.prepare(CITING_SQL).all() as CitingRow[];
}
