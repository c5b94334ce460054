/** The edit area's reads and writes of SQLite: each editable row with its children, the edit log, and the checks of references. */
import type { z } from 'zod';
import type { Db } from '../database.ts';
import type { EditLogEntry, eventInput, PlaceOption, projectInput, routeInput, sectorInput, sourceInput } from './contract.ts';

/** Tables an edit may touch, with what a row's full state is (the row and its children). */
export const ENTITIES = {
  source: { table: 'source', children: [] },
  project: { table: 'project', children: [['project_field', 'project_id']] },
  event: { table: 'event', children: [['event_sector', 'event_id']] },
  route: { table: 'route', children: [['route_leg', 'route_id']] },
  sector: { table: 'sector', children: [['sector_hs', 'sector_id']] },
} as const;
export type Entity = keyof typeof ENTITIES;

/** A row's full state (the row and its children), or null when there is none. */
export function rowState(db: Db, entity: Entity, id: string): Record<string, unknown> | null {
  const { table, children } = ENTITIES[entity];
  const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) return null;
  const state: Record<string, unknown> = { ...row };
  for (const [child, fk] of children) state[child] = db.prepare(`SELECT * FROM ${child} WHERE ${fk} = ? ORDER BY rowid`).all(id);
  return state;
}

export function deleteRow(db: Db, entity: Entity, id: string): void {
  db.prepare(`DELETE FROM ${ENTITIES[entity].table} WHERE id = ?`).run(id);
}

/** One entry of the edit log (every edit of the data and of briefings): who did what, with the states before and after. */
export function logEdit(
  db: Db,
  e: { userName: string; action: 'create' | 'update' | 'delete'; entity: string; id: string; before: unknown; after: unknown },
): void {
  db.prepare('INSERT INTO edit_log (at, user_name, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
    new Date().toISOString(),
    e.userName,
    e.action,
    e.entity,
    e.id,
    e.before === null ? null : JSON.stringify(e.before),
    e.after === null ? null : JSON.stringify(e.after),
  );
}

const REFERENCE_SQL = {
  source: 'SELECT 1 FROM source WHERE id = ?',
  economy: 'SELECT 1 FROM economy WHERE code = ?',
  place: 'SELECT 1 FROM place WHERE id = ?',
} as const;

/** Whether a source, economy or place with this id exists. */
export function referenceExists(db: Db, kind: keyof typeof REFERENCE_SQL, value: string): boolean {
  return db.prepare(REFERENCE_SQL[kind]).get(value) !== undefined;
}

/** A precise date's columns. */
const date = (d: { precision: string; value: string; part?: string | undefined } | undefined) => ({
  precision: d?.precision ?? null,
  value: d?.value ?? null,
  part: d && 'part' in d ? (d.part ?? null) : null,
});

