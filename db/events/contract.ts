import type { PreciseDate } from '../common/dates.ts';
import { method } from '../method.ts';
import type { EconomyRef, SourceRef } from '../shared-types.ts';
import type { EventKind } from '../common/vocabulary.ts';
import { DASHBOARD_FILTERS } from '../common/dashboard-filters.ts';

export interface EventItem {
  id: string;
  kind: EventKind;
  title: string;
  date: PreciseDate;
  /** Earliest and latest calendar day the date can mean (null when unknown). */
  earliest: string | null;
  latest: string | null;
  /** Past when even the latest day it can mean is before today. */
  past: boolean;
  /** `name` is null when the source states no place (the page says so in its language; an export leaves the cell empty). */
  place: { id: string | null; name: string | null };
  country: EconomyRef | null;
  region: EconomyRef | null;
  organiser: string | null;
  sectors: string[];
  note: string | null;
  source: SourceRef;
  /** Projects signed at this event. */
  projects: { id: string; title: string; count: number }[];
}

export interface EventsResult {
  today: string;
  upcoming: EventItem[];
  past: EventItem[];
  options: { kinds: EventKind[]; places: { id: string; name: string }[] };
}

export const eventsContract = {
  /** Events, upcoming (soonest first) and past (latest first) relative to today, with filters by kind and place. */
  /** `place`: a place id, or a country/region code (all events in it). */
  listEvents: method<EventsResult>()(DASHBOARD_FILTERS.events),
};
