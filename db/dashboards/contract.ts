/**
 * One call per dashboard load: `dashboard({ id, filters })` returns the dashboard's whole view model.
 * A single generic method (input and result are unions discriminated by `id`) rather than one method
 * per dashboard, so a new dashboard adds no contract entry: its filters come from its definition
 * (db/common/dashboards.ts), its model from db/dashboards/data/<id>.ts, which also builds its export's
 * tables from that same model (db/dashboards/data.ts finds it by its id).
 */
import { method } from '../method.ts';
import { dashboardRequest } from '../common/dashboard-filters.ts';
import type { DashboardModel, DashboardModels } from './data.ts';

export type { DashboardModel, DashboardModels };
export type { PartnersModel, TradeModel } from './models.ts';

export const dashboardInput = dashboardRequest('id', {});

export const dashboardsContract = {
  /** A dashboard's view model for its filters: everything its view shows, from one call. */
  dashboard: method<DashboardModel>()(dashboardInput),
};
