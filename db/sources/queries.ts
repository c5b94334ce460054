import type { PreciseDate } from '../dates.ts';
import type { Context } from '../context.ts';
import type { Handlers } from '../contract.ts';
import { ApiError } from '../errors.ts';
import type { Db } from '../open.ts';
import type { SourceRef } from '../shared-types.ts';
import type { SourceUsage } from './contract.ts';
import { checkClaims } from '../claims/check.ts';
import type { CheckedClaim } from '../claims/contract.ts';

interface SourceRow {
  id: string;
  label: string;
  publisher: string;
  title: string;
  url: string | null;
  published_precision: 'day' | 'month' | 'year' | null;
  published_value: string | null;
  published_note: string | null;
  note: string | null;
  cited_in_id: string | null;
  ci_label: string | null;
  ci_publisher: string | null;
  ci_title: string | null;
  ci_url: string | null;
}

const SOURCE_SELECT = `
  SELECT s.id, s.label, s.publisher, s.title, s.url, s.published_precision, s.published_value, s.published_note, s.note,
         s.cited_in_id, ci.label AS ci_label, ci.publisher AS ci_publisher, ci.title AS ci_title, ci.url AS ci_url
  FROM source s LEFT JOIN source ci ON ci.id = s.cited_in_id`;

export function toSourceRef(row: SourceRow): SourceRef {
  const published: PreciseDate | null = row.published_precision
    ? { precision: row.published_precision, value: row.published_value }
    : null;
  return {
    id: row.id,
    label: row.label,
    publisher: row.publisher,
    title: row.title,
    url: row.url,
    published,
    publishedNote: row.published_note,
    note: row.note,
    citedIn: row.cited_in_id
      ? { id: row.cited_in_id, label: row.ci_label ?? '', publisher: row.ci_publisher ?? '', title: row.ci_title ?? '', url: row.ci_url }
      : null,
  };
}

/** Looks sources up by id, once each: queries that return many figures share one lookup. */
export function sourceLookup(db: Db): (id: string) => SourceRef {
  const stmt = db.prepare(`${SOURCE_SELECT} WHERE s.id = ?`);
  const cache = new Map<string, SourceRef>();
  return (id) => {
    let ref = cache.get(id);
    if (!ref) {
      const row = stmt.get(id) as SourceRow | undefined;
      if (!row) throw new ApiError('not-found', `No source with id ${id}`);
      ref = toSourceRef(row);
      cache.set(id, ref);
    }
    return ref;
  };
}

export function sourcesHandlers(ctx: Context): Pick<Handlers, 'listSources' | 'getSource'> {
  return {
    getSource: ({ id }) => sourceLookup(ctx.db)(id),
    listSources: () => {
      const { db } = ctx;
      const rows = db.prepare(`${SOURCE_SELECT} ORDER BY s.pack_id IS NULL, s.pack_id, s.label, s.publisher`).all() as SourceRow[];
      const flows = db.prepare('SELECT count(*) AS n FROM trade_flow WHERE source_id = ?').pluck();
      const stated = db.prepare('SELECT count(*) AS n FROM stated_figure WHERE source_id = ?').pluck();
      const mappings = db.prepare('SELECT count(*) AS n FROM sector_hs WHERE source_id = ?').pluck();
      const sectorFigures = db.prepare('SELECT count(*) AS n FROM sector_figure WHERE source_id = ?').pluck();
      const events = db.prepare('SELECT id, title FROM event WHERE source_id = ? ORDER BY title');
      const projects = db.prepare('SELECT id, title FROM project WHERE source_id = ? ORDER BY title');
      const routes = db.prepare('SELECT id, name FROM route WHERE source_id = ? ORDER BY name');
      const statements = db.prepare('SELECT id, text FROM statement WHERE source_id = ? ORDER BY id');
      const plans = db.prepare('SELECT id, title FROM export_plan WHERE source_id = ? ORDER BY title');
      const claims = new Map<string, CheckedClaim[]>();
      for (const c of checkClaims(db).claims) claims.set(c.source.id, [...(claims.get(c.source.id) ?? []), c]);
      return rows.map((row): SourceUsage => ({
        source: toSourceRef(row),
        tradeFlows: flows.get(row.id) as number,
        statedFigures: stated.get(row.id) as number,
        sectorMappings: mappings.get(row.id) as number,
        sectorFigures: sectorFigures.get(row.id) as number,
        events: events.all(row.id) as SourceUsage['events'],
        projects: projects.all(row.id) as SourceUsage['projects'],
        routes: routes.all(row.id) as SourceUsage['routes'],
        statements: statements.all(row.id) as SourceUsage['statements'],
        exportPlans: plans.all(row.id) as SourceUsage['exportPlans'],
        claims: claims.get(row.id) ?? [],
      }));
    },
  };
}
