import { change as changeOf, share as shareOf } from '../common/growth.ts';
import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import type { Db } from '../database.ts';
import { CHOICE_RULE, chosenFlowsSql, preparedOnce } from '../trade/chosen.ts';
import { economyLookup, sourceLookup } from '../refs.ts';
import {
  LEVEL_DIGITS,
  type productsContract,
  type ProductLevel,
  type ProductPair,
  type ProductRanking,
  type ProductRow,
  type ProductTotal,
} from './contract.ts';

/** Annual HS-level rows of one pair and flow: a range of the natural-key index (reporter, partner, product_code, year, …). */
const HS_WHERE =
  'f.reporter = :reporter AND f.partner = :partner AND f.product_code >= :lo AND f.product_code < :hi AND f.flow = :flow AND f.month IS NULL';

/** HS chapter codes, for probes of the index by exact code. */
const CHAPTERS = JSON.stringify(Array.from({ length: 99 }, (_, i) => String(i + 1).padStart(2, '0')));

/**
 * Years with HS figures of the pair and flow: those of HS-6 rows from the pair's years kept at import
 * (hs_pair_year, summed from hs_chapter_summary), and those of chapter rows (2 digits) by 99 probes of
 * the index. Scanning the pair's HS rows instead reads every code of every year (100,000 rows for 2,500
 * codes over 20 years). A year loaded with 4-digit headings only is not listed (it is shown when asked for).
 */
const YEARS_SQL = `SELECT year FROM hs_pair_year WHERE reporter = :reporter AND partner = :partner AND flow = :flow
  UNION SELECT f.year FROM trade_flow f WHERE f.reporter = :reporter AND f.partner = :partner
    AND f.product_code IN (SELECT value FROM json_each('${CHAPTERS}')) AND f.flow = :flow AND f.month IS NULL
  ORDER BY 1 DESC`;

const CANDIDATES_SQL = `SELECT f.product_code, f.year, f.value_usd, f.source_id FROM trade_flow f
  WHERE ${HS_WHERE} AND f.year IN (:year, :year - 1) ORDER BY f.product_code, f.year`;

/** The contested flows only, one chosen each by the shared rule (db/trade/chosen.ts). */
const CHOSEN_SQL = `SELECT c.product_code, c.year, c.value_usd, c.source_id FROM (${chosenFlowsSql(
  `${HS_WHERE} AND f.year IN (:year, :year - 1) AND f.product_code IN (SELECT value FROM json_each(:codes))`,
)}) c`;

const TOTAL_SQL = `SELECT c.value_usd, c.source_id FROM (${chosenFlowsSql(
  "f.reporter = :reporter AND f.partner = :partner AND f.product_code = 'TOTAL' AND f.flow = :flow AND f.month IS NULL AND f.year = :year",
)}) c`;

const RULE =
  `${CHOICE_RULE} Products are the annual HS-level figures loaded by imports (chapters of 2 digits, headings of 4, codes of 6). ` +
  'A chapter or heading is the figure given for it where one is loaded, else the sum of the finer codes loaded under it (said beside it). ' +
  "Shares are of the pair's total of that flow as stated where it is loaded, else of the sum of the chapters. " +
  'Change is on the year before, only where that year has HS-level figures of the pair and the product is reported in it; monthly HS figures are not summed into years here.';

interface Flow {
  value: number;
  source: string;
}

/** One year's chosen HS figures by code. */
type YearCodes = Map<string, Flow>;

/** A node's value: its own figure where loaded, else the sum of its children's. */
interface Node {
  value: number;
  basis: 'stated' | 'sum-of-codes';
  /** A figure's one source, or the union of its children's sources in the order they were added. */
  sources: readonly string[] | Set<string>;
  children: number;
}

/**
 * Every chapter, heading and code of one year, each flow counted once: a code's own figure where one
 * is loaded (never added to its finer codes as well), else the sum of the finer codes under it.
 * Thousands of codes a call: a stated figure's sources are a one-element array, not a Set of its own.
 */
