/**
 * Data out: trade flows, any table of the data model and the whole database as a pack (CSV, .xlsx,
 * JSON), a copy of the database file, a chart image, and what a dashboard shows: given the dashboard
 * and the very filters its view queries with, its data is written as CSV (one file per table) or as
 * one .xlsx workbook (one sheet per table), every figure with its source; the rows come from the
 * dashboard's view model (db/dashboards/data/<id>.ts). The file written is the one the user chose, behind
 * a handle (db/files/handles.ts).
 */
import { z } from 'zod';
import { method } from '../method.ts';
import { fileHandle } from '../common/file-handle.ts';
import { dashboardRequest } from '../common/dashboard-filters.ts';
import { DASHBOARDS, type Dashboard } from '../common/dashboards.ts';
import { EXPORT_TABLES, FLOWS } from '../common/vocabulary.ts';
import { packId } from '../packs/schema.ts';

export { EXPORT_TABLES };

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
