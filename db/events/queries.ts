import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { dateSortKey, isPast, latestPossibleDay, type PreciseDate, type Weekday } from '../common/dates.ts';
import type { Db } from '../open.ts';
import type { SourceRef } from '../shared-types.ts';
import { sourceLookup, economyLookup } from '../refs.ts';
import type { EventKind } from '../common/vocabulary.ts';
import type { EventItem, eventsContract, EventsResult } from './contract.ts';

export interface EventDateColumns {
  date_precision: PreciseDate['precision'];
  date_value: string | null;
  date_part: 'early' | 'mid' | 'late' | null;
  rel_anchor_id: string | null;
  rel_weekday: number | null;
  rel_relation: 'before-anchor' | 'week-of-anchor' | null;
  rel_note: string | null;
}

/** A stored date with precision (event columns) as the PreciseDate of db/common/dates.ts. */
export function eventDate(r: EventDateColumns, source: (id: string) => SourceRef): PreciseDate {
  if (r.date_precision === 'relative' && r.rel_anchor_id) {
    return {
      precision: 'relative',
      value: r.date_value,
      part: r.date_part,
      relative: {
        anchorId: r.rel_anchor_id,
        anchorLabel: source(r.rel_anchor_id).label,
        weekday: (r.rel_weekday ?? 0) as Weekday,
        relation: r.rel_relation ?? 'before-anchor',
        ...(r.rel_note ? { note: r.rel_note } : {}),
      },
    };
  }
  return { precision: r.date_precision, value: r.date_value, part: r.date_part };
}

interface EventRow extends EventDateColumns {
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
  sectors: string;
  projects: string;
}

/** The earliest day a date can mean, honouring "end of" a month. */
function earliestDay(date: PreciseDate): string | null {
  if (!date.value) return null;
  return dateSortKey(date);
}

export function listEvents(db: Db, filter: { kind?: EventKind | undefined; place?: string | undefined }, today: string): EventsResult {
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const rows = db
    .prepare(
      `
    SELECT e.id, e.kind, e.title, e.place_id, p.name AS place_name, e.place_text, e.country_code, e.region_code,
      coalesce(o.short_name, o.name) AS organiser, e.note, e.source_id,
      e.date_precision, e.date_value, e.date_part, e.rel_anchor_id, e.rel_weekday, e.rel_relation, e.rel_note,
      (SELECT json_group_array(label) FROM event_sector s WHERE s.event_id = e.id) AS sectors,
      (SELECT json_group_array(json_object('id', pr.id, 'title', pr.title, 'count', pr.project_count)) FROM project pr WHERE pr.signed_event_id = e.id) AS projects
    FROM event e LEFT JOIN place p ON p.id = e.place_id LEFT JOIN organisation o ON o.id = e.organiser_id
    WHERE (:kind IS NULL OR e.kind = :kind)
      AND (:place IS NULL OR e.place_id = :place OR e.country_code = :place OR e.region_code = :place OR p.economy_code = :place)
    ORDER BY e.id`,
    )
    .all({ kind: filter.kind ?? null, place: filter.place ?? null }) as EventRow[];
  const items: EventItem[] = rows.map((r) => {
    const date = eventDate(r, source);
    return {
      id: r.id,
      kind: r.kind,
      title: r.title,
      date,
      earliest: earliestDay(date),
      latest: latestPossibleDay(date),
      past: isPast(date, today),
      place: { id: r.place_id, name: r.place_name ?? r.place_text ?? 'Place not stated' },
      country: r.country_code ? economy(r.country_code) : null,
      region: r.region_code ? economy(r.region_code) : null,
      organiser: r.organiser,
      sectors: JSON.parse(r.sectors) as string[],
      note: r.note,
      source: source(r.source_id),
      projects: JSON.parse(r.projects) as EventItem['projects'],
    };
  });
  const key = (e: EventItem): string => `${e.earliest ?? '9999'}|${e.latest ?? '9999'}|${e.title}`;
  const upcoming = items.filter((e) => !e.past).sort((a, b) => key(a).localeCompare(key(b)));
  const past = items.filter((e) => e.past).sort((a, b) => key(b).localeCompare(key(a)));
  return {
    today,
    upcoming,
    past,
    options: {
      kinds: db.prepare('SELECT DISTINCT kind FROM event ORDER BY kind').pluck().all() as EventKind[],
      places: db
        .prepare(
          `SELECT id, name FROM (
          SELECT p.id, p.name FROM event e JOIN place p ON p.id = e.place_id
          UNION SELECT c.code, c.name FROM event e JOIN economy c ON c.code = e.country_code
          UNION SELECT r.code, r.name FROM event e JOIN economy r ON r.code = e.region_code)
        ORDER BY name`,
        )
        .all() as { id: string; name: string }[],
    },
  };
}

export function eventsHandlers(ctx: Context): HandlersOf<typeof eventsContract> {
  return { listEvents: (input) => listEvents(ctx.db, input, ctx.today()) };
}
