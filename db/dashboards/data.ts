/**
 * The data core's half of the dashboards, one file each: db/dashboards/data/<id>.ts gives its view model (from the
 * areas' own query functions, no SQL) and its export's tables built from that same model, as its default export, and
 * adds its model's type to DashboardModels (shared.ts). It is found here by its id, so no list names the data files:
 * Node and vitest import the file itself; the bundler (a dynamic import with a variable) turns the folder's files
 * into chunks it looks up by name, and tests/unit/packaging.test.ts checks that the built app has one for every
 * dashboard. The folder holds nothing else, so the bundler's list is exactly the dashboards.
 * The dashboards themselves are defined in db/common/dashboards.ts.
 */
import type { Context } from '../context.ts';
import type { DashboardFilters } from '../common/dashboard-filters.ts';
import { DASHBOARDS, type Dashboard } from '../common/dashboards.ts';
import { isOneOf } from '../common/vocabulary.ts';
import type { DashboardModels, Entry, Filters, TableData } from './shared.ts';

export type { DashboardModels };

// Every dashboard has a model type, and every model type is a dashboard's: a data file missing or misnamed fails here.
type Missing = Exclude<Dashboard, keyof DashboardModels>;
type Stray = Exclude<keyof DashboardModels, Dashboard>;
const everyModel: [Missing | Stray] extends [never] ? true : { withoutModel: Missing; notADashboard: Stray } = true;
void everyModel;

/** The `dashboard` method's result: the dashboard, its filters and its model. */
export type DashboardModel = { [D in Dashboard]: { id: D; filters: DashboardFilters<D>; model: DashboardModels[D] } }[Dashboard];

/** A dashboard's data file, db/dashboards/data/<id>.ts, by its id (an id the contract did not check never names a file). */
export async function dashboardData<D extends Dashboard>(id: D): Promise<Entry<D, DashboardModels[D]>> {
  if (!isOneOf(DASHBOARDS, id)) throw new Error(`${String(id)} is not a dashboard`);
  const file = (await import(`./data/${id}.ts`)) as { default?: Entry<D, DashboardModels[D]> };
  if (typeof file.default?.model !== 'function')
    throw new Error(`db/dashboards/data/${id}.ts does not export its dashboard's data as default`);
  return file.default;
}

/** A dashboard's view model for its (parsed) filters. */
export async function dashboardModel<D extends Dashboard>(ctx: Context, id: D, filters: Filters<D>): Promise<DashboardModel> {
  return { id, filters, model: await (await dashboardData(id)).model(ctx, filters) } as DashboardModel;
}

/** The tables an export of a dashboard writes: its model for these filters, as tables. */
export async function dashboardTables<D extends Dashboard>(
  ctx: Context,
  request: { dashboard: D; filters: Filters<D> },
): Promise<TableData[]> {
  const data = await dashboardData(request.dashboard);
  return data.tables(await data.model(ctx, request.filters), request.filters);
}
