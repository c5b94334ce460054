/**
 * One call per dashboard load: `dashboard({ id, filters })` returns the dashboard's whole view model.
 * A single generic method (input and result are unions discriminated by `id`) rather than one method
 * per dashboard, so a new dashboard adds no contract entry: its filters come from its definition
 * (db/common/dashboards.ts), its model from db/dashboards/data.ts, which also builds its export's
 * tables from that same model.
 */
import { method } from '../method.ts';
import { dashboardRequest, type Dashboard, type DashboardFilters } from '../common/dashboards.ts';
import type { PartnerRankHistory, PartnerRanking, PartnerSeries } from '../partners/contract.ts';
import type { SourceRef } from '../shared-types.ts';
import type { PreferredSources, Reconciliation, TradeKpi, TradeMirror, TradeSeries } from '../trade/contract.ts';
import type { DashboardModels } from './data.ts';

export type { DashboardModels };

/** The Trade balance view: each figure computed once per load. */
export interface TradeModel {
  series: TradeSeries;
  kpi: TradeKpi;
  mirror: TradeMirror;
  /** Both directions of the pair, within the years shown, latest first. */
  reconciliation: Reconciliation[];
  preferred: PreferredSources;
  /** The sources this pair's figures come from or disagree with: the choices for a preferred source. */
  choices: SourceRef[];
}

export interface PartnersModel {
  ranking: PartnerRanking;
  history: PartnerRankHistory;
  /** The compared partners (the top four by the chosen measure when none is asked for) and China where loaded; null when none. */
  series: PartnerSeries | null;
}

export type DashboardModel = { [D in Dashboard]: { id: D; filters: DashboardFilters<D>; model: DashboardModels[D] } }[Dashboard];

export const dashboardInput = dashboardRequest('id', {});

export const dashboardsContract = {
  /** A dashboard's view model for its filters: everything its view shows, from one call. */
  dashboard: method<DashboardModel>()(dashboardInput),
};
