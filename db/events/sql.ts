/**
 * The events area's reads of SQLite: the events with their place, organiser, sectors and the projects
 * signed at them, and the kinds and places the filter offers.
 */
import type { Db } from '../database.ts';
import type { EventKind } from '../common/vocabulary.ts';
import type { EventDateColumns } from './rules.ts';

export interface EventRow extends EventDateColumns {
  id: string;
  kind: EventKind;
  title: string;
  place_id: string | null;
  place_name: string | null;
  place_text: string | null;
  country_code: string | null;
  region_code: string | null;
  organiser: string | null;
  note: string | null;
  source_id: string;
  /** JSON array of the sectors' labels. */
  sectors: string;
  /** JSON array of { id, title, count } of the projects signed at the event. */
  projects: string;
}

const EVENTS_SQL = `
    SELECT e.id, e.kind, e.title, e.place_id, p.name AS place_name, e.place_text, e.country_code, e.region_code,
      coalesce(o.short_name, o.name) AS organiser, e.note, e.source_id,
      e.date_precision, e.date_value, e.date_part, e.rel_anchor_id, e.rel_weekday, e.rel_relation, e.rel_note,
      (SELECT json_group_array(label) FROM event_sector s WHERE s.event_id = e.id) AS sectors,
      (SELECT json_group_array(json_object('id', pr.id, 'title', pr.title, 'count', pr.project_count)) FROM project pr WHERE pr.signed_event_id = e.id) AS projects
    FROM event e LEFT JOIN place p ON p.id = e.place_id LEFT JOIN organisation o ON o.id = e.organiser_id
    WHERE (:kind IS NULL OR e.kind = :kind)
      AND (:place IS NULL OR e.place_id = :place OR e.country_code = :place OR e.region_code = :place OR p.economy_code = :place)
    ORDER BY e.id`;

/** The events of a kind and at a place (a place, a country or a region), or all of them. */
export function eventRows(db: Db, filter: { kind?: EventKind | undefined; place?: string | undefined }): EventRow[] {
  return db.prepare(EVENTS_SQL).all({ kind: filter.kind ?? null, place: filter.place ?? null }) as EventRow[];
}

export function eventKinds(db: Db): EventKind[] {
  return db.prepare('SELECT DISTINCT kind FROM event ORDER BY kind').pluck().all() as EventKind[];
}

/** Every place an event is at: places, and the countries and regions named. */
export function eventPlaces(db: Db): { id: string; name: string }[] {
  return db
    .prepare(
      `SELECT id, name FROM (
          SELECT p.id, p.name FROM event e JOIN place p ON p.id = e.place_id
          UNION SELECT c.code, c.name FROM event e JOIN economy c ON c.code = e.country_code
          UNION SELECT r.code, r.name FROM event e JOIN economy r ON r.code = e.region_code)
        ORDER BY name`,
    )
    .all() as { id: string; name: string }[];
}
