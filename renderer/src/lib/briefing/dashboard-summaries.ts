/**
 * The one-page print summary of each dashboard (`#/print/dashboard/<name>?<filters>`): the dashboard
 * as briefing blocks with its current filters frozen, resolved by the data core like any briefing.
 */
import type { BlockSpecInput } from '../../../../db/briefings/contract.ts';
import type { PrintableDashboard } from '../../../../db/print-options.ts';

const CODE = /^([A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3})$/;
const YEAR = /^\d{4}$/;

export interface DashboardSummary {
  title: string;
  blocks: BlockSpecInput[];
}

const LABELS: Record<PrintableDashboard, string> = {
  overview: 'Overview',
  trade: 'Trade balance',
  sectors: 'Export sectors',
  projects: 'Cooperation projects',
  events: 'Events',
  logistics: 'Logistics',
};

export function dashboardSummary(name: PrintableDashboard, query: Readonly<Record<string, string | undefined>>): DashboardSummary {
  const code = (k: string, fallback: string): string => (CODE.test(query[k] ?? '') ? (query[k] as string) : fallback);
  const year = (k: string): number | undefined => (YEAR.test(query[k] ?? '') ? Number(query[k]) : undefined);
  const reporter = code('reporter', 'KOR');
  const partner = code('partner', 'CHN');
  const from = year('from');
  const to = year('to');
  const range = { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
  const span = from !== undefined || to !== undefined ? `, ${from ?? '…'}–${to ?? '…'}` : '';
  const pairTitle = `${LABELS[name]}: ${reporter} – ${partner}${span}`;
  switch (name) {
    case 'overview':
      return { title: 'Overview', blocks: [
        { kind: 'kpi', config: { heading: 'Headline figures' } },
        { kind: 'statements', config: { heading: 'What the sources say' } },
      ] };
    case 'trade':
      return { title: pairTitle, blocks: [
        { kind: 'trade-chart', config: { heading: 'Exports, imports and balance by year', reporter, partner, ...range } },
        { kind: 'mirror', config: { heading: 'Mirror statistics, latest five years', reporter, partner, ...range, latest: 5 } },
        { kind: 'reconciliation', config: { heading: 'Where the figures disagree, latest year', reporter, partner, latest: 1 } },
      ] };
    case 'sectors':
      return { title: pairTitle, blocks: [{ kind: 'sectors-table', config: { heading: 'Export sectors', reporter, partner, ...range } }] };
    case 'projects': {
      const status = ['planned', 'signed', 'in-progress', 'completed', 'cancelled'].find((s) => s === query['status']) as
        'planned' | 'signed' | 'in-progress' | 'completed' | 'cancelled' | undefined;
      const region = CODE.test(query['region'] ?? '') ? query['region'] : undefined;
      const field = query['field']?.trim() || undefined;
      return { title: LABELS.projects, blocks: [{ kind: 'projects-table', config: {
        heading: 'Cooperation projects', ...(region ? { region } : {}), ...(status ? { status } : {}), ...(field ? { field } : {}),
      } }] };
    }
    case 'events': {
      const kind = ['meeting', 'business-meeting', 'forum', 'fair', 'exhibition', 'visit', 'other'].find((k) => k === query['kind']) as
        'meeting' | 'business-meeting' | 'forum' | 'fair' | 'exhibition' | 'visit' | 'other' | undefined;
      const place = query['place']?.trim() || undefined;
      return { title: LABELS.events, blocks: [{ kind: 'events-table', config: { heading: 'Meetings, forums, fairs', ...(kind ? { kind } : {}), ...(place ? { place } : {}) } }] };
    }
    case 'logistics':
      return { title: LABELS.logistics, blocks: [{ kind: 'route', config: { heading: 'Logistics routes' } }] };
  }
}
