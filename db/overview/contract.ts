import { z } from 'zod';
import { method } from '../method.ts';
import type { DerivedFigure, EconomyRef, SourceRef, SourcedFigure } from '../shared-types.ts';
import { yearSchema } from '../trade/contract.ts';
import { economyCode } from '../common/vocabulary-schemas.ts';
import type { ClaimsResult } from '../claims/contract.ts';

export interface Headline {
  reporter: EconomyRef;
  partner: EconomyRef;
  year: number;
  exports: SourcedFigure;
  imports: SourcedFigure;
  /** Reporter's exports − imports: the reporter's surplus (positive) or deficit (negative) with the partner. */
  balance: DerivedFigure;
  /** Exports + imports, computed. */
  sumOfParts: DerivedFigure;
  /** The total as the source states it, if it states one. */
  statedTotal: SourcedFigure | null;
  /** statedTotal − sumOfParts, when both exist. */
  totalDifference: number | null;
}

export interface Overview {
  packs: { id: string; title: string; version: string }[];
  headline: Headline | null;
  statements: { id: string; kind: 'claim' | 'context'; text: string; source: SourceRef }[];
  /** Every claim of the statements with the data's verdict. */
  claims: ClaimsResult;
  counts: {
    sources: number;
    tradeFlows: number;
    events: number;
    projects: number;
    projectBatches: number;
    routes: number;
    sectors: number;
  };
}

export const overviewContract = {
  /** The headline figures of the loaded data; without input, the most recent year with a stated total and its parts. */
  overview: method<Overview>()(
    z.object({ reporter: z.optional(economyCode), partner: z.optional(economyCode), year: z.optional(yearSchema) }).strict(),
  ),
};
