/**
 * The one-page print summary of each dashboard (`#/print/dashboard/<name>?<filters>`): the dashboard
 * as briefing blocks with its current filters frozen, resolved by the data core like any briefing.
 */
import type { BlockSpecInput } from '../../../../db/briefings/contract.ts';
import type { PrintableDashboard } from '../../../../db/common/paper.ts';
import { DASHBOARD_TITLES, ECONOMY_CODE, EVENT_KINDS, isOneOf, PROJECT_STATUSES } from '../../../../db/common/vocabulary.ts';

const YEAR = /^\d{4}$/;

export interface DashboardSummary {
  title: string;
  blocks: BlockSpecInput[];
}

export function dashboardSummary(name: PrintableDashboard, query: Readonly<Record<string, string | undefined>>): DashboardSummary {
  const code = (k: string, fallback: string): string => (ECONOMY_CODE.test(query[k] ?? '') ? (query[k] as string) : fallback);
  const year = (k: string): number | undefined => (YEAR.test(query[k] ?? '') ? Number(query[k]) : undefined);
  const reporter = code('reporter', 'KOR');
  const partner = code('partner', 'CHN');
  const from = year('from');
  const to = year('to');
  const range = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  const span = from !== undefined || to !== undefined ? `, ${from ?? '…'}–${to ?? '…'}` : '';
  const pairTitle = `${DASHBOARD_TITLES[name]}: ${reporter} – ${partner}${span}`;
  switch (name) {
    case 'overview':
      return {
        title: DASHBOARD_TITLES.overview,
        blocks: [
          { kind: 'kpi', config: { heading: 'Headline figures' } },
          { kind: 'statements', config: { heading: 'What the sources say' } },
        ],
      };
    case 'trade':
      return {
        title: pairTitle,
        blocks: [
          { kind: 'trade-chart', config: { heading: 'Exports, imports and balance by year', reporter, partner, ...range } },
          { kind: 'mirror', config: { heading: 'Mirror statistics, latest five years', reporter, partner, ...range, latest: 5 } },
          { kind: 'reconciliation', config: { heading: 'Where the figures disagree, latest year', reporter, partner, latest: 1 } },
        ],
      };
    case 'sectors':
      return {
        title: pairTitle,
        blocks: [{ kind: 'sectors-table', config: { heading: DASHBOARD_TITLES.sectors, reporter, partner, ...range } }],
      };
    case 'projects': {
      const status = isOneOf(PROJECT_STATUSES, query['status']) ? query['status'] : undefined;
      const region = ECONOMY_CODE.test(query['region'] ?? '') ? query['region'] : undefined;
      const field = query['field']?.trim() || undefined;
      return {
        title: DASHBOARD_TITLES.projects,
        blocks: [
          {
            kind: 'projects-table',
            config: {
              heading: DASHBOARD_TITLES.projects,
              ...(region ? { region } : {}),
              ...(status ? { status } : {}),
              ...(field ? { field } : {}),
            },
          },
        ],
      };
    }
    case 'events': {
      const kind = isOneOf(EVENT_KINDS, query['kind']) ? query['kind'] : undefined;
      const place = query['place']?.trim() || undefined;
      return {
        title: DASHBOARD_TITLES.events,
        blocks: [
          { kind: 'events-table', config: { heading: 'Meetings, forums, fairs', ...(kind ? { kind } : {}), ...(place ? { place } : {}) } },
        ],
      };
    }
    case 'logistics':
      return { title: DASHBOARD_TITLES.logistics, blocks: [{ kind: 'route', config: { heading: 'Logistics routes' } }] };
  }
}
