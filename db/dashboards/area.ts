import { defineArea } from '../area.ts';
import { dashboardsContract } from './contract.ts';
import { dashboardsHandlers } from './data.ts';

/** Dashboards: one call per dashboard load, returning its whole view model (db/common/dashboards.ts defines them). */
export const dashboardsArea = defineArea(dashboardsContract, dashboardsHandlers);
