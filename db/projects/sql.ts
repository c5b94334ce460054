/**
 * The projects area's reads of SQLite: the projects with their region, counterpart, fields and the
 * event they were signed at (with that event's date columns), and the choices the filter offers.
 */
import type { Db } from '../database.ts';
import type { PreciseDate } from '../common/dates.ts';
import type { ProjectStatus } from '../common/vocabulary.ts';

export interface ProjectRow {
  id: string;
  title: string;
  project_count: number;
  partner_code: string;
  partner_name: string | null;
  region_label: string | null;
  counterpart_code: string | null;
  counterpart_name: string | null;
  status: ProjectStatus;
  signed_precision: PreciseDate['precision'] | null;
  signed_value: string | null;
  signed_part: 'early' | 'mid' | 'late' | null;
  signed_event_id: string | null;
  event_title: string | null;
  ev_precision: PreciseDate['precision'] | null;
  ev_value: string | null;
  ev_part: 'early' | 'mid' | 'late' | null;
  rel_anchor_id: string | null;
  rel_weekday: number | null;
  rel_relation: 'before-anchor' | 'week-of-anchor' | null;
  rel_note: string | null;
  value_usd: number | null;
  split_reported: number;
  note: string | null;
  source_id: string;
  /** JSON array of the fields in their order, or null. */
  fields: string | null;
}

// The signing date of a batch signed "the Thursday before the report" is relative to the anchor's publication;
// its known month is in signed_value. The anchor id comes from the signing event when there is one.
const PROJECTS_SQL = `
    SELECT p.id, p.title, p.project_count, p.partner_code, e.name AS partner_name, e.region_label, p.counterpart_code, c.name AS counterpart_name,
      p.status, p.signed_precision, p.signed_value, p.signed_part, p.signed_event_id, ev.title AS event_title,
      ev.date_precision AS ev_precision, ev.date_value AS ev_value, ev.date_part AS ev_part, ev.rel_anchor_id, ev.rel_weekday, ev.rel_relation, ev.rel_note,
      p.value_usd, p.split_reported, p.note, p.source_id,
      (SELECT json_group_array(field) FROM (SELECT field FROM project_field WHERE project_id = p.id ORDER BY position)) AS fields
    FROM project p
    LEFT JOIN economy e ON e.code = p.partner_code
    LEFT JOIN economy c ON c.code = p.counterpart_code
    LEFT JOIN event ev ON ev.id = p.signed_event_id
    WHERE (:region IS NULL OR p.partner_code = :region OR e.parent_code = :region)
      AND (:status IS NULL OR p.status = :status)
      AND (:field IS NULL OR EXISTS (SELECT 1 FROM project_field f WHERE f.project_id = p.id AND lower(f.field) = lower(:field)))
    ORDER BY p.title`;

/** The projects of a region (the economy or its parent), status and field (any case), or all of them. */
export function projectRows(
  db: Db,
  filter: { region?: string | undefined; status?: ProjectStatus | undefined; field?: string | undefined },
): ProjectRow[] {
  return db
    .prepare(PROJECTS_SQL)
    .all({ region: filter.region ?? null, status: filter.status ?? null, field: filter.field ?? null }) as ProjectRow[];
}

export function projectRegions(db: Db): { code: string; name: string }[] {
  return db.prepare(`SELECT DISTINCT e.code, e.name FROM project p JOIN economy e ON e.code = p.partner_code ORDER BY e.name`).all() as {
    code: string;
    name: string;
  }[];
}

export function projectFields(db: Db): string[] {
  return db.prepare('SELECT DISTINCT field FROM project_field ORDER BY lower(field)').pluck().all() as string[];
}

export function projectStatuses(db: Db): ProjectStatus[] {
  return db.prepare('SELECT DISTINCT status FROM project ORDER BY status').pluck().all() as ProjectStatus[];
}
