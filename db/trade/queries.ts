import type { Context } from '../context.ts';
import type { Handlers } from '../contract.ts';
import type { Db } from '../open.ts';
import type { EconomyRef } from '../shared-types.ts';
import { sourceLookup } from '../sources/queries.ts';
import type { Reconciliation } from './contract.ts';

export function economyLookup(db: Db): (code: string) => EconomyRef {
  const stmt = db.prepare('SELECT code, name FROM economy WHERE code = ?');
  const cache = new Map<string, EconomyRef>();
  return (code) => {
    let ref = cache.get(code);
    if (!ref) {
      ref = (stmt.get(code) as EconomyRef | undefined) ?? { code, name: code };
      cache.set(code, ref);
    }
    return ref;
  };
}

interface StatedRow {
  reporter: string;
  partner: string;
  year: number;
  measure: 'total_trade' | 'balance';
  stated: number;
  exports: number | null;
  imports: number | null;
  source_id: string;
  note: string | null;
}

interface DisagreeRow {
  reporter: string;
  partner: string;
  year: number;
  flow: 'export' | 'import' | 're-export' | 're-import';
  values: string;
}

export function reconcile(db: Db, filter: { reporter?: string | undefined; partner?: string | undefined; tolerance: number }): Reconciliation[] {
  const source = sourceLookup(db);
  const economy = economyLookup(db);
  const out: Reconciliation[] = [];
  const where = 'WHERE (:reporter IS NULL OR s.reporter = :reporter) AND (:partner IS NULL OR s.partner = :partner)';
  const params = { reporter: filter.reporter ?? null, partner: filter.partner ?? null };

  // Stated aggregates against their parts from the same source.
  const stated = db.prepare(`
    SELECT s.reporter, s.partner, s.year, s.measure, s.value_usd AS stated, s.source_id, s.note,
      (SELECT sum(value_usd) FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year
         AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow = 'export' AND f.source_id = s.source_id) AS exports,
      (SELECT sum(value_usd) FROM trade_flow f WHERE f.reporter = s.reporter AND f.partner = s.partner AND f.year = s.year
         AND f.month IS NULL AND f.product_code = 'TOTAL' AND f.flow = 'import' AND f.source_id = s.source_id) AS imports
    FROM stated_figure s ${where} ORDER BY s.year, s.reporter, s.partner`).all(params) as StatedRow[];
  for (const row of stated) {
    if (row.exports === null || row.imports === null) continue;
    const computed = row.measure === 'total_trade' ? row.exports + row.imports : row.exports - row.imports;
    const difference = row.stated - computed;
    const relative = row.stated === 0 ? 0 : Math.abs(difference / row.stated);
    if (Math.abs(difference) < 0.5 || relative <= filter.tolerance) continue;
    out.push({
      kind: 'stated-vs-parts',
      reporter: economy(row.reporter),
      partner: economy(row.partner),
      year: row.year,
      measure: row.measure,
      stated: row.stated,
      computed,
      difference,
      relative,
      formula: row.measure === 'total_trade' ? 'exports + imports' : 'exports − imports',
      source: source(row.source_id),
      note: row.note,
    });
  }

  // The same annual total flow reported by several sources with different values.
  const disagree = db.prepare(`
    SELECT s.reporter, s.partner, s.year, s.flow, json_group_array(json_object('value', s.value_usd, 'source', s.source_id)) AS "values"
    FROM trade_flow s ${where} AND s.month IS NULL AND s.product_code = 'TOTAL'
    GROUP BY s.reporter, s.partner, s.year, s.flow
    HAVING count(DISTINCT s.source_id) > 1 AND max(s.value_usd) - min(s.value_usd) >= 0.5
    ORDER BY s.year, s.reporter, s.partner, s.flow`).all(params) as DisagreeRow[];
  for (const row of disagree) {
    const values = (JSON.parse(row.values) as { value: number; source: string }[])
      .map((v) => ({ value: v.value, source: source(v.source) }))
      .sort((a, b) => b.value - a.value || a.source.label.localeCompare(b.source.label));
    const max = values[0]?.value ?? 0;
    const min = values[values.length - 1]?.value ?? 0;
    const relative = max === 0 ? 0 : (max - min) / max;
    if (relative <= filter.tolerance) continue;
    out.push({ kind: 'sources-disagree', reporter: economy(row.reporter), partner: economy(row.partner), year: row.year, flow: row.flow, values, difference: max - min, relative });
  }
  return out;
}

export function tradeHandlers(ctx: Context): Pick<Handlers, 'listEconomies' | 'reconciliation'> {
  return {
    listEconomies: () =>
      ctx.db.prepare('SELECT code, name, kind, parent_code AS parentCode FROM economy ORDER BY kind, name').all() as {
        code: string; name: string; kind: string; parentCode: string | null;
      }[],
    reconciliation: (input) => reconcile(ctx.db, input),
  };
}
