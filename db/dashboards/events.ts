/** The Events dashboard: events upcoming and past, and its export table. */
import { eventsHandlers } from '../events/queries.ts';
import type { EventsResult } from '../events/contract.ts';
import { dateText, entry, sourceText, table, type Cell, type TableData } from './shared.ts';

export const eventsData = entry<'events'>()({ model: (ctx, f) => eventsHandlers(ctx).listEvents(f), tables: eventsTables });

function eventsTables(d: EventsResult): TableData[] {
  const rows = (group: string, list: typeof d.upcoming): Cell[][] =>
    list.map((e) => [
      group,
      e.title,
      e.kind,
      dateText(e.date),
      e.date.precision,
      e.date.value ?? '',
      e.date.part ?? '',
      e.earliest ?? '',
      e.latest ?? '',
      e.place.name ?? '',
      e.country?.code ?? '',
      e.region?.code ?? '',
      e.organiser ?? '',
      e.sectors.join('; '),
      e.projects.map((p) => `${p.title} (${p.count})`).join('; '),
      e.note ?? '',
      sourceText(e.source),
    ]);
  return [
    table(
      'events',
      [
        'group',
        'title',
        'kind',
        'date',
        'date_precision',
        'date_value',
        'date_part',
        'earliest_day',
        'latest_day',
        'place',
        'country',
        'region',
        'organiser',
        'sectors',
        'projects_signed',
        'note',
        'source',
      ],
      [...rows(`upcoming (after ${d.today})`, d.upcoming), ...rows(`past (before ${d.today})`, d.past)],
    ),
  ];
}
