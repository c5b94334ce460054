/**
 * Briefings: a title, an audience, a date, a classification line for the print header, and an
 * ordered list of blocks. Every block is resolved to its data and its sources when read; the
 * briefing ends with one numbered source list and each block carries its footnote numbers.
 */
import { z } from 'zod';
import { method } from '../method.ts';
import { LANGUAGES, type Language } from '../common/languages.ts';
import type { Headline, Overview } from '../overview/contract.ts';
import type { EventItem } from '../events/contract.ts';
import type { RouteItem } from '../logistics/contract.ts';
import type { ProjectsResult } from '../projects/contract.ts';
import type { SectorsOverview } from '../sectors/contract.ts';
import type { SourceRef } from '../shared-types.ts';
import type { Reconciliation, TradeKpi, TradeMirror, TradeSeries } from '../trade/contract.ts';
import type { ClaimsResult } from '../claims/contract.ts';
import type { PartnerRankHistory, PartnerRanking, PartnerSeries } from '../partners/contract.ts';
import { blockConfigSchemas, blockSpecSchema, type BlockConfig, type BlockKind } from '../common/briefing-blocks.ts';
import type { MarkdownTree } from './markdown.ts';

export type { Align, MarkdownBlock, MarkdownInline, MarkdownListItem, MarkdownTree } from './markdown.ts';
export { blockKinds, type BlockKind, type BlockConfig, type BlockSpec, type BlockSpecInput } from '../common/briefing-blocks.ts';

/**
 * The headline figures, each flow with its growth as the Trade tiles give it for the same pair and year (db/trade's
 * KPI: year-on-year, growth rate, share of the reporter's flow with the world). `growth` is null where that KPI's
 * year or figures are not the headline's; `growthSources` are the world totals the shares rest on.
 */
export type KpiBlockData = Headline & { growth: TradeKpi['growth'] | null; growthSources: SourceRef[] };

/** What each kind of block resolves to. */
export interface BlockDataMap {
  /** The note read in the data core: the page draws this tree, never the Markdown. */
  text: MarkdownTree;
  kpi: KpiBlockData | null;
  reconciliation: Reconciliation[];
  statements: Overview['statements'];
  claims: ClaimsResult;
  'trade-chart': TradeSeries;
  mirror: TradeMirror;
  'sectors-table': SectorsOverview;
  'projects-table': ProjectsResult;
  /** Past and upcoming events together, in date order. */
  'events-table': EventItem[];
  route: RouteItem[];
  /** The ranking with its partners in the order of the block's measure, the top ones only (`ranked` keeps how many there are). */
  'partner-ranking': PartnerRanking;
  'partner-ranks': PartnerRankHistory;
  /** One partner's series (no years where the reporter has no figures for it). */
  'partner-share': PartnerSeries;
  /** The ranking of every partner: the map colours each country by its figure. */
  map: PartnerRanking;
}

interface BlockBase {
  /** null for blocks resolved without being stored (dashboard summaries). */
  id: string | null;
  /** 1-based order in the briefing. */
  position: number;
  /** Numbers of this block's sources in the briefing's source list. */
  footnotes: number[];
}

export type ResolvedBlock =
  | { [K in BlockKind]: BlockBase & { kind: K; config: BlockConfig<K>; data: BlockDataMap[K]; error: null } }[BlockKind]
  | (BlockBase & {
      /** A block whose kind this version does not know, whose config no longer validates, or whose query failed. */
      kind: 'invalid';
      storedKind: string;
      config: unknown;
      data: null;
      error: string;
    });

export interface NumberedSource {
  number: number;
  source: SourceRef;
}

export interface BriefingSummary {
  id: string;
  title: string;
  audience: string;
  datedOn: string | null;
  classification: string;
  /** The language the briefing prints in; null: the interface's at the time of printing. */
  printLanguage: Language | null;
  createdAt: string;
  updatedAt: string;
  packId: string | null;
  blockCount: number;
}

export interface Briefing extends BriefingSummary {
  blocks: ResolvedBlock[];
  /** Every source of the briefing's blocks, numbered in order of first use. */
  sources: NumberedSource[];
}

export interface ResolvedBlocks {
  blocks: ResolvedBlock[];
  sources: NumberedSource[];
}

const id = z.string().min(1).max(200);
const isoDay = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a day as YYYY-MM-DD');
const title = z.string().trim().min(1, 'a title').max(300);
const audience = z.string().max(400);
const classification = z.string().max(200);
const position = z.number().int().min(1);
const printLanguage = z.enum(LANGUAGES).nullable();

export { blockConfigSchemas };

export const briefingsContract = {
  /** Briefings not in the trash, most recently changed first. */
  listBriefings: method<BriefingSummary[]>()(z.object({}).strict()),
  /** One briefing with its blocks in order, each resolved to its data and footnotes, and the numbered source list. */
  getBriefing: method<Briefing>()(z.object({ id }).strict()),
  /** Resolves blocks without storing them (dashboard print summaries, previews). */
  resolveBlocks: method<ResolvedBlocks>()(z.object({ blocks: z.array(blockSpecSchema).max(200) }).strict()),
  createBriefing: method<Briefing>()(
    z
      .object({
        title: title.default('Untitled briefing'),
        audience: audience.default(''),
        datedOn: isoDay.nullable().optional(),
        classification: classification.default(''),
        printLanguage: printLanguage.optional(),
        blocks: z.array(blockSpecSchema).max(200).default([]),
      })
      .strict(),
  ),
  /** Changes the fields given; `datedOn: null` clears the date, `printLanguage: null` prints in the interface's language. */
  updateBriefing: method<BriefingSummary>()(
    z
      .object({
        id,
        title: title.optional(),
        audience: audience.optional(),
        datedOn: isoDay.nullable().optional(),
        classification: classification.optional(),
        printLanguage: printLanguage.optional(),
      })
      .strict(),
  ),
  duplicateBriefing: method<Briefing>()(z.object({ id, title: title.optional() }).strict()),
  /** Moves a briefing to the trash (undo with restoreBriefing). */
  deleteBriefing: method<{ id: string; deletedAt: string }>()(z.object({ id }).strict()),
  restoreBriefing: method<BriefingSummary>()(z.object({ id }).strict()),
  /** Adds a block at `position` (default: the end). */
  addBlock: method<Briefing>()(z.object({ briefingId: id, block: blockSpecSchema, position: position.optional() }).strict()),
  /** Replaces a block's config; its kind must be the stored one. */
  updateBlock: method<Briefing>()(z.object({ id, block: blockSpecSchema }).strict()),
  /** Moves a block to `position` (1-based; clamped to the list). */
  moveBlock: method<Briefing>()(z.object({ id, position }).strict()),
  /** Removes a block; the result says what was removed so the caller can undo with addBlock. */
  removeBlock: method<Briefing & { removed: { kind: string; config: unknown; position: number } }>()(z.object({ id }).strict()),
};
