/**
 * The products area's queries: the top products of a pair, flow and year at one level (or under one
 * chapter or heading), the pairs with HS figures, and the handlers that serve them. Rows come from
 * db/products/sql.ts; the tree, totals, ranking and notes from db/products/rules.ts.
 */
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { Db } from '../database.ts';
import { economyValue, notesOf, said } from '../common/core-messages.ts';
import { economyLookup, sourceLookup } from '../refs.ts';
import type { productsContract, ProductLevel, ProductPair, ProductRanking } from './contract.ts';
import {
  atLevel,
  codesByYear,
  contestedCodes,
  noFiguresNote,
  PRODUCTS_RULE,
  PRODUCTS_RULE_TEXT,
  productRow,
  productTotal,
  rankingNotes,
  tree,
  type Node,
  type YearCodes,
} from './rules.ts';
import { candidateRows, chosenRows, hsYears, pairSpans, statedTotal, type CodeScope } from './sql.ts';

/**
 * The chosen HS figures of the pair and flow in `year` and the year before. Most flows have one
 * source; the ranking of the shared rule runs only for the codes several sources give.
 */
function chosenCodes(db: Db, scope: CodeScope): Map<number, YearCodes> {
  const rows = candidateRows(db, scope);
  const contested = contestedCodes(rows);
  return codesByYear(scope.year, rows, contested, contested.size > 0 ? chosenRows(db, scope, contested) : []);
}

export function topProducts(
  db: Db,
  input: {
    reporter: string;
    partner: string;
    year?: number | undefined;
    flow: 'export' | 'import';
    level: ProductLevel;
    within?: string | undefined;
    limit: number;
  },
): ProductRanking {
  const economy = economyLookup(db);
  const source = sourceLookup(db);
  const { reporter, partner, flow, level } = input;
  const within = input.within ?? null;
  const years = hsYears(db, { reporter, partner, flow });
  const year = input.year ?? years[0] ?? null;
  const base = {
    reporter: economy(reporter),
    partner: economy(partner),
    flow,
    years,
    level,
    within,
    rule: PRODUCTS_RULE,
    ruleText: PRODUCTS_RULE_TEXT,
  };
  const names = {
    reporter: economyValue(base.reporter),
    partner: economyValue(base.partner),
    flow: said(flow === 'export' ? 'claimExports' : 'claimImports'),
  };
  const params = { reporter, partner, flow, year: year ?? 0 };
  // Every HS code of the pair sorts between '0' and ':'; a drill reads only the codes under the chapter or heading.
  const everything = { lo: '0', hi: ':' };
  const codes = year === null ? null : chosenCodes(db, { ...params, ...(within === null ? everything : { lo: within, hi: `${within}:` }) });
  if (year === null || (within === null && codes!.get(year)!.size === 0)) {
    return { ...base, year, previousLoaded: false, total: null, rows: [], count: 0, sum: 0, ...notesOf([noFiguresNote(names, year)]) };
  }
  const now = tree(codes!.get(year)!);
  const previousLoaded = years.includes(year - 1) || codes!.get(year - 1)!.size > 0;
  const before = previousLoaded ? tree(codes!.get(year - 1)!) : new Map<string, Node>();

  const stated = statedTotal(db, params);
  // Without a stated total the shares are of the sum of every chapter, which a drill has not read.
  const whole = stated || within === null ? now : tree(chosenCodes(db, { ...params, ...everything }).get(year)!);
  const { total, chapterSum } = productTotal(stated, whole, source);
  const all = atLevel(now, level, within);
  const rows = all.slice(0, input.limit).map((entry) => productRow(entry, { level, year, before, previousLoaded, total }, source));
  return {
    ...base,
    year,
    previousLoaded,
    total,
    rows,
    count: all.length,
    sum: all.reduce((s, [, n]) => s + n.value, 0),
    ...notesOf(rankingNotes({ names, year, level, within, previousLoaded, stated: stated !== undefined, total, chapterSum, all })),
  };
}

export function productPairs(db: Db): ProductPair[] {
  const economy = economyLookup(db);
  return pairSpans(db).map((r) => ({ reporter: economy(r.reporter), partner: economy(r.partner), firstYear: r.first, lastYear: r.last }));
}

export function productsHandlers(ctx: Context): HandlersOf<typeof productsContract> {
  return { topProducts: (input) => topProducts(ctx.db, input), productPairs: () => productPairs(ctx.db) };
}
