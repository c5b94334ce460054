/**
 * The edit area's handlers: sources, projects, events, routes and sectors saved and deleted. Every
 * edit runs in one transaction, checks that what it refers to exists, and goes into the edit log with
 * the row's state before and after; a broken rule of the data model is said in words. Rows are read
 * and written by db/edit/sql.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { ApiError } from '../common/errors.ts';
import { said, saidAs, type CoreMessageCode, type Said } from '../common/core-messages.ts';
import type { Db } from '../database.ts';
import type { editContract } from './contract.ts';
import {
  deleteRow,
  editLog,
  logEdit,
  places,
  referenceExists,
  rowState,
  sectorMappings,
  writeEvent,
  writeProject,
  writeRoute,
  writeSector,
  writeSource,
  type Entity,
} from './sql.ts';

/** What an edit changes, as the page names it. */
const ENTITY_NAMES: Record<Entity, CoreMessageCode> = {
  source: 'entitySource',
  project: 'entityProject',
  event: 'entityEvent',
  route: 'entityRoute',
  sector: 'entitySector',
};
const entityText = (entity: Entity): Said => saidAs(ENTITY_NAMES[entity]);

/** Runs one change in a transaction and logs it with the before and after states. */
function change(ctx: Context, entity: Entity, id: string | undefined, apply: (id: string, exists: boolean) => void): { id: string } {
  const { db } = ctx;
  const finalId = id ?? `user:${entity}-${randomUUID().slice(0, 8)}`;
  try {
    db.transaction(() => {
      const before = rowState(db, entity, finalId);
      if (id !== undefined && !before) throw new ApiError('not-found', said('editNotFound', { entity: entityText(entity), id }));
      apply(finalId, before !== null);
      const after = rowState(db, entity, finalId);
      logEdit(db, { userName: ctx.userName, action: before ? 'update' : 'create', entity, id: finalId, before, after });
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
        const before = rowState(db, entity, id);
        if (!before) throw new ApiError('not-found', said('editNotFound', { entity: entityText(entity), id }));
        deleteRow(db, entity, id);
        logEdit(db, { userName: ctx.userName, action: 'delete', entity, id, before, after: null });
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
    return new ApiError('conflict', said('editInUse', { entity: entityText(entity) }));
  }
  if (code.startsWith('SQLITE_CONSTRAINT'))
    return new ApiError('invalid-input', said('editBreaksRule', { entity: entityText(entity), reason: (error as Error).message }));
  return error;
}

/** A reference an edit makes: the contract path of the field, what it must name, and its value. */
type Reference = readonly [path: string, kind: 'source' | 'economy' | 'place', value: string | undefined];
const REFERENCE_MISSING = { source: 'fieldNoSource', economy: 'fieldNoEconomy', place: 'fieldNoPlace' } as const;

/**
 * Checks, inside the edit's transaction, that every referenced row exists; a missing one (deleted
 * meanwhile, or never there) is reported like a schema error: `invalid-input` with
 * details.issues[{path, message}], so the form shows it next to its field.
 */
function checkReferences(db: Db, references: readonly Reference[]): void {
  const issues: ({ path: string } & Said)[] = [];
  for (const [path, kind, value] of references) {
    if (value === undefined) continue;
    if (!referenceExists(db, kind, value)) issues.push({ path, ...said(REFERENCE_MISSING[kind], { id: value }) });
  }
  const first = issues[0];
  if (first) throw new ApiError('invalid-input', `Invalid input: ${first.path}: ${first.message}`, { issues });
}

export function editHandlers(ctx: Context): HandlersOf<typeof editContract> {
  const { db } = ctx;
  return {
    saveSource: (s) => change(ctx, 'source', s.id, (id, exists) => writeSource(db, id, exists, s)),
    deleteSource: ({ id }) => remove(ctx, 'source', id),

    saveProject: (p) =>
      change(ctx, 'project', p.id, (id, exists) => {
        checkReferences(db, [
          ['partnerCode', 'economy', p.partnerCode],
          ['counterpartCode', 'economy', p.counterpartCode],
          ['sourceId', 'source', p.sourceId],
        ]);
        writeProject(db, id, exists, p);
      }),
    deleteProject: ({ id }) => remove(ctx, 'project', id),

    saveEvent: (e) =>
      change(ctx, 'event', e.id, (id, exists) => {
        checkReferences(db, [
          ['countryCode', 'economy', e.countryCode],
          ['sourceId', 'source', e.sourceId],
        ]);
        writeEvent(db, id, exists, e);
      }),
    deleteEvent: ({ id }) => remove(ctx, 'event', id),

    saveRoute: (r) =>
      change(ctx, 'route', r.id, (id, exists) => {
        checkReferences(db, [
          ...r.legs.flatMap((l, i): Reference[] => [
            [`legs[${i}].fromPlaceId`, 'place', l.fromPlaceId],
            [`legs[${i}].toPlaceId`, 'place', l.toPlaceId],
          ]),
          ['sourceId', 'source', r.sourceId],
        ]);
        writeRoute(db, id, exists, r);
      }),
    deleteRoute: ({ id }) => remove(ctx, 'route', id),

    saveSector: (s) =>
      change(ctx, 'sector', s.id, (id, exists) => {
        checkReferences(
          db,
          s.hs.map((h, i): Reference => [`hs[${i}].sourceId`, 'source', h.sourceId]),
        );
        writeSector(db, id, exists, s);
      }),
    deleteSector: ({ id }) => remove(ctx, 'sector', id),

    listSectorMappings: () => sectorMappings(db),
    listPlaces: () => places(db),
    listEditLog: ({ limit, entity }) => editLog(db, limit, entity),
  };
}
