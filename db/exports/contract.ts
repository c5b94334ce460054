/**
 * Data out: trade flows, any table of the data model and the whole database as a pack (CSV, .xlsx,
 * JSON), a copy of the database file, and what a dashboard shows: given the dashboard and the very
 * filters its view queries with, its data is written as CSV (one file per table) or as one .xlsx
 * workbook (one sheet per table), every figure with its source. The rows come from the dashboards'
 * own query functions. The file written is the one the user chose, behind a handle (db/files/handles.ts).
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
import { DASHBOARDS, FLOWS, type Dashboard } from '../common/vocabulary.ts';
import { packId } from '../packs/schema.ts';

export const EXPORT_TABLES = [
  'trade_flow',
  'source',
  'economy',
  'sector',
  'sector_hs',
  'project',
  'event',
  'route',
  'route_leg',
  'statement',
  'stated_figure',
  'import_run',
  'edit_log',
] as const;

const tradeExportInput = {
  /** Where the user chose to save (Save dialog, or a download in the browser). */
  target: fileHandle,
  reporter: z.string().max(10).optional(),
  partner: z.string().max(10).optional(),
  yearFrom: z.number().int().min(1900).max(2100).optional(),
  yearTo: z.number().int().min(1900).max(2100).optional(),
  flow: z.enum(FLOWS).optional(),
  product: z
    .string()
    .regex(/^(TOTAL|\d{2}|\d{4}|\d{6})$/)
    .optional(),
  sourceId: z.string().max(200).optional(),
};

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
  /** Writes the database's data (sources, economies, figures, sectors, projects, events, routes…) as a pack. */
  exportPack: method<{ name: string; counts: Record<string, number> }>()(
    z
      .object({
        target: fileHandle,
        id: packId.default('export'),
        /** Imported figures and their sources go into the pack too (what a colleague needs to see the same dashboards). */
        includeImported: z.boolean().default(true),
        title: z.string().trim().min(1).max(400).default('Tradebrief export'),
        version: z
          .string()
          .regex(/^\d+\.\d+\.\d+$/)
          .default('1.0.0'),
      })
      .strict(),
  ),
  /** Trade flows as CSV (RFC 4180, formula-safe), filtered. */
  exportTradeCsv: method<{ name: string; rows: number }>()(z.object(tradeExportInput).strict()),
  /** Trade flows as an .xlsx workbook (text cells stay text; over 1,048,576 rows continue on further sheets), filtered. */
  exportTradeXlsx: method<{ name: string; rows: number }>()(z.object(tradeExportInput).strict()),
  /** Any table of the data model as CSV. */
  exportTableCsv: method<{ name: string; rows: number }>()(z.object({ target: fileHandle, table: z.enum(EXPORT_TABLES) }).strict()),
  /** Any table of the data model as an .xlsx workbook. */
  exportTableXlsx: method<{ name: string; rows: number }>()(z.object({ target: fileHandle, table: z.enum(EXPORT_TABLES) }).strict()),
  /** A consistent copy of the open database (SQLite backup API). */
  saveCopyAs: method<{ name: string; bytes: number }>()(z.object({ target: fileHandle }).strict()),
  /** Writes the rows the dashboard shows with these filters, as CSV files or one .xlsx workbook. */
  exportDashboardData: method<DashboardExportResult>()(dashboardExportInput),
};
