/**
 * The overview area's queries: the headline (the pair and year chosen for what they hold, the
 * figures those counted everywhere), the statements with their claims checked, the packs and the
 * counts, and the handler that serves them. Rows come from db/overview/sql.ts, the headline's
 * figures from db/overview/rules.ts.
 */
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { Db } from '../database.ts';
import { sourceLookup, economyLookup } from '../refs.ts';
import type { Headline, Overview, overviewContract } from './contract.ts';
import { checkClaims } from '../claims/check.ts';
import { headlineOf } from './rules.ts';
import { chosenFlows, holdings, packRows, pickAny, pickWithStatedTotal, statedTotalOf, statementRows, type HeadlineFilter } from './sql.ts';

/**
 * The headline: one source giving both flows of a year, preferring a year with a stated total. Those
 * years are looked at first; grouping every annual flow of the database only happens when none of
 * them qualifies (a pack with thousands of pair-years made one EXISTS per group the bulk of the Overview's time).
 */
export function headline(db: Db, filter: HeadlineFilter): Headline | null {
  const picked = pickWithStatedTotal(db, filter) ?? pickAny(db, filter);
  if (!picked) return null;
  // The pair and year are chosen for what they hold; the figures shown are the ones counted everywhere.
  const flows = chosenFlows(db, picked);
  const exportSource = flows.find((f) => f.flow === 'export')?.source_id;
  // The stated total of the flows' own source when they share one; otherwise any stated total, never compared with parts from other sources.
  const stated = exportSource === undefined ? undefined : statedTotalOf(db, picked, exportSource);
  const economy = economyLookup(db);
  return headlineOf(
    { reporter: economy(picked.reporter), partner: economy(picked.partner), year: picked.year },
    flows,
    stated,
    sourceLookup(db),
  );
}

export function overviewHandlers(ctx: Context): HandlersOf<typeof overviewContract> {
  return {
    overview: (input): Overview => {
      const { db } = ctx;
      const source = sourceLookup(db);
      return {
        packs: packRows(db),
        headline: headline(db, input),
        statements: statementRows(db).map((s) => ({ id: s.id, kind: s.kind, text: s.text, source: source(s.source_id) })),
        claims: checkClaims(db),
        counts: holdings(db),
      };
    },
  };
}