/** Writes a source row. An existing row is updated in place, its children replaced. */
export function writeSource(db: Db, id: string, exists: boolean, s: z.output<typeof sourceInput>): void {
  const p = date(s.published);
  const values = [s.label, s.publisher, s.title, p.precision, p.value, s.url ?? null, s.note ?? null, id];
  if (exists) {
    db.prepare(
      'UPDATE source SET label = ?, publisher = ?, title = ?, published_precision = ?, published_value = ?, url = ?, note = ? WHERE id = ?',
    ).run(...values);
  } else {
    db.prepare(
      'INSERT INTO source (label, publisher, title, published_precision, published_value, url, note, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(...values);
  }
}

/** Writes a project row and its fields in order. An existing row is updated in place, its children replaced. */
export function writeProject(db: Db, id: string, exists: boolean, p: z.output<typeof projectInput>): void {
  const d = date(p.signed);
  const split = p.splitReported ? 1 : 0;
  const values = [
    p.title,
    p.count,
    split,
    p.partnerCode,
    p.counterpartCode ?? null,
    p.status,
    d.precision,
    d.value,
    d.part,
    p.valueUsd ?? null,
    p.note ?? null,
    p.sourceId,
    id,
  ];
  if (exists) {
    db.prepare(
      `UPDATE project SET title = ?, project_count = ?, split_reported = ?, partner_code = ?, counterpart_code = ?, status = ?,
      signed_precision = ?, signed_value = ?, signed_part = ?, value_usd = ?, note = ?, source_id = ? WHERE id = ?`,
    ).run(...values);
    db.prepare('DELETE FROM project_field WHERE project_id = ?').run(id);
  } else {
    db.prepare(
      `INSERT INTO project (title, project_count, split_reported, partner_code, counterpart_code, status, signed_precision, signed_value,
      signed_part, value_usd, note, source_id, id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...values);
  }
  const field = db.prepare('INSERT INTO project_field (project_id, field, position) VALUES (?, ?, ?)');
  p.fields.forEach((f, i) => field.run(id, f, i + 1));
}

/** Writes an event row and its sectors (once each). An existing row is updated in place, its children replaced. */
export function writeEvent(db: Db, id: string, exists: boolean, e: z.output<typeof eventInput>): void {
  const d = date(e.date);
  const values = [
    e.kind,
    e.title,
    e.placeText ?? null,
    e.countryCode ?? null,
    d.precision,
    d.value,
    d.part,
    e.note ?? null,
    e.sourceId,
    id,
  ];
  if (exists) {
    db.prepare(
      `UPDATE event SET kind = ?, title = ?, place_text = ?, country_code = ?, date_precision = ?, date_value = ?, date_part = ?,
      rel_anchor_id = NULL, rel_weekday = NULL, rel_relation = NULL, rel_note = NULL, note = ?, source_id = ? WHERE id = ?`,
    ).run(...values);
    db.prepare('DELETE FROM event_sector WHERE event_id = ?').run(id);
  } else {
    db.prepare(
      `INSERT INTO event (kind, title, place_text, country_code, date_precision, date_value, date_part, note, source_id, id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...values);
  }
  const sector = db.prepare('INSERT INTO event_sector (event_id, label) VALUES (?, ?)');
  for (const label of new Set(e.sectors)) sector.run(id, label);
}

/** Writes a route row and its legs in order. An existing row is updated in place, its children replaced. */
export function writeRoute(db: Db, id: string, exists: boolean, r: z.output<typeof routeInput>): void {
  const values = [r.name, r.transitDays?.min ?? null, r.transitDays?.max ?? null, r.transitBasis ?? null, r.note ?? null, r.sourceId, id];
  if (exists) {
    db.prepare(
      'UPDATE route SET name = ?, transit_days_min = ?, transit_days_max = ?, transit_basis = ?, note = ?, source_id = ? WHERE id = ?',
    ).run(...values);
    db.prepare('DELETE FROM route_leg WHERE route_id = ?').run(id);
  } else {
    db.prepare(
      'INSERT INTO route (name, transit_days_min, transit_days_max, transit_basis, note, source_id, id) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(...values);
  }
  const leg = db.prepare('INSERT INTO route_leg (route_id, position, mode, from_place_id, to_place_id, label) VALUES (?, ?, ?, ?, ?, ?)');
  r.legs.forEach((l, i) => leg.run(id, i + 1, l.mode, l.fromPlaceId, l.toPlaceId, l.label ?? null));
}

/** Writes a sector row and its HS codes. An existing row is updated in place, its children replaced. */
export function writeSector(db: Db, id: string, exists: boolean, s: z.output<typeof sectorInput>): void {
  if (exists) {
    db.prepare('UPDATE sector SET name = ?, description = ? WHERE id = ?').run(s.name, s.description ?? null, id);
    db.prepare('DELETE FROM sector_hs WHERE sector_id = ?').run(id);
  } else {
    db.prepare('INSERT INTO sector (name, description, id) VALUES (?, ?, ?)').run(s.name, s.description ?? null, id);
  }
  const hs = db.prepare('INSERT INTO sector_hs (sector_id, hs_code, description, source_id, note) VALUES (?, ?, ?, ?, ?)');
  for (const h of s.hs) hs.run(id, h.code, h.description ?? null, h.sourceId ?? null, h.note ?? null);
}

export function sectorMappings(db: Db): {
  id: string;
  name: string;
  description: string | null;
  hs: { code: string; description: string | null; sourceId: string | null; note: string | null }[];
}[] {
  const sectors = db.prepare('SELECT id, name, description FROM sector ORDER BY name').all() as {
    id: string;
    name: string;
    description: string | null;
  }[];
  const hs = db.prepare(
    'SELECT hs_code AS code, description, source_id AS sourceId, note FROM sector_hs WHERE sector_id = ? ORDER BY hs_code',
  );
  return sectors.map((s) => ({
    ...s,
    hs: hs.all(s.id) as { code: string; description: string | null; sourceId: string | null; note: string | null }[],
  }));
}

export function places(db: Db): PlaceOption[] {
  return db.prepare('SELECT id, name, kind, economy_code AS economyCode FROM place ORDER BY name').all() as PlaceOption[];
}

/** The edit log, newest first, of one kind of row or all. */
export function editLog(db: Db, limit: number, entity: string | undefined): EditLogEntry[] {
  return (
    db
      .prepare(
        `SELECT id, at, user_name AS userName, action, entity, entity_id AS entityId, before, after
      FROM edit_log WHERE (:entity IS NULL OR entity = :entity) ORDER BY id DESC LIMIT :limit`,
      )
      .all({ limit, entity: entity ?? null }) as (Omit<EditLogEntry, 'before' | 'after'> & {
      before: string | null;
      after: string | null;
    })[]
  ).map((r) => ({
    ...r,
    before: r.before ? (JSON.parse(r.before) as unknown) : null,
    after: r.after ? (JSON.parse(r.after) as unknown) : null,
  }));
}
