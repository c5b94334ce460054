/** The trade_flow rows the import tests read back: the columns an import writes. */
import type { Db } from '../../db/open.ts';

export interface TradeFlowRow {
  reporter: string;
  partner: string;
  year: number;
  month: number | null;
  flow: string;
  product_code: string;
  value_usd: number;
  source_id: string;
}

const ORDER = {
  /** As written. */
  id: 'id',
  /** By the natural key: reporter, partner, year, month (annual first), product, flow. */
  key: 'reporter, partner, year, ifnull(month, 0), product_code, flow',
} as const;

/** Every trade_flow row of `db`, in the order asked for. */
export function tradeFlowRows(db: Db, order: keyof typeof ORDER): TradeFlowRow[] {
  return db
    .prepare(`SELECT reporter, partner, year, month, flow, product_code, value_usd, source_id FROM trade_flow ORDER BY ${ORDER[order]}`)
    .all() as TradeFlowRow[];
}
