/**
 * A briefing's blocks resolved: each block's data from the area that owns it (the same queries as the
 * dashboards), and its sources numbered by first use across the briefing. A block this version does
 * not know, or whose settings are not valid, resolves to an `invalid` block that says why.
 */
import type { z } from 'zod';
import type { Context } from '../context.ts';
import { ApiError, issuePath } from '../common/errors.ts';
import { said } from '../common/core-messages.ts';
import type { Headline } from '../overview/contract.ts';
import { headline } from '../overview/queries.ts';
import type { SourceRef } from '../shared-types.ts';
import { economyLookup, sourceLookup } from '../refs.ts';
import { listEvents } from '../events/queries.ts';
import { listRoutes } from '../logistics/queries.ts';
import { listProjects } from '../projects/queries.ts';
import { listSectors } from '../sectors/queries.ts';
import { reconcile, tradeKpi, tradeMirror, tradeSeries } from '../trade/queries.ts';
import { checkClaims } from '../claims/check.ts';
import type { PartnerRanking } from '../partners/contract.ts';
import { partnerRankHistory, partnerRanking, partnerSeries } from '../partners/queries.ts';
import { partnerEconomies } from '../partners/sql.ts';
import { blockConfigSchemas, isBlockKind, type BlockConfig, type BlockKind } from '../common/briefing-blocks.ts';
import type { BlockDataMap, KpiBlockData, NumberedSource, ResolvedBlock, ResolvedBlocks } from './contract.ts';
import type { Db } from '../database.ts';
import { statementRows } from './sql.ts';
import { markdownTree } from './markdown.ts';

/** For every kind of block, where its data comes from and which sources it rests on (its config is validated before). */
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
    load: (_ctx, c) => markdownTree(c.markdown),
    sources: (_data, config, source) => config.sources.map((id) => source(id)),
  },
  kpi: {
    load: ({ db }, c) => withGrowth(db, headline(db, { reporter: c.reporter, partner: c.partner, year: c.year })),
    sources: (h) => (h ? [h.exports.source, h.imports.source, ...(h.statedTotal ? [h.statedTotal.source] : []), ...h.growthSources] : []),
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
      return statementRows(db)
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
  'partner-ranking': {
    load: ({ db }, c) => {
      const ranking = partnerRanking(db, { reporter: c.reporter, year: c.year, from: c.from });
      const top = ranking.partners
        .filter((p) => p.rank[c.by] !== null)
        .sort((a, b) => (a.rank[c.by] ?? 0) - (b.rank[c.by] ?? 0) || a.partner.name.localeCompare(b.partner.name))
        .slice(0, c.top);
      return { ...ranking, partners: top };
    },
    sources: (r) => [...flowSources(r), ...totalSources(r)],
  },
  'partner-ranks': {
    load: ({ db }, c) => partnerRankHistory(db, { reporter: c.reporter, measure: c.by, top: c.top, from: c.from, to: c.to }),
    sources: (h) => h.sources,
  },
  'partner-share': {
    load: ({ db }, c) => {
      // Where the reporter has no figures for the partner, the block says so (the area refuses to read them).
      if (!partnerEconomies(db, c.reporter).countries.includes(c.partner)) {
        const none = partnerSeries(db, { reporter: c.reporter, partners: [], from: c.from, to: c.to });
        return {
          ...none,
          years: [],
          totals: [],
          sources: [],
          partners: [{ partner: economyLookup(db)(c.partner), points: [], alone: null }],
        };
      }
      return partnerSeries(db, { reporter: c.reporter, partners: [c.partner], from: c.from, to: c.to });
    },
    sources: (s) => [...s.sources, ...s.totals.flatMap((t) => [...(t.exports?.sources ?? []), ...(t.imports?.sources ?? [])])],
  },
  map: {
    load: ({ db }, c) => partnerRanking(db, { reporter: c.reporter, year: c.year }),
    sources: (r, c) =>
      r.partners
        .flatMap((p) =>
          c.measure === 'exports'
            ? [p.exports?.source]
            : c.measure === 'imports'
              ? [p.imports?.source]
              : p.balance === null
                ? []
                : [p.exports?.source, p.imports?.source],
        )
        .filter((s): s is SourceRef => s !== undefined),
  },
  route: {
    load: ({ db }, c) => {
      const all = listRoutes(db);
      if (c.routeId === undefined) return all;
      const one = all.filter((r) => r.id === c.routeId);
      if (one.length === 0) throw new ApiError('not-found', said('routeNotFound', { id: c.routeId }));
      return one;
    },
    sources: (rows) => rows.map((r) => r.source),
  },
};

/** The sources of the partners' figures a ranking lists. */
function flowSources(r: PartnerRanking): SourceRef[] {
  return r.partners.flatMap((p) => [p.exports?.source, p.imports?.source]).filter((s): s is SourceRef => s !== undefined);
}

/** The sources of the reporter's totals a ranking's shares are of. */
function totalSources(r: PartnerRanking): SourceRef[] {
  return [r.totals.exports, r.totals.imports, r.totals.total].flatMap((t) => t?.sources ?? []);
}

/**
 * The headline with each flow's growth from the Trade KPI of the same pair up to the headline's year, so the printed
 * tiles say what the Trade tiles say; none where that KPI stands on another year or other figures.
 */
function withGrowth(db: Db, h: Headline | null): KpiBlockData | null {
  if (!h) return null;
  const kpi = tradeKpi(db, { reporter: h.reporter.code, partner: h.partner.code, to: h.year });
  const same = kpi.year === h.year && kpi.exports?.value === h.exports.value && kpi.imports?.value === h.imports.value;
  if (!same) return { ...h, growth: null, growthSources: [] };
  const shared = [kpi.growth.exports, kpi.growth.imports, kpi.growth.total].some((g) => g.share.value !== null);
  return { ...h, growth: kpi.growth, growthSources: shared ? (kpi.share?.ofTotal.sources ?? []) : [] };
}

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
