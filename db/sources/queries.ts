/**
 * The sources area's queries: every source with what cites it and its claims checked, one source, and
 * the handlers that serve them. Rows come from db/sources/sql.ts, filed under their sources by
 * db/sources/rules.ts.
 */
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { Db } from '../database.ts';
import { sourceLookup, toSourceRef } from '../refs.ts';
import type { sourcesContract, SourceUsage } from './contract.ts';
import { checkClaims } from '../claims/check.ts';
import { emptyUsage, fileCitations } from './rules.ts';
import { citingRows, usageRows } from './sql.ts';

/** Every source with what cites it, in two set-based queries whatever the number of sources. */
export function listSources(db: Db): SourceUsage[] {
  const usage = new Map<string, SourceUsage>();
  const list = usageRows(db).map((row): SourceUsage => {
    const u = emptyUsage(toSourceRef(row), {
      tradeFlows: row.trade_flows,
      statedFigures: row.stated_figures,
      sectorMappings: row.sector_mappings,
      sectorFigures: row.sector_figures,
    });
    usage.set(row.id, u);
    return u;
  });
  fileCitations(usage, citingRows(db));
  for (const claim of checkClaims(db).claims) usage.get(claim.source.id)?.claims.push(claim);
  return list;
}

export function sourcesHandlers(ctx: Context): HandlersOf<typeof sourcesContract> {
  return {
    getSource: ({ id }) => sourceLookup(ctx.db)(id),
    listSources: () => listSources(ctx.db),
  };
}
