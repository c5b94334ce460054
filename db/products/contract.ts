import { z } from 'zod';
import { method } from '../method.ts';
import type { CoreText } from '../common/core-messages.ts';
import type { EconomyRef, SourceRef } from '../shared-types.ts';
import type { Change } from '../trade/contract.ts';
import { productFilters } from '../common/dashboard-filters.ts';

export { LEVEL_DIGITS, PRODUCT_LEVELS, type ProductLevel } from '../common/vocabulary.ts';
import type { ProductLevel } from '../common/vocabulary.ts';

export interface ProductRow {
  /** The HS code of the chapter, heading or code. */
  code: string;
  level: ProductLevel;
  value: number;
  /** stated: a figure given for this very code; sum-of-codes: no figure for it, the sum of the finer codes loaded under it. */
  basis: 'stated' | 'sum-of-codes';
  /** Share of the pair's total of this flow in the year (see `total`); null when that total is not known. */
  share: number | null;
  /** Change on the previous year; null when the previous year is not loaded or this product is not reported in it (see `changeNote`). */
  change: Change | null;
  /** Why there is no change, when there is none. */
  changeNote: string | null;
  /** The same, coded for the page's language. */
  changeNoteText: CoreText | null;
  /** How many finer codes it holds (0 for a 6-digit code). */
  children: number;
  /** Every source the figure rests on. */
  sources: SourceRef[];
}

export interface ProductTotal {
  value: number;
  /** stated: the pair's total of this flow as a source states it (product TOTAL); sum-of-chapters: no such figure, the sum of the chapters. */
  basis: 'stated' | 'sum-of-chapters';
  sources: SourceRef[];
}

export interface ProductRanking {
  reporter: EconomyRef;
  partner: EconomyRef;
  flow: 'export' | 'import';
  /** The year shown: the one asked for, else the latest with HS-level figures of the pair and flow; null when none is loaded. */
  year: number | null;
  /** Years with annual HS-level figures of the pair and flow, newest first. */
  years: number[];
  /** Whether the year before has HS-level figures of the pair and flow (else no change is shown). */
  previousLoaded: boolean;
  level: ProductLevel;
  /** The chapter or heading drilled into; null at the top. */
  within: string | null;
  /** What the rows are shares of. */
  total: ProductTotal | null;
  /** Largest first, then by code. */
  rows: ProductRow[];
  /** Rows there are in all (`rows` stops at the limit asked). */
  count: number;
  /** Sum of every row at this level (not only those shown). */
  sum: number;
  rule: string;
  /** The rule coded for the page's language. */
  ruleText: CoreText;
  notes: string[];
  /** The same notes, coded for the page's language (one for each of `notes`, in order). */
  noteTexts: CoreText[];
}

/** The Top products dashboard's filters (db/common/dashboards.ts). */
export const productsInput = productFilters;

export interface ProductPair {
  reporter: EconomyRef;
  partner: EconomyRef;
  firstYear: number;
  lastYear: number;
}

export const productsContract = {
  /** Pairs with imported HS-6 figures (the chapter sums kept at import), most recent first: the Products view's choices. */
  productPairs: method<ProductPair[]>()(z.object({}).strict()),
  /** A pair's top HS chapters, headings or codes in a year (from imported HS-level figures), with shares and change on the year before. */
  topProducts: method<ProductRanking>()(productsInput),
};
