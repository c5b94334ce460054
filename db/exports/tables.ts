/** Exports of trade flows (with a filter) and of any table of the data model, as CSV (RFC 4180, formula-safe) or XLSX. */
import { ApiError } from '../common/errors.ts';
import { EXPORT_TABLES } from './contract.ts';
import type { Db } from '../open.ts';
import type { Cell } from './csv-writer.ts';
import { writeTables, type TableFormat } from './table-writer.ts';

export interface TradeFilter {
  reporter?: string | undefined;
  partner?: string | undefined;
  yearFrom?: number | undefined;
  yearTo?: number | undefined;
  flow?: string | undefined;
  product?: string | undefined;
  sourceId?: string | undefined;
}

const TRADE_SQL = `
  SELECT f.reporter, r.name AS reporter_name, f.partner, p.name AS partner_name, f.year, f.month, f.flow, f.product_code,
         f.value_usd, f.series, f.source_id, s.label AS source_label, s.publisher AS source_publisher, s.title AS source_title,
         f.import_id, f.note
  FROM trade_flow f
  JOIN economy r ON r.code = f.reporter
  JOIN economy p ON p.code = f.partner
  JOIN source s ON s.id = f.source_id
  WHERE (:reporter IS NULL OR f.reporter = :reporter) AND (:partner IS NULL OR f.partner = :partner)
    AND (:yearFrom IS NULL OR f.year >= :yearFrom) AND (:yearTo IS NULL OR f.year <= :yearTo)
    AND (:flow IS NULL OR f.flow = :flow) AND (:product IS NULL OR f.product_code = :product)
    AND (:sourceId IS NULL OR f.source_id = :sourceId)
  ORDER BY f.reporter, f.partner, f.year, f.month, f.flow, f.product_code, f.source_id`;

export function exportTrade(db: Db, path: string, filter: TradeFilter, format: TableFormat): { rows: number } {
  const stmt = db.prepare(TRADE_SQL).raw();
  const params = {
    reporter: filter.reporter ?? null,
    partner: filter.partner ?? null,
    yearFrom: filter.yearFrom ?? null,
    yearTo: filter.yearTo ?? null,
    flow: filter.flow ?? null,
    product: filter.product ?? null,
    sourceId: filter.sourceId ?? null,
  };
  const { tables } = writeTables(path, format, [
    { name: 'trade_flow', header: stmt.columns().map((c) => c.name), rows: () => stmt.iterate(params) as Iterable<Cell[]> },
  ]);
  return { rows: tables[0]?.rows ?? 0 };
}

export function exportTable(db: Db, path: string, table: string, format: TableFormat): { rows: number } {
  // The name comes from a closed list (the contract's enum), checked again here before it reaches SQL.
  if (!(EXPORT_TABLES as readonly string[]).includes(table)) throw new ApiError('invalid-input', `Not an exportable table: ${table}`);
  const stmt = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).raw();
  const { tables } = writeTables(path, format, [
    { name: table, header: stmt.columns().map((c) => c.name), rows: () => stmt.iterate() as Iterable<Cell[]> },
  ]);
  return { rows: tables[0]?.rows ?? 0 };
}
