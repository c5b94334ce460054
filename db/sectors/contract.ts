import { z } from 'zod';
import type { CoreText } from '../common/core-messages.ts';
import { method } from '../method.ts';
import type { EconomyRef, SourceRef } from '../shared-types.ts';
import { pairFilters } from '../common/dashboard-filters.ts';
import { yearSchema } from '../trade/contract.ts';
import { economyCode } from '../common/vocabulary-schemas.ts';

/** A product-group value as a source states it (see 003_sector_figures.sql). */
export interface SectorFigure {
  id: string;
  reporter: EconomyRef;
  partner: EconomyRef;
  year: number;
  flow: 'export' | 'import';
  label: string;
  hsNote: string;
  sectorName: string | null;
  value: number;
  /** null: the full calendar year. */
  periodNote: string | null;
  /** The period note coded, when it is the months of a year ("Jan–Nov only"), for the page to name them in its language. */
  periodText: CoreText | null;
  /** The source does not state the unit: it was inferred from the context (shown beside the figure wherever it stands). */
  unitInferred: boolean;
  source: SourceRef;
  note: string | null;
  /** Share of the reporter's total flow to the partner in that year (primary series), only for full-year figures where the total is known. */
  shareOfTotal: { value: number; total: number; totalSource: SourceRef } | null;
}

export interface SectorPriority {
  planId: string;
  planTitle: string;
  position: number;
  source: SourceRef;
}

/** Values computed from HS-6 trade flows of the sector's codes (one reporter, partner, year). */
export interface SectorHsValue {
  year: number;
  value: number;
  rows: number;
  share: number | null;
  change: number | null;
  sources: SourceRef[];
}

/** One sector: sectors of the same name in several packs are one sector here (matched case-insensitively). */
export interface SectorSummary {
  /** The lower-cased name: the sector's identity across packs. */
  key: string;
  name: string;
  /** The rows of that name (`<pack id>:<key>` for a pack's): the interface names a built-in sector in its language by them. */
  ids: string[];
  description: string | null;
  priorities: SectorPriority[];
  hsCodes: number;
  /** Latest HS-based value, if any trade flows of the sector's codes are loaded. */
  latest: SectorHsValue | null;
  /** Product-group figures linked to this sector, latest first. */
  figures: SectorFigure[];
  hasData: boolean;
}

export interface SectorHsCode {
  code: string;
  description: string | null;
  note: string | null;
  source: SourceRef | null;
}

export interface SectorDetail {
  key: string;
  name: string;
  priorities: SectorPriority[];
  hsCodes: SectorHsCode[];
  values: SectorHsValue[];
  figures: SectorFigure[];
}

export interface SectorsOverview {
  reporter: EconomyRef;
  partner: EconomyRef;
  sectors: SectorSummary[];
  /** Figures of the pair that belong to no sector (chapter ranges, aggregates). */
  otherFigures: SectorFigure[];
  method: string;
  /** The method coded for the page's language. */
  methodText: CoreText;
}

const pair = {
  reporter: economyCode,
  partner: economyCode,
  from: z.optional(yearSchema),
  to: z.optional(yearSchema),
};

export const sectorsContract = {
  /** Sectors of the reporter's exports to the partner: priorities with their source, values where loaded, "no data" otherwise. */
  listSectors: method<SectorsOverview>()(pairFilters),
  /** One sector (by name, case-insensitive): its HS codes, HS-based values by year and stated figures. */
  sectorDetail: method<SectorDetail>()(z.object({ ...pair, name: z.string().trim().min(1).max(200) }).strict()),
};
