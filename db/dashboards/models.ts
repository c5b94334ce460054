/** The view models of the dashboards whose model is more than one area's result (db/dashboards/data/trade.ts and partners.ts build them). */
import type { PartnerRankHistory, PartnerRanking, PartnerSeries } from '../partners/contract.ts';
import type { SourceRef } from '../shared-types.ts';
import type { PreferredSources, Reconciliation, SeriesYearGrowth, TradeKpi, TradeMirror, TradeSeries } from '../trade/contract.ts';

/** The Trade balance view: each figure computed once per load. */
export interface TradeModel {
  series: TradeSeries;
  /** Each year of the series with its flows' change on the year before and share of the reporter's flows with the world. */
  growth: SeriesYearGrowth[];
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
