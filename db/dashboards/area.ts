import { defineArea, type HandlersOf } from '../area.ts';
import type { Context } from '../context.ts';
import { dashboardsContract } from './contract.ts';
import { dashboardModel } from './data.ts';

function dashboardsHandlers(ctx: Context): HandlersOf<typeof dashboardsContract> {
  return { dashboard: (input) => dashboardModel(ctx, input.id, input.filters) };
}

/** Dashboards: one call per dashboard load, returning its whole view model (db/common/dashboards.ts defines them). */
export const dashboardsArea = defineArea(dashboardsContract, dashboardsHandlers);
