/**
 * What file a dashboard's "Export data…" makes: the tables each dashboard writes, and so whether its
 * CSV export is one CSV file or a ZIP of one CSV per table. Pure: the page names the Save dialog's
 * file from it, the core writes by it (tests/unit/exports-dashboard.test.ts keeps both in step).
 */
import type { ExportDashboard } from '../exports/contract.ts';

export const DASHBOARD_EXPORT_TABLES = {
  overview: ['headline', 'statements', 'claims', 'contents'],
  trade: ['kpi', 'series', 'mirror', 'reconciliation'],
  monthly: ['months', 'years'],
  sectors: ['sectors', 'figures'],
  projects: ['projects', 'by_field', 'by_region'],
  events: ['events'],
  logistics: ['routes', 'legs'],
  partners: ['totals', 'ranking', 'rank_history', 'partner_series'],
  products: ['products'],
} as const satisfies Record<ExportDashboard, readonly string[]>;

/** The kind of file an export of this dashboard in this format is. */
export function dashboardFileKind(dashboard: ExportDashboard, format: 'csv' | 'xlsx'): 'csv' | 'zip' | 'xlsx' {
  if (format === 'xlsx') return 'xlsx';
  return DASHBOARD_EXPORT_TABLES[dashboard].length > 1 ? 'zip' : 'csv';
}