function tree(codes: YearCodes): Map<string, Node> {
  const out = new Map<string, Node>();
  /** Headings in the order they were first made (that of their codes, then the stated ones without codes). */
  const headings: string[] = [];
  const add = (code: string, value: number, sources: Iterable<string>): void => {
    let n = out.get(code);
    if (n === undefined) {
      n = { value: 0, basis: 'sum-of-codes', sources: new Set<string>(), children: 0 };
      out.set(code, n);
      if (code.length === 4) headings.push(code);
    }
    n.value += value;
    n.children++;
    // Only sums are added to, and a sum's sources are a Set.
    for (const s of sources) (n.sources as Set<string>).add(s);
  };
  const stated = (code: string, f: Flow): void => {
    const summed = out.get(code);
    if (summed === undefined && code.length === 4) headings.push(code);
    out.set(code, { value: f.value, basis: 'stated', sources: [f.source], children: summed?.children ?? 0 });
  };
  for (const [code, f] of codes)
    if (code.length === 6) out.set(code, { value: f.value, basis: 'stated', sources: [f.source], children: 0 });
  for (const [code, f] of codes) if (code.length === 6) add(code.slice(0, 4), f.value, [f.source]);
  for (const [code, f] of codes) if (code.length === 4) stated(code, f);
  for (const code of headings) {
    const n = out.get(code)!;
    add(code.slice(0, 2), n.value, n.sources);
  }
  for (const [code, f] of codes) if (code.length === 2) stated(code, f);
  return out;
}

/**
 * The chosen HS figures of the pair and flow in `year` and the year before. Most flows have one
 * source; the ranking of the shared rule runs only for the codes several sources give.
 */
