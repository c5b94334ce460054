-- 007_flows_monthly_totals: monthly totals (product_code 'TOTAL' with a month) found by pair and year
-- without scanning the HS detail: the trade pairs list, the monthly dashboard and the annual series'
-- fallback to a sum of twelve months read them. Partial, like trade_flow_totals (migration 003) for
-- annual totals: HS rows and annual rows are not in it.
CREATE INDEX trade_flow_monthly_totals ON trade_flow (reporter, partner, year, month, flow, source_id, series, value_usd)
  WHERE product_code = 'TOTAL' AND month IS NOT NULL;
