/**
 * The data core's half of the dashboards, one file each (db/dashboards/<id>.ts: its view model, from the areas'
 * own query functions, no SQL, and its export's tables built from that same model); this index lists them for
 * the `dashboard` method and the exports. The dashboards themselves are defined in db/common/dashboards.ts.
 */
import type { Context } from '../context.ts';
import type { DashboardFilters } from '../common/dashboard-filters.ts';
import type { Dashboard } from '../common/dashboards.ts';
import { eventsData } from './events.ts';
import { logisticsData } from './logistics.ts';
import { monthlyData } from './monthly.ts';
import { overviewData } from './overview.ts';
import { partnersData } from './partners.ts';
import { productsData } from './products.ts';
import { projectsData } from './projects.ts';
import { sectorsData } from './sectors.ts';
import type { Entry, Filters, TableData } from './shared.ts';
import { tradeData } from './trade.ts';

/** Each dashboard's data; its model's type is what the `dashboard` method returns for it (DashboardModels). */
const DASHBOARD_DATA = {
  overview: overviewData,
  trade: tradeData,
  monthly: monthlyData,
  partners: partnersData,
  products: productsData,
  sectors: sectorsData,
  projects: projectsData,
  events: eventsData,
  logistics: logisticsData,
} satisfies { [D in Dashboard]: Entry<D, unknown> };

/** What each dashboard's view shows. */
export type DashboardModels = { [D in Dashboard]: Awaited<ReturnType<(typeof DASHBOARD_DATA)[D]['model']>> };

/** The `dashboard` method's result: the dashboard, its filters and its model. */
export type DashboardModel = { [D in Dashboard]: { id: D; filters: DashboardFilters<D>; model: DashboardModels[D] } }[Dashboard];

// Each entry is checked against its own dashboard above; indexed by a generic id it is one of them.
const dataOf = <D extends Dashboard>(id: D): Entry<D, unknown> => DASHBOARD_DATA[id as Dashboard] as unknown as Entry<D, unknown>;

/** A dashboard's view model for its (parsed) filters. */
export async function dashboardModel<D extends Dashboard>(ctx: Context, id: D, filters: Filters<D>): Promise<DashboardModel> {
  return { id, filters, model: await dataOf(id).model(ctx, filters) } as DashboardModel;
}

/** The tables an export of a dashboard writes: its model for these filters, as tables. */
export async function dashboardTables<D extends Dashboard>(
  ctx: Context,
  request: { dashboard: D; filters: Filters<D> },
): Promise<TableData[]> {
  const { model } = await dashboardModel(ctx, request.dashboard, request.filters);
  return dataOf(request.dashboard).tables(model, request.filters);
}
