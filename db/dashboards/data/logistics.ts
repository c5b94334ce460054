/** The Logistics dashboard: the routes and their legs, and its export tables. */
import { logisticsHandlers } from '../../logistics/queries.ts';
import type { RouteItem } from '../../logistics/contract.ts';
import { entry, type ModelOf, sourceText, table, type Cell, type TableData } from '../shared.ts';

const logisticsData = entry<'logistics'>()({ model: (ctx) => logisticsHandlers(ctx).listRoutes({}), tables: logisticsTables });
export default logisticsData;

declare module '../shared.ts' {
  interface DashboardModels {
    logistics: ModelOf<typeof logisticsData>;
  }
}

function logisticsTables(routes: RouteItem[]): TableData[] {
  return [
    table(
      'routes',
      ['route', 'legs', 'transit_days_min', 'transit_days_max', 'counted_from', 'note', 'source'],
      routes.map((r) => [
        r.name,
        r.legs.map((l) => `${l.from.name} → ${l.to.name} (${l.mode})`).join('; '),
        r.transitDays?.min ?? null,
        r.transitDays?.max ?? null,
        r.transitBasis ?? '',
        r.note ?? '',
        sourceText(r.source),
      ]),
    ),
    table(
      'legs',
      ['route', 'position', 'mode', 'from', 'from_economy', 'to', 'to_economy', 'label'],
      routes.flatMap((r) =>
        r.legs.map((l): Cell[] => [
          r.name,
          l.position,
          l.mode,
          l.from.name,
          l.from.economy.code,
          l.to.name,
          l.to.economy.code,
          l.label ?? '',
        ]),
      ),
    ),
  ];
}
