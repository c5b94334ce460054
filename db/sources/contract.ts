import { z } from 'zod';
import { method } from '../method.ts';
import type { SourceRef } from '../shared-types.ts';
import type { CheckedClaim } from '../claims/contract.ts';

export interface SourceUsage {
  source: SourceRef;
  tradeFlows: number;
  statedFigures: number;
  events: { id: string; title: string }[];
  projects: { id: string; title: string }[];
  routes: { id: string; name: string }[];
  statements: { id: string; text: string }[];
  /** The claims of the source's statements, with the data's verdict. */
  claims: CheckedClaim[];
  sectorMappings: number;
  /** Product-group figures (sector_figure) citing the source. */
  sectorFigures: number;
  exportPlans: { id: string; title: string }[];
}

export const sourcesContract = {
  /** Every source, with what cites it. */
  listSources: method<SourceUsage[]>()(z.object({}).strict()),
  getSource: method<SourceRef>()(z.object({ id: z.string().min(1).max(200) }).strict()),
};
