/**
 * Exporting what a dashboard shows: given the dashboard and the very filters its view queries with,
 * its data is written as CSV (one file per table) or as one .xlsx workbook (one sheet per table),
 * every figure with its source. The rows come from the dashboard's view model (db/dashboards/data.ts).
 */
import { z } from 'zod';
import { method } from '../method.ts';
import { fileHandle } from '../common/file-kinds.ts';
import { DASHBOARDS, dashboardRequest, type Dashboard } from '../common/dashboards.ts';

/** Every dashboard exports its data. */
export const EXPORT_DASHBOARDS = DASHBOARDS;
export type ExportDashboard = Dashboard;

/** Each dashboard with its filters (its definition's: exactly the view's), and where and how to write. */
export const dashboardExportInput = dashboardRequest('dashboard', {
  /** Where the user chose to save: a .csv (one table), a .zip of CSV files (several) or an .xlsx workbook. */
  target: fileHandle,
  format: z.enum(['csv', 'xlsx']),
});

export interface DashboardExportResult {
  dashboard: ExportDashboard;
  format: 'csv' | 'xlsx';
  /** The file written: a CSV file, a ZIP of one CSV per table when there are several, or one workbook. */
  name: string;
  /** What the file holds: `csv`, `zip` or `xlsx`. */
  kind: 'csv' | 'zip' | 'xlsx';
  tables: { table: string; rows: number }[];
  /** Data rows over all tables. */
  rows: number;
}

export const exportsContract = {
  /** Writes the rows the dashboard shows with these filters, as CSV files or one .xlsx workbook. */
  exportDashboardData: method<DashboardExportResult>()(dashboardExportInput),
};
