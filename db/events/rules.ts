/**
 * The events area's rules, free of SQLite: a stored date with its precision read as a PreciseDate, the
 * earliest and latest day it can mean, and how events are split into upcoming and past and ordered.
 */
import { dateSortKey, type PreciseDate, type Weekday } from '../common/dates.ts';
import type { SourceRef } from '../shared-types.ts';
import type { EventItem } from './contract.ts';

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

/** The earliest day a date can mean, honouring "end of" a month; null without a date. */
export function earliestDay(date: PreciseDate): string | null {
  if (!date.value) return null;
  return dateSortKey(date);
}

/**
 * Upcoming events soonest first, past events latest first; by the earliest, then the latest day each can
 * mean (an event without a date last), then by title.
 */
export function splitByToday(items: readonly EventItem[]): { upcoming: EventItem[]; past: EventItem[] } {
  const key = (e: EventItem): string => `${e.earliest ?? '9999'}|${e.latest ?? '9999'}|${e.title}`;
  return {
    upcoming: items.filter((e) => !e.past).sort((a, b) => key(a).localeCompare(key(b))),
    past: items.filter((e) => e.past).sort((a, b) => key(b).localeCompare(key(a))),
  };
}
