/**
 * The logistics area's queries: the routes with their legs, the transit time as a range where the
 * source gives one, and the handler that serves them. Rows come from db/logistics/sql.ts.
 */
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { Db } from '../database.ts';
import { sourceLookup, economyLookup } from '../refs.ts';
import type { logisticsContract, RouteItem } from './contract.ts';
import { legReader, routeRows } from './sql.ts';

export function listRoutes(db: Db): RouteItem[] {
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const legs = legReader(db);
  return routeRows(db).map((r) => ({
    id: r.id,
    name: r.name,
    legs: legs(r.id).map((l) => ({
      position: l.position,
      mode: l.mode,
      label: l.label,
      from: { id: l.from_id, name: l.from_name, kind: l.from_kind, economy: economy(l.from_economy) },
      to: { id: l.to_id, name: l.to_name, kind: l.to_kind, economy: economy(l.to_economy) },
    })),
    transitDays: r.transit_days_min !== null && r.transit_days_max !== null ? { min: r.transit_days_min, max: r.transit_days_max } : null,
    transitBasis: r.transit_basis,
    note: r.note,
    source: source(r.source_id),
  }));
}

export function logisticsHandlers(ctx: Context): HandlersOf<typeof logisticsContract> {
  return { listRoutes: () => listRoutes(ctx.db) };
}
