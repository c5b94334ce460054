import { resolve } from 'node:path';
import type { Context } from '../context.ts';
import type { Handlers } from '../contract.ts';
import { ApiError } from '../errors.ts';
import type { DashboardExportResult } from './contract.ts';
import { dashboardTables } from './dashboards.ts';
import { checkFree, plannedFiles, writeTables } from './table-writer.ts';

export function exportsHandlers(ctx: Context): Pick<Handlers, 'exportDashboardData'> {
  return {
    exportDashboardData: async (input): Promise<DashboardExportResult> => {
      const path = resolve(input.path);
      const tables = await dashboardTables(ctx, input);
      const targets = plannedFiles(path, input.format, tables);
      if (targets.some((t) => t === resolve(ctx.db.name))) throw new ApiError('conflict', 'That is the open database itself: choose another file.');
      checkFree(targets, input.overwrite);
      const files = writeTables(path, input.format, tables);
      return { dashboard: input.dashboard, format: input.format, files, rows: files.reduce((n, f) => n + f.rows, 0) };
    },
  };
}
