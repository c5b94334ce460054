/**
 * The logistics area's reads of SQLite: the routes and the legs of each, with the places at both ends.
 */
import type { Db } from '../database.ts';
import type { RoutePlace } from './contract.ts';

export interface RouteRow {
  id: string;
  name: string;
  transit_days_min: number | null;
  transit_days_max: number | null;
  transit_basis: string | null;
  note: string | null;
  source_id: string;
}

export interface LegRow {
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

export function routeRows(db: Db): RouteRow[] {
  return db
    .prepare('SELECT id, name, transit_days_min, transit_days_max, transit_basis, note, source_id FROM route ORDER BY name')
    .all() as RouteRow[];
}

/** A reader of one route's legs in order, prepared once for all the routes. */
export function legReader(db: Db): (routeId: string) => LegRow[] {
  const legs = db.prepare(`SELECT l.position, l.mode, l.label,
      f.id AS from_id, f.name AS from_name, f.kind AS from_kind, f.economy_code AS from_economy,
      t.id AS to_id, t.name AS to_name, t.kind AS to_kind, t.economy_code AS to_economy
    FROM route_leg l JOIN place f ON f.id = l.from_place_id JOIN place t ON t.id = l.to_place_id
    WHERE l.route_id = ? ORDER BY l.position`);
  return (routeId) => legs.all(routeId) as LegRow[];
}
