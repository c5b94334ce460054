/**
 * Exporting what a dashboard shows: given the dashboard and the very filters its view queries with,
 * its data is written as CSV (one file per table) or as one .xlsx workbook (one sheet per table),
 * every figure with its source. The rows come from the dashboards' own query functions.
 */
import { z } from 'zod';
import { method } from '../method.ts';
import { fileHandle } from '../common/file-kinds.ts';
import { eventsContract } from '../events/contract.ts';
import { logisticsContract } from '../logistics/contract.ts';
import { overviewContract } from '../overview/contract.ts';
import { partnersExportFilters } from '../partners/contract.ts';
import { productsInput } from '../products/contract.ts';
import { projectsContract } from '../projects/contract.ts';
import { sectorsContract } from '../sectors/contract.ts';
import { tradeDashboardContract } from '../trade/contract.ts';
import { DASHBOARDS, type Dashboard } from '../common/vocabulary.ts';

/** Every dashboard exports its data. */
export const EXPORT_DASHBOARDS = DASHBOARDS;
export type ExportDashboard = Dashboard;

const target = {
  /** Where the user chose to save: a .csv (one table), a .zip of CSV files (several) or an .xlsx workbook. */
  target: fileHandle,
  format: z.enum(['csv', 'xlsx']),
};

/** Each dashboard with the input schema of the query its view runs (so the filters are exactly the view's). */
export const dashboardExportInput = z.discriminatedUnion('dashboard', [
  z.object({ dashboard: z.literal('overview'), filters: overviewContract.overview.input.default({}), ...target }).strict(),
  z.object({ dashboard: z.literal('trade'), filters: tradeDashboardContract.tradeSeries.input, ...target }).strict(),
  z.object({ dashboard: z.literal('monthly'), filters: tradeDashboardContract.tradeMonthly.input, ...target }).strict(),
  z.object({ dashboard: z.literal('sectors'), filters: sectorsContract.listSectors.input, ...target }).strict(),
  z.object({ dashboard: z.literal('projects'), filters: projectsContract.listProjects.input.default({}), ...target }).strict(),
  z.object({ dashboard: z.literal('events'), filters: eventsContract.listEvents.input.default({}), ...target }).strict(),
  z.object({ dashboard: z.literal('logistics'), filters: logisticsContract.listRoutes.input.default({}), ...target }).strict(),
  z.object({ dashboard: z.literal('partners'), filters: partnersExportFilters, ...target }).strict(),
  z.object({ dashboard: z.literal('products'), filters: productsInput, ...target }).strict(),
]);

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

/** The most a chart image may weigh, as base64 (a 2× chart of a wide window is a few hundred KB). */
export const MAX_CHART_IMAGE_BASE64 = 6 * 1024 * 1024;

export const exportsContract = {
  /** Writes a chart image the page composed (a PNG, base64) where the user chose to save it. */
  exportChartImage: method<{ name: string; bytes: number }>()(
    z
      .object({
        target: fileHandle,
        png: z
          .string()
          .max(MAX_CHART_IMAGE_BASE64, 'a chart image of at most 6 MB')
          .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'a PNG image as base64'),
      })
      .strict(),
  ),
  /** Writes the rows the dashboard shows with these filters, as CSV files or one .xlsx workbook. */
  exportDashboardData: method<DashboardExportResult>()(dashboardExportInput),
};