function chosenCodes(
  db: Db,
  params: { reporter: string; partner: string; flow: string; year: number; lo: string; hi: string },
): Map<number, YearCodes> {
  const rows = preparedOnce(db, CANDIDATES_SQL).all(params) as {
    product_code: string;
    year: number;
    value_usd: number;
    source_id: string;
  }[];
  const contested = new Set<string>();
  for (let i = 1; i < rows.length; i++) {
    if (rows[i - 1]!.product_code === rows[i]!.product_code && rows[i - 1]!.year === rows[i]!.year) contested.add(rows[i]!.product_code);
  }
  const byYear = new Map<number, YearCodes>([
    [params.year, new Map()],
    [params.year - 1, new Map()],
  ]);
  const keep = (r: { product_code: string; year: number; value_usd: number; source_id: string }): void => {
    byYear.get(r.year)!.set(r.product_code, { value: r.value_usd, source: r.source_id });
  };
  for (const r of rows) if (!contested.has(r.product_code)) keep(r);
  if (contested.size > 0) {
    for (const r of preparedOnce(db, CHOSEN_SQL).all({ ...params, codes: JSON.stringify([...contested]) }) as typeof rows) keep(r);
  }
  return byYear;
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
  const years = preparedOnce(db, YEARS_SQL).pluck().all({ reporter, partner, flow }) as number[];
  const year = input.year ?? years[0] ?? null;
  const flowWord = flow === 'export' ? 'exports' : 'imports';
  const base = { reporter: economy(reporter), partner: economy(partner), flow, years, level, within, rule: RULE };
  const params = { reporter, partner, flow, year: year ?? 0 };
  // Every HS code of the pair sorts between '0' and ':'; a drill reads only the codes under the chapter or heading.
  const everything = { lo: '0', hi: ':' };
  const codes = year === null ? null : chosenCodes(db, { ...params, ...(within === null ? everything : { lo: within, hi: `${within}:` }) });
  if (year === null || (within === null && codes!.get(year)!.size === 0)) {
    return {
      ...base,
      year,
      previousLoaded: false,
      total: null,
      rows: [],
      count: 0,
      sum: 0,
      notes: [
        year === null
          ? `No HS-level figures of ${base.reporter.name}'s ${flowWord} with ${base.partner.name} are loaded: import a file with product codes (e.g. a UN Comtrade HS extract).`
          : `No HS-level figures of ${base.reporter.name}'s ${flowWord} with ${base.partner.name} are loaded for ${year}.`,
      ],
    };
  }
  const now = tree(codes!.get(year)!);
  const previousLoaded = years.includes(year - 1) || codes!.get(year - 1)!.size > 0;
  const before = previousLoaded ? tree(codes!.get(year - 1)!) : new Map<string, Node>();

  const stated = preparedOnce(db, TOTAL_SQL).get(params) as { value_usd: number; source_id: string } | undefined;
  // Without a stated total the shares are of the sum of every chapter, which a drill has not read.
  const whole = stated || within === null ? now : tree(chosenCodes(db, { ...params, ...everything }).get(year)!);
  const chapters = [...whole].filter(([c]) => c.length === 2);
  const chapterSum = chapters.reduce((s, [, n]) => s + n.value, 0);
  const total: ProductTotal | null = stated
    ? { value: stated.value_usd, basis: 'stated', sources: [source(stated.source_id)] }
    : chapters.length > 0
      ? { value: chapterSum, basis: 'sum-of-chapters', sources: [...new Set(chapters.flatMap(([, n]) => [...n.sources]))].map(source) }
      : null;

  const digits = LEVEL_DIGITS[level];
  const all = [...now]
    .filter(([c]) => c.length === digits && (within === null || c.startsWith(within)))
    .sort((a, b) => b[1].value - a[1].value || a[0].localeCompare(b[0]));
  const rows: ProductRow[] = all.slice(0, input.limit).map(([code, n]): ProductRow => {
    const prev = before.get(code);
    const change = prev ? changeOf(n.value, prev.value) : null;
    return {
      code,
      level,
      value: n.value,
      basis: n.basis,
      share: shareOf(n.value, total?.value),
      change,
      changeNote: change ? null : previousLoaded ? `not reported in ${year - 1}` : `${year - 1} not loaded`,
      children: n.children,
      sources: [...n.sources].map(source),
    };
  });

  const notes: string[] = [];
  if (!previousLoaded)
    notes.push(`No HS-level figures of this pair's ${flowWord} are loaded for ${year - 1}: no change on the year before.`);
  if (!stated && total) {
    notes.push(
      `No stated total of ${base.reporter.name}'s ${flowWord} to ${base.partner.name} for ${year} is loaded: shares are of the sum of the chapters loaded.`,
    );
  } else if (stated && total && chapterSum > total.value * 1.0005) {
    notes.push(
      `The chapters loaded add up to more than the stated total (USD ${(chapterSum / 1e9).toFixed(1)} bn against ${(total.value / 1e9).toFixed(1)} bn): the sources differ.`,
    );
  }
  const summed = all.filter(([, n]) => n.basis === 'sum-of-codes').length;
  if (summed > 0 && level !== 'code') {
    notes.push(
      `${summed} of ${all.length} ${level === 'chapter' ? 'chapters' : 'headings'} have no figure of their own: each is the sum of the finer codes loaded under it.`,
    );
  }
  if (all.length === 0 && within !== null) notes.push(`Nothing is loaded under HS ${within} at this level.`);
  return {
    ...base,
    year,
    previousLoaded,
    total,
    rows,
    count: all.length,
    sum: all.reduce((s, [, n]) => s + n.value, 0),
    notes,
  };
}

/** Pairs with HS-6 figures, read from the pairs' years kept at import (hs_pair_year), not from the rows. */
export function productPairs(db: Db): ProductPair[] {
  const economy = economyLookup(db);
  const rows = preparedOnce(
    db,
    `SELECT reporter, partner, min(year) AS first, max(year) AS last FROM hs_pair_year
    GROUP BY reporter, partner ORDER BY last DESC, sum(value_usd) DESC`,
  ).all() as { reporter: string; partner: string; first: number; last: number }[];
  return rows.map((r) => ({ reporter: economy(r.reporter), partner: economy(r.partner), firstYear: r.first, lastYear: r.last }));
}

export function productsHandlers(ctx: Context): HandlersOf<typeof productsContract> {
  return { topProducts: (input) => topProducts(ctx.db, input), productPairs: () => productPairs(ctx.db) };
}
