/**
 * Where an event takes place, as the page writes it in its language: the place its source names; else that the
 * source names none, as "City not stated" when it gives the country (shown beside it) and "Place not stated" when not.
 */
import type { EventItem } from '../../../db/events/contract.ts';
import { t } from '../i18n/i18n.svelte.ts';

export function placeName(e: Pick<EventItem, 'place' | 'country'>): string {
  return e.place.name ?? t(e.country ? 'events.cityNotStated' : 'events.placeNotStated');
}
