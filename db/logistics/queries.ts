import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { Db } from '../open.ts';
import { sourceLookup, economyLookup } from '../refs.ts';
import type { logisticsContract, RouteItem, RoutePlace } from './contract.ts';

interface RouteRow {
  id: string;
  name: string;
  transit_days_min: number | null;
  transit_days_max: number | null;
  transit_basis: string | null;
  note: string | null;
  source_id: string;
}

interface LegRow {
  position: number;
  mode: 'sea' | 'rail' | 'road' | 'air';
  label: string | null;
  from_id: string;
  from_name: string;
  from_kind: RoutePlace['kind'];
  from_economy: string;
  to_id: string;
  to_name: string;
  to_kind: RoutePlace['kind'];
  to_economy: string;
}

export function listRoutes(db: Db): RouteItem[] {
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const legs = db.prepare(`SELECT l.position, l.mode, l.label,
      f.id AS from_id, f.name AS from_name, f.kind AS from_kind, f.economy_code AS from_economy,
      t.id AS to_id, t.name AS to_name, t.kind AS to_kind, t.economy_code AS to_economy
    FROM route_leg l JOIN place f ON f.id = l.from_place_id JOIN place t ON t.id = l.to_place_id
    WHERE l.route_id = ? ORDER BY l.position`);
  const routes = db
    .prepare('SELECT id, name, transit_days_min, transit_days_max, transit_basis, note, source_id FROM route ORDER BY name')
    .all() as RouteRow[];
  return routes.map((r) => ({
    id: r.id,
    name: r.name,
    legs: (legs.all(r.id) as LegRow[]).map((l) => ({
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
