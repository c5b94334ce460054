/**
 * The briefings area's handlers: briefings and their blocks created, changed, moved, trashed and
 * restored, each change in one transaction and in the edit log. Rows come from db/briefings/sql.ts,
 * blocks are resolved by db/briefings/resolve.ts.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { ApiError } from '../common/errors.ts';
import { said } from '../common/core-messages.ts';
import { isLanguage } from '../common/languages.ts';
import type { BlockSpec } from '../common/briefing-blocks.ts';
import type { Briefing, briefingsContract, BriefingSummary } from './contract.ts';
import { logEdit } from '../edit/sql.ts';
import { resolveBlocks } from './resolve.ts';
import {
  blockRow,
  blockRows,
  briefingRow,
  briefingRows,
  deleteBlock,
  insertBlocks,
  insertBriefing,
  setDeleted,
  setPositions,
  touchBriefing,
  updateBlockConfig,
  updateBriefing,
  type BlockRow,
  type BriefingRow,
} from './sql.ts';

function toSummary(row: BriefingRow): BriefingSummary {
  return {
    id: row.id,
    title: row.title,
    audience: row.audience,
    datedOn: row.dated_on,
    classification: row.classification,
    printLanguage: isLanguage(row.print_language) ? row.print_language : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    packId: row.pack_id,
    blockCount: row.block_count,
  };
}

function now(): string {
  return new Date().toISOString();
}

/** A block's settings as stored; a damaged value reads as none (the block then says its settings are not valid). */
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}

const specRows = (blocks: readonly BlockSpec[]) => blocks.map((b) => ({ kind: b.kind, config: JSON.stringify(b.config) }));

/** A position asked for, within 1..n. */
const clampPosition = (position: number, n: number): number => Math.min(Math.max(position, 1), n);

