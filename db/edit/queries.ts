import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { ApiError } from '../common/errors.ts';
import type { Db } from '../open.ts';
import type {
  editContract,
  EditLogEntry,
  eventInput,
  PlaceOption,
  projectInput,
  routeInput,
  sectorInput,
  sourceInput,
} from './contract.ts';

/** Tables an edit may touch, with what a row's full state is (the row and its children). */
const ENTITIES = {
  source: { table: 'source', children: [] },
  project: { table: 'project', children: [['project_field', 'project_id']] },
  event: { table: 'event', children: [['event_sector', 'event_id']] },
  route: { table: 'route', children: [['route_leg', 'route_id']] },
  sector: { table: 'sector', children: [['sector_hs', 'sector_id']] },
} as const;
type Entity = keyof typeof ENTITIES;

function stateOf(db: Db, entity: Entity, id: string): Record<string, unknown> | null {
  const { table, children } = ENTITIES[entity];
  const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) return null;
  const state: Record<string, unknown> = { ...row };
  for (const [child, fk] of children) state[child] = db.prepare(`SELECT * FROM ${child} WHERE ${fk} = ? ORDER BY rowid`).all(id);
  return state;
}

/** Runs one change in a transaction and logs it with the before and after states. */
function change(ctx: Context, entity: Entity, id: string | undefined, apply: (id: string, exists: boolean) => void): { id: string } {
  const { db } = ctx;
  const finalId = id ?? `user:${entity}-${randomUUID().slice(0, 8)}`;
  try {
    db.transaction(() => {
      const before = stateOf(db, entity, finalId);
      if (id !== undefined && !before) throw new ApiError('not-found', `No ${entity} with id ${id}.`);
      apply(finalId, before !== null);
      const after = stateOf(db, entity, finalId);
      db.prepare('INSERT INTO edit_log (at, user_name, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        new Date().toISOString(),
        ctx.userName,
        before ? 'update' : 'create',
        entity,
        finalId,
        before ? JSON.stringify(before) : null,
        JSON.stringify(after),
      );
    }).immediate();
  } catch (error) {
    throw constraintError(error, entity);
  }
  return { id: finalId };
}

function remove(ctx: Context, entity: Entity, id: string): { deleted: boolean } {
  const { db } = ctx;
  try {
    return db
      .transaction(() => {
        const before = stateOf(db, entity, id);
        if (!before) throw new ApiError('not-found', `No ${entity} with id ${id}.`);
        db.prepare(`DELETE FROM ${ENTITIES[entity].table} WHERE id = ?`).run(id);
        db.prepare('INSERT INTO edit_log (at, user_name, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, NULL)').run(
          new Date().toISOString(),
          ctx.userName,
          'delete',
          entity,
          id,
          JSON.stringify(before),
        );
        return { deleted: true };
      })
      .immediate();
  } catch (error) {
    throw constraintError(error, entity);
  }
}

function constraintError(error: unknown, entity: Entity): unknown {
  const code = (error as { code?: string }).code ?? '';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') {
    return new ApiError(
      'conflict',
      `This ${entity} is still used by other data, or refers to something that does not exist: nothing was changed.`,
    );
  }
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return new ApiError('invalid-input', `The ${entity} breaks a rule of the data model: ${(error as Error).message}`);
  return error;
}

/** A reference an edit makes: the contract path of the field, what it must name, and its value. */
type Reference = readonly [path: string, kind: 'source' | 'economy' | 'place', value: string | undefined];
const REFERENCE_SQL = {
  source: 'SELECT 1 FROM source WHERE id = ?',
  economy: 'SELECT 1 FROM economy WHERE code = ?',
  place: 'SELECT 1 FROM place WHERE id = ?',
} as const;
const REFERENCE_WORDS = { source: 'no source', economy: 'no economy', place: 'no place' } as const;

/**
 * Checks, inside the edit's transaction, that every referenced row exists; a missing one (deleted
 * meanwhile, or never there) is reported like a schema error: `invalid-input` with
 * details.issues[{path, message}], so the form shows it next to its field.
 */
