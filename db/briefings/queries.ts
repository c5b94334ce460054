import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { ApiError, issuePath } from '../common/errors.ts';
import type { Db } from '../open.ts';
import { headline } from '../overview/queries.ts';
import type { SourceRef } from '../shared-types.ts';
import { sourceLookup } from '../refs.ts';
import { listEvents } from '../events/queries.ts';
import { listRoutes } from '../logistics/queries.ts';
import { listProjects } from '../projects/queries.ts';
import { listSectors } from '../sectors/queries.ts';
import { reconcile, tradeMirror, tradeSeries } from '../trade/queries.ts';
import { checkClaims } from '../claims/check.ts';
import { blockConfigSchemas, isBlockKind, type BlockConfig, type BlockKind, type BlockSpec } from './blocks.ts';
import type {
  BlockDataMap,
  Briefing,
  briefingsContract,
  BriefingSummary,
  NumberedSource,
  ResolvedBlock,
  ResolvedBlocks,
} from './contract.ts';

// ---------------------------------------------------------------------------------------------
// The block registry of the data core: for every kind, where its data comes from and which
// sources it rests on. The config was validated against blockConfigSchemas[kind] before.
// ---------------------------------------------------------------------------------------------

interface BlockResolver<K extends BlockKind> {
  load(ctx: Context, config: BlockConfig<K>): BlockDataMap[K];
  sources(data: BlockDataMap[K], config: BlockConfig<K>, source: (id: string) => SourceRef): SourceRef[];
}

type Registry = { [K in BlockKind]: BlockResolver<K> };

const pair = (c: { reporter: string; partner: string; from?: number | undefined; to?: number | undefined }) => ({
  reporter: c.reporter,
  partner: c.partner,
  from: c.from,
  to: c.to,
});