export function briefingsHandlers(ctx: Context): HandlersOf<typeof briefingsContract> {
  const row = (id: string, includeDeleted = false): BriefingRow => {
    const r = briefingRow(ctx.db, id);
    if (!r || (r.deleted_at !== null && !includeDeleted))
      throw new ApiError('not-found', said(r ? 'briefingInTrash' : 'briefingNotFound', { id }), { id });
    return r;
  };
  /** A block of a briefing that is not in the trash. */
  const block = (id: string): BlockRow => {
    const r = blockRow(ctx.db, id);
    if (!r) throw new ApiError('not-found', said('briefingBlockNotFound', { id }), { id });
    row(r.briefing_id);
    return r;
  };
  const log = (action: 'create' | 'update' | 'delete', entityId: string, before: unknown, after: unknown): void =>
    logEdit(ctx.db, { userName: ctx.userName, action, entity: 'briefing', id: entityId, before, after });
  const get = (id: string): Briefing => {
    const r = row(id);
    const { blocks, sources } = resolveBlocks(
      ctx,
      blockRows(ctx.db, id).map((b) => ({ id: b.id, kind: b.kind, config: safeJson(b.config) })),
    );
    return { ...toSummary(r), blocks, sources };
  };
  const tx = <T>(fn: () => T): T => ctx.db.transaction(fn).immediate();

  return {
    listBriefings: () => briefingRows(ctx.db).map(toSummary),

    getBriefing: ({ id }) => get(id),

    resolveBlocks: ({ blocks }) =>
      resolveBlocks(
        ctx,
        blocks.map((b) => ({ id: null, kind: b.kind, config: b.config })),
      ),

    createBriefing: (input) => {
      const id = randomUUID();
      tx(() => {
        const { title, audience, classification, printLanguage } = input;
        insertBriefing(ctx.db, {
          id,
          title,
          audience,
          datedOn: input.datedOn ?? null,
          classification,
          printLanguage: printLanguage ?? null,
          at: now(),
        });
        insertBlocks(ctx.db, id, specRows(input.blocks), 1);
        log('create', id, null, { title: input.title });
      });
      return get(id);
    },

    updateBriefing: (input) => {
      return tx(() => {
        const before = row(input.id);
        const next = {
          title: input.title ?? before.title,
          audience: input.audience ?? before.audience,
          dated_on: input.datedOn === undefined ? before.dated_on : input.datedOn,
          classification: input.classification ?? before.classification,
          print_language: input.printLanguage === undefined ? before.print_language : input.printLanguage,
        };
        updateBriefing(ctx.db, input.id, next, now());
        log(
          'update',
          input.id,
          {
            title: before.title,
            audience: before.audience,
            datedOn: before.dated_on,
            classification: before.classification,
            printLanguage: before.print_language,
          },
          {
            title: next.title,
            audience: next.audience,
            datedOn: next.dated_on,
            classification: next.classification,
            printLanguage: next.print_language,
          },
        );
        return toSummary(row(input.id));
      });
    },

    duplicateBriefing: ({ id, title }) => {
      const copy = randomUUID();
      tx(() => {
        const src = row(id);
        insertBriefing(ctx.db, {
          id: copy,
          title: title ?? `${src.title} (copy)`,
          audience: src.audience,
          datedOn: src.dated_on,
          classification: src.classification,
          printLanguage: src.print_language,
          at: now(),
        });
        insertBlocks(ctx.db, copy, blockRows(ctx.db, id), 1);
        log('create', copy, null, { duplicateOf: id });
      });
      return get(copy);
    },

    deleteBriefing: ({ id }) =>
      tx(() => {
        row(id);
        const at = now();
        setDeleted(ctx.db, id, at);
        log('delete', id, { deletedAt: null }, { deletedAt: at });
        return { id, deletedAt: at };
      }),

    restoreBriefing: ({ id }) =>
      tx(() => {
        const r = row(id, true);
        if (r.deleted_at === null) return toSummary(r);
        setDeleted(ctx.db, id, null);
        log('update', id, { deletedAt: r.deleted_at }, { deletedAt: null });
        return toSummary(row(id));
      }),

    addBlock: ({ briefingId, block: spec, position }) => {
      tx(() => {
        row(briefingId);
        const ids = blockRows(ctx.db, briefingId).map((b) => b.id);
        const at = clampPosition(position ?? ids.length + 1, ids.length + 1);
        const [id] = insertBlocks(ctx.db, briefingId, specRows([spec]), at);
        ids.splice(at - 1, 0, id!);
        setPositions(ctx.db, ids);
        touchBriefing(ctx.db, briefingId, now());
      });
      return get(briefingId);
    },

    updateBlock: ({ id, block: spec }) => {
      const briefingId = tx(() => {
        const b = block(id);
        if (b.kind !== spec.kind) {
          throw new ApiError('conflict', said('briefingBlockKind', { id, kind: b.kind, other: spec.kind }), { id });
        }
        updateBlockConfig(ctx.db, id, JSON.stringify(spec.config));
        touchBriefing(ctx.db, b.briefing_id, now());
        return b.briefing_id;
      });
      return get(briefingId);
    },

    moveBlock: ({ id, position }) => {
      const briefingId = tx(() => {
        const b = block(id);
        const ids = blockRows(ctx.db, b.briefing_id)
          .map((x) => x.id)
          .filter((x) => x !== id);
        ids.splice(clampPosition(position, ids.length + 1) - 1, 0, id);
        setPositions(ctx.db, ids);
        touchBriefing(ctx.db, b.briefing_id, now());
        return b.briefing_id;
      });
      return get(briefingId);
    },

    removeBlock: ({ id }) => {
      const removed = tx(() => {
        const b = block(id);
        const ids = blockRows(ctx.db, b.briefing_id).map((x) => x.id);
        deleteBlock(ctx.db, id);
        setPositions(
          ctx.db,
          ids.filter((x) => x !== id),
        );
        touchBriefing(ctx.db, b.briefing_id, now());
        return { briefingId: b.briefing_id, kind: b.kind, config: safeJson(b.config), position: ids.indexOf(id) + 1 };
      });
      const { briefingId, ...rest } = removed;
      return { ...get(briefingId), removed: rest };
    },
  };
}
