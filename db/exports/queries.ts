import { statSync, writeFileSync } from 'node:fs';
import type { Context } from '../context.ts';
import { ApiError } from '../common/errors.ts';
import { said } from '../common/core-messages.ts';
import type { HandlersOf } from '../area.ts';
import { writeFileSafely } from '../files/safe-write.ts';
import type { DashboardExportResult, exportsContract } from './contract.ts';
import { dashboardFileKind } from '../common/dashboards.ts';
import { dashboardTables } from '../dashboards/data.ts';
import { writeTables } from './table-writer.ts';
import { exportPackFile } from './pack.ts';
import { exportTable, exportTrade } from './tables.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Writes an export to the place the user chose: never onto the database or its backups, whole or not at all. */
async function toTarget<T>(ctx: Context, handle: string, write: (path: string) => T): Promise<T & { name: string }> {
  const { path, name } = ctx.files.write(handle);
  const result = await writeFileSafely(path, ctx.protectedFiles(), write);
  return { ...result, name };
}

export function exportsHandlers(ctx: Context): HandlersOf<typeof exportsContract> {
  return {
    exportChartImage: async (input) => {
      const bytes = Buffer.from(input.png, 'base64');
      // Only an image the page drew goes out under a .png name: a PNG signature and its header chunk first.
      if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR')
        throw new ApiError('invalid-input', said('exportNotPng'));
      const { path, name } = ctx.files.write(input.target);
      await writeFileSafely(path, ctx.protectedFiles(), (temp) => writeFileSync(temp, bytes));
      return { name, bytes: bytes.length };
    },
    exportPack: ({ target, ...input }) =>
      toTarget(ctx, target, (path) => {
        const { counts } = exportPackFile(ctx.db, path, input);
        return { counts };
      }),
    exportTradeCsv: ({ target, ...input }) => toTarget(ctx, target, (path) => ({ rows: exportTrade(ctx.db, path, input, 'csv').rows })),
    exportTradeXlsx: ({ target, ...input }) => toTarget(ctx, target, (path) => ({ rows: exportTrade(ctx.db, path, input, 'xlsx').rows })),
    exportTableCsv: ({ target, table }) => toTarget(ctx, target, (path) => ({ rows: exportTable(ctx.db, path, table, 'csv').rows })),
    exportTableXlsx: ({ target, table }) => toTarget(ctx, target, (path) => ({ rows: exportTable(ctx.db, path, table, 'xlsx').rows })),

    saveCopyAs: async ({ target }) => {
      const { path, name } = ctx.files.write(target);
      try {
        await writeFileSafely(path, ctx.protectedFiles(), (temp) => ctx.db.backup(temp));
      } catch (error) {
        if (error instanceof ApiError) throw error;
        throw new ApiError('invalid-file', said('exportCopyFailed', { file: name, reason: (error as Error).message }));
      }
      return { name, bytes: statSync(path).size };
    },

    exportDashboardData: async (input): Promise<DashboardExportResult> => {
      const tables = await dashboardTables(ctx, input);
      const { path, name } = ctx.files.write(input.target);
      const kind = dashboardFileKind(input.dashboard, input.format);
      const written = await writeFileSafely(path, ctx.protectedFiles(), (temp) => writeTables(temp, kind, tables));
      return {
        dashboard: input.dashboard,
        format: input.format,
        name,
        kind: written.kind,
        tables: written.tables,
        rows: written.tables.reduce((n, t) => n + t.rows, 0),
      };
    },
  };
}