const registry: Registry = {
  text: {
    load: () => null,
    sources: (_data, config, source) => config.sources.map((id) => source(id)),
  },
  kpi: {
    load: ({ db }, c) => headline(db, { reporter: c.reporter, partner: c.partner, year: c.year }),
    sources: (h) => (h ? [h.exports.source, h.imports.source, ...(h.statedTotal ? [h.statedTotal.source] : [])] : []),
  },
  reconciliation: {
    load: ({ db }, c) => {
      const items = reconcile(db, { reporter: c.reporter, partner: c.partner, tolerance: c.tolerance });
      if (c.latest === undefined) return items;
      const years = [...new Set(items.map((r) => r.year))].sort((a, b) => b - a).slice(0, c.latest);
      return items.filter((r) => years.includes(r.year));
    },
    sources: (items) => items.flatMap((r) => (r.kind === 'stated-vs-parts' ? [r.source] : r.values.map((v) => v.source))),
  },
  statements: {
    load: ({ db }, c) => {
      const source = sourceLookup(db);
      const rows = db.prepare("SELECT id, kind, text, source_id FROM statement ORDER BY kind = 'context', id").all() as {
        id: string;
        kind: 'claim' | 'context';
        text: string;
        source_id: string;
      }[];
      return rows
        .filter((r) => c.kinds.includes(r.kind))
        .map((r) => ({ id: r.id, kind: r.kind, text: r.text, source: source(r.source_id) }));
    },
    sources: (items) => items.map((s) => s.source),
  },
  claims: {
    load: ({ db }, c) => checkClaims(db, { sourceId: c.sourceId, reporter: c.reporter, partner: c.partner }),
    sources: (r) =>
      r.claims.flatMap((c) => [
        c.source,
        ...c.readings.flatMap((reading) => [...reading.parts.map((p) => p.source), ...(reading.leader?.sources ?? [])]),
      ]),
  },
  'trade-chart': {
    load: ({ db }, c) => tradeSeries(db, pair(c)),
    sources: (series) => series.sources,
  },
  mirror: {
    load: ({ db }, c) => {
      const m = tradeMirror(db, pair(c));
      if (c.latest === undefined) return m;
      const keep = (rows: (typeof m.directions)[0]['rows']) => rows.slice(Math.max(0, rows.length - (c.latest ?? rows.length)));
      return {
        ...m,
        directions: [
          { ...m.directions[0], rows: keep(m.directions[0].rows) },
          { ...m.directions[1], rows: keep(m.directions[1].rows) },
        ],
      };
    },
    sources: (m) =>
      m.directions
        .flatMap((d) => d.rows.flatMap((r) => [r.exporterReport?.source, r.importerReport?.source]))
        .filter((s): s is SourceRef => s !== undefined),
  },
  'sectors-table': {
    load: ({ db }, c) => listSectors(db, pair(c)),
    sources: (o) => [
      ...o.sectors.flatMap((s) => [...s.priorities.map((p) => p.source), ...(s.latest?.sources ?? []), ...s.figures.map((f) => f.source)]),
      ...o.otherFigures.map((f) => f.source),
    ],
  },
  'projects-table': {
    load: ({ db }, c) => listProjects(db, { region: c.region, field: c.field, status: c.status }),
    sources: (r) => r.projects.map((p) => p.source),
  },
  'events-table': {
    load: (ctx, c) => {
      const r = listEvents(ctx.db, { kind: c.kind, place: c.place }, ctx.today());
      return [...r.past, ...r.upcoming].sort(
        (a, b) =>
          (a.earliest ?? '9999').localeCompare(b.earliest ?? '9999') ||
          (a.latest ?? '9999').localeCompare(b.latest ?? '9999') ||
          a.title.localeCompare(b.title),
      );
    },
    sources: (rows) => rows.map((r) => r.source),
  },
  route: {
    load: ({ db }, c) => {
      const all = listRoutes(db);
      if (c.routeId === undefined) return all;
      const one = all.filter((r) => r.id === c.routeId);
      if (one.length === 0) throw new ApiError('not-found', `No route with id ${c.routeId}.`);
      return one;
    },
    sources: (rows) => rows.map((r) => r.source),
  },
};

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${issuePath(i.path, '(config)')}: ${i.message}`).join('; ');
}

/** Resolves stored or given blocks in order, numbering their sources by first use. */
export function resolveBlocks(ctx: Context, blocks: { id: string | null; kind: string; config: unknown }[]): ResolvedBlocks {
  const source = sourceLookup(ctx.db);
  const numbers = new Map<string, number>();
  const list: NumberedSource[] = [];
  const number = (ref: SourceRef): number => {
    let n = numbers.get(ref.id);
    if (n === undefined) {
      n = list.length + 1;
      numbers.set(ref.id, n);
      list.push({ number: n, source: ref });
    }
    return n;
  };
  const resolved = blocks.map((block, i): ResolvedBlock => {
    const position = i + 1;
    const invalid = (error: string): ResolvedBlock => ({
      id: block.id,
      position,
      footnotes: [],
      kind: 'invalid',
      storedKind: block.kind,
      config: block.config,
      data: null,
      error,
    });
    if (!isBlockKind(block.kind)) return invalid(`This version of Tradebrief does not know blocks of kind “${block.kind}”.`);
    const kind = block.kind;
    const parsed = blockConfigSchemas[kind].safeParse(block.config);
    if (!parsed.success) return invalid(`The settings of this ${kind} block are not valid: ${describeIssues(parsed.error)}`);
    try {
      const resolver = registry[kind] as unknown as BlockResolver<BlockKind>;
      const config = parsed.data as BlockConfig;
      const data = resolver.load(ctx, config);
      const footnotes = [...new Set(resolver.sources(data, config, source).map(number))].sort((a, b) => a - b);
      return { id: block.id, position, footnotes, kind, config, data, error: null } as ResolvedBlock;
    } catch (error) {
      return invalid(error instanceof Error ? error.message : String(error));
    }
  });
  return { blocks: resolved, sources: list };
}

// ---------------------------------------------------------------------------------------------
// Briefings and their blocks.
// ---------------------------------------------------------------------------------------------

interface BriefingRow {
  id: string;
  title: string;
  audience: string;
  dated_on: string | null;
  classification: string;
  created_at: string;
  updated_at: string;
  pack_id: string | null;
  deleted_at: string | null;
  block_count: number;
}

interface BlockRow {
  id: string;
  briefing_id: string;
  position: number;
  kind: string;
  config: string;
}

const SUMMARY_SELECT = `SELECT b.*, (SELECT count(*) FROM briefing_block k WHERE k.briefing_id = b.id) AS block_count FROM briefing b`;

function toSummary(row: BriefingRow): BriefingSummary {
  return {
    id: row.id,
    title: row.title,
    audience: row.audience,
    datedOn: row.dated_on,
    classification: row.classification,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    packId: row.pack_id,
    blockCount: row.block_count,
  };
}

function now(): string {
  return new Date().toISOString();
}

export function briefingsHandlers(ctx: Context): HandlersOf<typeof briefingsContract> {
  const db = (): Db => ctx.db;

  const row = (id: string, includeDeleted = false): BriefingRow => {
    const r = db().prepare(`${SUMMARY_SELECT} WHERE b.id = ?`).get(id) as BriefingRow | undefined;
    if (!r || (r.deleted_at !== null && !includeDeleted))
      throw new ApiError('not-found', `No briefing with id ${id}${r ? ' (it is in the trash)' : ''}.`, { id });
    return r;
  };
  const blockRows = (briefingId: string): BlockRow[] =>
    db().prepare('SELECT * FROM briefing_block WHERE briefing_id = ? ORDER BY position, id').all(briefingId) as BlockRow[];
  const blockRow = (id: string): BlockRow => {
    const r = db().prepare('SELECT * FROM briefing_block WHERE id = ?').get(id) as BlockRow | undefined;
    if (!r) throw new ApiError('not-found', `No briefing block with id ${id}.`, { id });
    row(r.briefing_id);
    return r;
  };
  const log = (action: 'create' | 'update' | 'delete', entity: string, entityId: string, before: unknown, after: unknown): void => {
    db()
      .prepare('INSERT INTO edit_log (at, user_name, action, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(
        now(),
        ctx.userName,
        action,
        entity,
        entityId,
        before === null ? null : JSON.stringify(before),
        after === null ? null : JSON.stringify(after),
      );
  };
  const touch = (briefingId: string): void => {
    db().prepare('UPDATE briefing SET updated_at = ? WHERE id = ?').run(now(), briefingId);
  };
  /** Renumbers positions 1..n in the given order. */
  const renumber = (ids: string[]): void => {
    const set = db().prepare('UPDATE briefing_block SET position = ? WHERE id = ?');
    ids.forEach((id, i) => set.run(i + 1, id));
  };
  const insertBlocks = (briefingId: string, blocks: BlockSpec[], from: number): void => {
    const insert = db().prepare('INSERT INTO briefing_block (id, briefing_id, position, kind, config) VALUES (?, ?, ?, ?, ?)');
    blocks.forEach((b, i) => insert.run(randomUUID(), briefingId, from + i, b.kind, JSON.stringify(b.config)));
  };
  const get = (id: string): Briefing => {
    const r = row(id);
    const { blocks, sources } = resolveBlocks(
      ctx,
      blockRows(id).map((b) => ({ id: b.id, kind: b.kind, config: safeJson(b.config) })),
    );
    return { ...toSummary(r), blocks, sources };
  };
  const tx = <T>(fn: () => T): T => db().transaction(fn).immediate();

  return {
    listBriefings: () =>
      (db().prepare(`${SUMMARY_SELECT} WHERE b.deleted_at IS NULL ORDER BY b.updated_at DESC, b.title`).all() as BriefingRow[]).map(
        toSummary,
      ),

    getBriefing: ({ id }) => get(id),

    resolveBlocks: ({ blocks }) =>
      resolveBlocks(
        ctx,
        blocks.map((b) => ({ id: null, kind: b.kind, config: b.config })),
      ),

    createBriefing: (input) => {
      const id = randomUUID();
      tx(() => {
        const at = now();
        db()
          .prepare(
            `INSERT INTO briefing (id, title, audience, dated_on, classification, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(id, input.title, input.audience, input.datedOn ?? null, input.classification, at, at);
        insertBlocks(id, input.blocks, 1);
        log('create', 'briefing', id, null, { title: input.title });
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
        };
        db()
          .prepare('UPDATE briefing SET title = ?, audience = ?, dated_on = ?, classification = ?, updated_at = ? WHERE id = ?')
          .run(next.title, next.audience, next.dated_on, next.classification, now(), input.id);
        log(
          'update',
          'briefing',
          input.id,
          { title: before.title, audience: before.audience, datedOn: before.dated_on, classification: before.classification },
          { title: next.title, audience: next.audience, datedOn: next.dated_on, classification: next.classification },
        );
        return toSummary(row(input.id));
      });
    },

    duplicateBriefing: ({ id, title }) => {
      const copy = randomUUID();
      tx(() => {
        const src = row(id);
        const at = now();
        db()
          .prepare(
            `INSERT INTO briefing (id, title, audience, dated_on, classification, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(copy, title ?? `${src.title} (copy)`, src.audience, src.dated_on, src.classification, at, at);
        const insert = db().prepare('INSERT INTO briefing_block (id, briefing_id, position, kind, config) VALUES (?, ?, ?, ?, ?)');
        blockRows(id).forEach((b, i) => insert.run(randomUUID(), copy, i + 1, b.kind, b.config));
        log('create', 'briefing', copy, null, { duplicateOf: id });
      });
      return get(copy);
    },

    deleteBriefing: ({ id }) =>
      tx(() => {
        row(id);
        const at = now();
        db().prepare('UPDATE briefing SET deleted_at = ? WHERE id = ?').run(at, id);
        log('delete', 'briefing', id, { deletedAt: null }, { deletedAt: at });
        return { id, deletedAt: at };
      }),

    restoreBriefing: ({ id }) =>
      tx(() => {
        const r = row(id, true);
        if (r.deleted_at === null) return toSummary(r);
        db().prepare('UPDATE briefing SET deleted_at = NULL WHERE id = ?').run(id);
        log('update', 'briefing', id, { deletedAt: r.deleted_at }, { deletedAt: null });
        return toSummary(row(id));
      }),

    addBlock: ({ briefingId, block, position }) => {
      tx(() => {
        row(briefingId);
        const ids = blockRows(briefingId).map((b) => b.id);
        const at = Math.min(Math.max(position ?? ids.length + 1, 1), ids.length + 1);
        const id = randomUUID();
        db()
          .prepare('INSERT INTO briefing_block (id, briefing_id, position, kind, config) VALUES (?, ?, ?, ?, ?)')
          .run(id, briefingId, at, block.kind, JSON.stringify(block.config));
        ids.splice(at - 1, 0, id);
        renumber(ids);
        touch(briefingId);
      });
      return get(briefingId);
    },

    updateBlock: ({ id, block }) => {
      const briefingId = tx(() => {
        const b = blockRow(id);
        if (b.kind !== block.kind) {
          throw new ApiError('conflict', `Block ${id} is a ${b.kind} block; it cannot be changed into a ${block.kind} block.`, { id });
        }
        db().prepare('UPDATE briefing_block SET config = ? WHERE id = ?').run(JSON.stringify(block.config), id);
        touch(b.briefing_id);
        return b.briefing_id;
      });
      return get(briefingId);
    },

    moveBlock: ({ id, position }) => {
      const briefingId = tx(() => {
        const b = blockRow(id);
        const ids = blockRows(b.briefing_id)
          .map((x) => x.id)
          .filter((x) => x !== id);
        const at = Math.min(Math.max(position, 1), ids.length + 1);
        ids.splice(at - 1, 0, id);
        renumber(ids);
        touch(b.briefing_id);
        return b.briefing_id;
      });
      return get(briefingId);
    },

    removeBlock: ({ id }) => {
      const removed = tx(() => {
        const b = blockRow(id);
        const ids = blockRows(b.briefing_id).map((x) => x.id);
        db().prepare('DELETE FROM briefing_block WHERE id = ?').run(id);
        renumber(ids.filter((x) => x !== id));
        touch(b.briefing_id);
        return { briefingId: b.briefing_id, kind: b.kind, config: safeJson(b.config), position: ids.indexOf(id) + 1 };
      });
      const { briefingId, ...rest } = removed;
      return { ...get(briefingId), removed: rest };
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return {};
  }
}