function checkReferences(db: Db, references: readonly Reference[]): void {
  const issues: { path: string; message: string }[] = [];
  for (const [path, kind, value] of references) {
    if (value === undefined) continue;
    if (db.prepare(REFERENCE_SQL[kind]).get(value) === undefined) {
      issues.push({ path, message: `${REFERENCE_WORDS[kind]} ${value} in this database (deleted meanwhile?)` });
    }
  }
  const first = issues[0];
  if (first) throw new ApiError('invalid-input', `Invalid input: ${first.path}: ${first.message}`, { issues });
}

const date = (d: { precision: string; value: string; part?: string | undefined } | undefined) => ({
  precision: d?.precision ?? null,
  value: d?.value ?? null,
  part: d && 'part' in d ? (d.part ?? null) : null,
});

export function editHandlers(ctx: Context): HandlersOf<typeof editContract> {
  const { db } = ctx;
  return {
    saveSource: (s: z.output<typeof sourceInput>) =>
      change(ctx, 'source', s.id, (id, exists) => {
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
      }),
    deleteSource: ({ id }) => remove(ctx, 'source', id),

    saveProject: (p: z.output<typeof projectInput>) =>
      change(ctx, 'project', p.id, (id, exists) => {
        checkReferences(db, [
          ['partnerCode', 'economy', p.partnerCode],
          ['counterpartCode', 'economy', p.counterpartCode],
          ['sourceId', 'source', p.sourceId],
        ]);
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
      }),
    deleteProject: ({ id }) => remove(ctx, 'project', id),

    saveEvent: (e: z.output<typeof eventInput>) =>
      change(ctx, 'event', e.id, (id, exists) => {
        checkReferences(db, [
          ['countryCode', 'economy', e.countryCode],
          ['sourceId', 'source', e.sourceId],
        ]);
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
      }),
    deleteEvent: ({ id }) => remove(ctx, 'event', id),

    saveRoute: (r: z.output<typeof routeInput>) =>
      change(ctx, 'route', r.id, (id, exists) => {
        checkReferences(db, [
          ...r.legs.flatMap((l, i): Reference[] => [
            [`legs[${i}].fromPlaceId`, 'place', l.fromPlaceId],
            [`legs[${i}].toPlaceId`, 'place', l.toPlaceId],
          ]),
          ['sourceId', 'source', r.sourceId],
        ]);
        const values = [
          r.name,
          r.transitDays?.min ?? null,
          r.transitDays?.max ?? null,
          r.transitBasis ?? null,
          r.note ?? null,
          r.sourceId,
          id,
        ];
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
        const leg = db.prepare(
          'INSERT INTO route_leg (route_id, position, mode, from_place_id, to_place_id, label) VALUES (?, ?, ?, ?, ?, ?)',
        );
        r.legs.forEach((l, i) => leg.run(id, i + 1, l.mode, l.fromPlaceId, l.toPlaceId, l.label ?? null));
      }),
    deleteRoute: ({ id }) => remove(ctx, 'route', id),

    saveSector: (s: z.output<typeof sectorInput>) =>
      change(ctx, 'sector', s.id, (id, exists) => {
        checkReferences(
          db,
          s.hs.map((h, i): Reference => [`hs[${i}].sourceId`, 'source', h.sourceId]),
        );
        if (exists) {
          db.prepare('UPDATE sector SET name = ?, description = ? WHERE id = ?').run(s.name, s.description ?? null, id);
          db.prepare('DELETE FROM sector_hs WHERE sector_id = ?').run(id);
        } else {
          db.prepare('INSERT INTO sector (name, description, id) VALUES (?, ?, ?)').run(s.name, s.description ?? null, id);
        }
        const hs = db.prepare('INSERT INTO sector_hs (sector_id, hs_code, description, source_id, note) VALUES (?, ?, ?, ?, ?)');
        for (const h of s.hs) hs.run(id, h.code, h.description ?? null, h.sourceId ?? null, h.note ?? null);
      }),
    deleteSector: ({ id }) => remove(ctx, 'sector', id),

    listSectorMappings: () => {
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
    },
    listPlaces: () => db.prepare('SELECT id, name, kind, economy_code AS economyCode FROM place ORDER BY name').all() as PlaceOption[],

    listEditLog: ({ limit, entity }) =>
      (
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
      })),
  };
}
