import { z } from 'zod';
import { method } from '../method.ts';
import type { EconomyRef, SourceRef } from '../shared-types.ts';

export const economyCode = z.string().regex(/^([A-Z]{3}|[A-Z]{2}-[A-Z0-9]{1,3})$/, 'an ISO 3166 code such as KOR, CHN or CN-SD');
export const yearSchema = z.number().int().min(1900, 'a year from 1900').max(2100, 'a year up to 2100');

/** A stated aggregate that disagrees with the sum of its parts (same source), or two sources that disagree. */
export type Reconciliation =
  | {
      kind: 'stated-vs-parts';
      reporter: EconomyRef;
      partner: EconomyRef;
      year: number;
      measure: 'total_trade' | 'balance';
      stated: number;
      computed: number;
      difference: number;
      /** Difference as a share of the stated figure. */
      relative: number;
      formula: string;
      source: SourceRef;
      note: string | null;
    }
  | {
      kind: 'sources-disagree';
      reporter: EconomyRef;
      partner: EconomyRef;
      year: number;
      flow: 'export' | 'import' | 're-export' | 're-import';
      values: { value: number; source: SourceRef }[];
      difference: number;
      relative: number;
    };

export const tradeContract = {
  /** Economies known to the database. */
  listEconomies: method<(EconomyRef & { kind: string; parentCode: string | null })[]>()(z.object({}).strict()),
  /**
   * Where figures disagree: stated totals or balances against the sum or difference of their parts
   * (same source), and the same flow reported by several sources with different values.
   */
  reconciliation: method<Reconciliation[]>()(
    z.object({
      reporter: economyCode.optional(),
      partner: economyCode.optional(),
      /** Differences at or below this share of the value are ignored (rounding). 0 lists every difference. */
      tolerance: z.number().min(0).max(1).default(0),
    }).strict(),
  ),
};
