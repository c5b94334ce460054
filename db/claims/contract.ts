/**
 * Claims checked against the data: every testable assertion a source makes (a claim row of a
 * statement), with the data's verdict for the same reporter and year, each side with its source.
 * The checker is db/claims/check.ts.
 */
import type { CoreText } from '../common/core-messages.ts';
import { z } from 'zod';
import { method } from '../method.ts';
import type { EconomyRef, SourceRef } from '../shared-types.ts';
import { economyCode } from '../common/vocabulary-schemas.ts';

export type ClaimKind = 'largest-partner' | 'total-value' | 'share' | 'growth';
export type ClaimMeasure = 'export' | 'import' | 'total' | 'balance';

/** What the claim asserts, as stored. `value` is USD (total-value) or a fraction (share, growth); none for largest-partner. */
export interface ClaimSpec {
  kind: ClaimKind;
  reporter: EconomyRef;
  partner: EconomyRef;
  year: number;
  /** false: the source gives no year for the claim; it is checked for `year`, the year of the figures the source cites. */
  yearStated: boolean;
  measure: ClaimMeasure;
  value: number | null;
  /** The unit of the last digit the source gives (1e8 for "364.1 bn"). */
  precision: number | null;
  note: string | null;
}

/** A figure of the data that a reading rests on. */
export interface ReadingPart {
  /** What the figure is, e.g. "China's exports to South Korea, 2021". */
  label: string;
  value: number;
  source: SourceRef;
}

/** One way the data answers the claim: one source (or one set of sources) and its verdict. */
export interface ClaimReading {
  /**
   * holds: the data agrees (within the stated rounding); differs: it does not;
   * unknown: the loaded data cannot decide (see `needs`).
   */
  verdict: 'holds' | 'differs' | 'unknown';
  /** How the data's figure is obtained: "exports + imports", "stated total", "ranked among 212 partners". */
  basis: string;
  /** The basis as a code and its values for the page's language. */
  basisText: CoreText | null;
  /** The data's figure in the claim's unit (USD or a fraction); for largest-partner, the partner's own figure. */
  value: number | null;
  /** data − claim (total-value, share, growth); for largest-partner, the leader's figure − the partner's. */
  difference: number | null;
  /** difference relative to the claim's value (largest-partner: to the partner's figure). */
  relative: number | null;
  /** largest-partner: the largest other partner (a lower bound when one of its flows is not loaded). */
  leader: { economy: EconomyRef; value: number; sources: SourceRef[] } | null;
  /** The figures the reading rests on, each with its source. */
  parts: ReadingPart[];
  /** Plain words on anything a reader must know (partners compared, a difference under one unit of the last digit…). */
  note: string | null;
  /** The note as a code and its values; null when there is no note or it is English only. */
  noteText: CoreText | null;
  /** What data would decide an unknown reading. */
  needs: string | null;
  /** The same, coded for the page's language. */
  needsText: CoreText | null;
}

export interface CheckedClaim {
  /** The claim row (`<statement id>:<n>`). */
  id: string;
  statementId: string;
  /** The statement's text, as the pack author wrote it. */
  text: string;
  /** The source making the claim. */
  source: SourceRef;
  claim: ClaimSpec;
  /**
   * holds: every reading that can decide agrees; mixed: holds by one source and not by another;
   * differs: every deciding reading disagrees; unchecked: nothing loaded can decide it.
   */
  verdict: 'holds' | 'mixed' | 'differs' | 'unchecked';
  readings: ClaimReading[];
  /** For an unchecked claim: what data would check it. */
  needs: string | null;
  /** The same, coded for the page's language. */
  needsText: CoreText | null;
}

export interface ClaimsResult {
  claims: CheckedClaim[];
  /** The rounding rule, in plain words (db/claims/rules.ts ROUNDING_RULE). */
  rule: string;
  /** The rule coded for the page's language. */
  ruleText: CoreText;
}

export const claimsContract = {
  /** Every claim of the loaded statements with the data's verdict; optionally only one source's, or one pair's. */
  checkClaims: method<ClaimsResult>()(
    z
      .object({
        sourceId: z.string().min(1).max(200).optional(),
        reporter: z.optional(economyCode),
        partner: z.optional(economyCode),
      })
      .strict(),
  ),
};
