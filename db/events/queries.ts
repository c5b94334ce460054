/**
 * The events area's queries: the events past and upcoming with their filter options, and the handler
 * that serves them. Rows come from db/events/sql.ts, dates and order from db/events/rules.ts.
 */
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { isPast, latestPossibleDay } from '../common/dates.ts';
import type { Db } from '../database.ts';
import { sourceLookup, economyLookup } from '../refs.ts';
import type { EventKind } from '../common/vocabulary.ts';
import type { EventItem, eventsContract, EventsResult } from './contract.ts';
import { earliestDay, eventDate, splitByToday } from './rules.ts';
import { eventKinds, eventPlaces, eventRows } from './sql.ts';

export function listEvents(db: Db, filter: { kind?: EventKind | undefined; place?: string | undefined }, today: string): EventsResult {
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const items: EventItem[] = eventRows(db, filter).map((r) => {
    const date = eventDate(r, source);
    return {
      id: r.id,
      kind: r.kind,
      title: r.title,
      date,
      earliest: earliestDay(date),
      latest: latestPossibleDay(date),
      past: isPast(date, today),
      place: { id: r.place_id, name: r.place_name ?? r.place_text ?? null },
      country: r.country_code ? economy(r.country_code) : null,
      region: r.region_code ? economy(r.region_code) : null,
      organiser: r.organiser,
      sectors: JSON.parse(r.sectors) as string[],
      note: r.note,
      source: source(r.source_id),
      projects: JSON.parse(r.projects) as EventItem['projects'],
    };
  });
  return {
    today,
    ...splitByToday(items),
    options: { kinds: eventKinds(db), places: eventPlaces(db) },
  };
}

export function eventsHandlers(ctx: Context): HandlersOf<typeof eventsContract> {
  return { listEvents: (input) => listEvents(ctx.db, input, ctx.today()) };
}
