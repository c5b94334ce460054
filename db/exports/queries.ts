import type { Context } from '../context.ts';
import type { Handlers } from '../contract.ts';
import { writeFileSafely } from '../files/safe-write.ts';
import type { DashboardExportResult } from './contract.ts';
import { dashboardFileKind } from '../common/dashboards.ts';
import { dashboardTables } from '../dashboards/data.ts';
import { writeTables } from './table-writer.ts';

export function exportsHandlers(ctx: Context): Pick<Handlers, 'exportDashboardData'> {
  return {
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
