import { defineArea } from '../area.ts';
import { tradeContract, tradeDashboardContract } from './contract.ts';
import { tradeDashboardHandlers, tradeHandlers } from './queries.ts';

/** Trade: economies, the series, KPI tiles, mirror and reconciliation of one pair, and the preferred source. */
export const tradeArea = defineArea({ ...tradeContract, ...tradeDashboardContract }, (ctx) => ({
  ...tradeHandlers(ctx),
  ...tradeDashboardHandlers(ctx),
}));
