import { writeFileSync } from 'node:fs';
import { ApiError } from '../common/errors.ts';
import type { Context } from '../context.ts';
import type { Handlers } from '../contract.ts';
import { writeFileSafely } from '../files/safe-write.ts';
import type { DashboardExportResult } from './contract.ts';
import { dashboardFileKind } from '../common/dashboard-files.ts';
import { dashboardTables } from './dashboards.ts';
import { writeTables } from './table-writer.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function exportsHandlers(ctx: Context): Pick<Handlers, 'exportDashboardData' | 'exportChartImage'> {
  return {
    exportChartImage: async (input) => {
      const bytes = Buffer.from(input.png, 'base64');
      // Only an image the page drew goes out under a .png name: a PNG signature and its header chunk first.
      if (bytes.length < 33 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE) || bytes.toString('latin1', 12, 16) !== 'IHDR')
        throw new ApiError('invalid-input', 'The chart image is not a PNG image: nothing was saved.');
      const { path, name } = ctx.files.write(input.target);
      await writeFileSafely(path, ctx.protectedFiles(), (temp) => writeFileSync(temp, bytes));
      return { name, bytes: bytes.length };
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
