/**
 * The products area's rules, free of SQLite: the tree of chapters, headings and codes of one year (a
 * code's own figure where loaded, else the sum of the finer codes under it, each flow counted once),
 * which codes several sources give, the total that shares are of, the ranking at one level with shares
 * and changes, and the notes that say what could not be computed and why.
 */
import { change as changeOf, share as shareOf } from '../common/growth.ts';
import { codeOf, said, type EconomyValue, type Said } from '../common/core-messages.ts';
import type { SourceRef } from '../shared-types.ts';
import { CHOICE_RULE_TEXT } from '../trade/chosen.ts';
import { LEVEL_DIGITS, type ProductLevel, type ProductRow, type ProductTotal } from './contract.ts';
import type { CodeRow } from './sql.ts';

const PRODUCTS = said('ruleProducts', { choice: CHOICE_RULE_TEXT });
export const PRODUCTS_RULE = PRODUCTS.message;
export const PRODUCTS_RULE_TEXT = codeOf(PRODUCTS);

export interface Flow {
  value: number;
  source: string;
}

/** One year's chosen HS figures by code. */
export type YearCodes = Map<string, Flow>;

/** A node's value: its own figure where loaded, else the sum of its children's. */
export interface Node {
  value: number;
  basis: 'stated' | 'sum-of-codes';
  /** A figure's one source, or the union of its children's sources in the order they were added. */
  sources: readonly string[] | Set<string>;
  children: number;
}

/**
 * Every chapter, heading and code of one year, each flow counted once: a code's own figure where one
 * is loaded (never added to its finer codes as well), else the sum of the finer codes under it.
 * Thousands of codes a call: a node's sources are a one-element array, a Set only for a sum of several sources.
 */
export function tree(codes: YearCodes): Map<string, Node> {
  const out = new Map<string, Node>();
  /** Headings in the order they were first made (that of their codes, then the stated ones without codes). */
  const headings: string[] = [];
  const add = (code: string, value: number, sources: string | Iterable<string>): void => {
    let n = out.get(code);
    if (n === undefined) {
      n = { value: 0, basis: 'sum-of-codes', sources: [], children: 0 };
      out.set(code, n);
      if (code.length === 4) headings.push(code);
    }
    n.value += value;
    n.children++;
    // Only sums are added to.
    if (typeof sources === 'string') addSource(n, sources);
    else for (const s of sources) addSource(n, s);
  };
  const stated = (code: string, f: Flow): void => {
    const summed = out.get(code);
    if (summed === undefined && code.length === 4) headings.push(code);
    out.set(code, { value: f.value, basis: 'stated', sources: [f.source], children: summed?.children ?? 0 });
  };
  for (const [code, f] of codes)
    if (code.length === 6) out.set(code, { value: f.value, basis: 'stated', sources: [f.source], children: 0 });
  for (const [code, f] of codes) if (code.length === 6) add(code.slice(0, 4), f.value, f.source);
  for (const [code, f] of codes) if (code.length === 4) stated(code, f);
  for (const code of headings) {
    const n = out.get(code)!;
    add(code.slice(0, 2), n.value, n.sources);
  }
  for (const [code, f] of codes) if (code.length === 2) stated(code, f);
  return out;
}

/** Adds a source to a sum's sources. Most sums have one: an array of it, replaced by a Set once a second one joins. */
function addSource(n: Node, source: string): void {
  const held = n.sources;
  if (held instanceof Set) held.add(source);
  else if (held.length === 0) n.sources = [source];
  else if (held[0] !== source) n.sources = new Set([held[0]!, source]);
}

/** The codes that several sources give for the same year (rows sorted by code, then year). */
export function contestedCodes(rows: readonly CodeRow[]): Set<string> {
  const contested = new Set<string>();
  for (let i = 1; i < rows.length; i++) {
    if (rows[i - 1]!.product_code === rows[i]!.product_code && rows[i - 1]!.year === rows[i]!.year) contested.add(rows[i]!.product_code);
  }
  return contested;
}

/**
 * The HS figures of `year` and the year before by code, each flow counted once: the one source's row of an
 * uncontested code, the chosen row of a contested one.
 */
export function codesByYear(
  year: number,
  rows: readonly CodeRow[],
  contested: ReadonlySet<string>,
  chosen: readonly CodeRow[],
): Map<number, YearCodes> {
  const byYear = new Map<number, YearCodes>([
    [year, new Map()],
    [year - 1, new Map()],
  ]);
  const keep = (r: CodeRow): void => {
    byYear.get(r.year)!.set(r.product_code, { value: r.value_usd, source: r.source_id });
  };
  for (const r of rows) if (!contested.has(r.product_code)) keep(r);
  for (const r of chosen) keep(r);
  return byYear;
}

/** The total shares are of: the stated total where loaded, else the sum of the chapters of `whole`; and that sum. */
export function productTotal(
  stated: { value_usd: number; source_id: string } | undefined,
  whole: ReadonlyMap<string, Node>,
  source: (id: string) => SourceRef,
): { total: ProductTotal | null; chapterSum: number } {
  const chapters = [...whole].filter(([c]) => c.length === 2);
  const chapterSum = chapters.reduce((s, [, n]) => s + n.value, 0);
  const total: ProductTotal | null = stated
    ? { value: stated.value_usd, basis: 'stated', sources: [source(stated.source_id)] }
    : chapters.length > 0
      ? { value: chapterSum, basis: 'sum-of-chapters', sources: [...new Set(chapters.flatMap(([, n]) => [...n.sources]))].map(source) }
      : null;
  return { total, chapterSum };
}

/** The nodes of one level (under `within` when a drill), largest first, then by code. */
export function atLevel(now: ReadonlyMap<string, Node>, level: ProductLevel, within: string | null): [string, Node][] {
  const digits = LEVEL_DIGITS[level];
  return [...now]
    .filter(([c]) => c.length === digits && (within === null || c.startsWith(within)))
    .sort((a, b) => b[1].value - a[1].value || a[0].localeCompare(b[0]));
}

/** One ranked product with its share of the total and its change on the year before, or why there is none. */
export function productRow(
  [code, n]: [string, Node],
  context: { level: ProductLevel; year: number; before: ReadonlyMap<string, Node>; previousLoaded: boolean; total: ProductTotal | null },
  source: (id: string) => SourceRef,
): ProductRow {
  const prev = context.before.get(code);
  const change = prev ? changeOf(n.value, prev.value) : null;
  return {
    code,
    level: context.level,
    value: n.value,
    basis: n.basis,
    share: shareOf(n.value, context.total?.value),
    change,
    ...changeNote(
      change ? null : said(context.previousLoaded ? 'productsNotReportedIn' : 'productsYearNotLoaded', { year: String(context.year - 1) }),
    ),
    children: n.children,
    sources: [...n.sources].map(source),
  };
}

function changeNote(note: Said | null): Pick<ProductRow, 'changeNote' | 'changeNoteText'> {
  return { changeNote: note?.message ?? null, changeNoteText: note ? codeOf(note) : null };
}

/** The economies a ranking's notes name, and its flow as a word of the page's language (claimExports, claimImports). */
export interface NoteNames {
  reporter: EconomyValue;
  partner: EconomyValue;
  flow: Said;
}

/** Why a ranking is empty: nothing at HS level loaded for the pair, or nothing for that year. */
export function noFiguresNote(names: NoteNames, year: number | null): Said {
  return year === null ? said('productsNoneLoaded', names) : said('productsNoneForYear', { ...names, year: String(year) });
}

/** What the ranking could not compute and why: no year before, no stated total, chapters above the total, sums standing for figures. */
export function rankingNotes(input: {
  names: NoteNames;
  year: number;
  level: ProductLevel;
  within: string | null;
  previousLoaded: boolean;
  stated: boolean;
  total: ProductTotal | null;
  chapterSum: number;
  all: readonly [string, Node][];
}): Said[] {
  const { names, year, level, within, total, chapterSum, all } = input;
  const notes: Said[] = [];
  if (!input.previousLoaded) notes.push(said('productsNoPreviousYear', { flow: names.flow, year: String(year - 1) }));
  if (!input.stated && total) {
    notes.push(said('productsNoStatedTotal', { ...names, year: String(year) }));
  } else if (input.stated && total && chapterSum > total.value * 1.0005) {
    // Written as the English has them (one decimal), so that the figures read the same in every language.
    notes.push(said('productsChaptersAboveTotal', { chapters: (chapterSum / 1e9).toFixed(1), total: (total.value / 1e9).toFixed(1) }));
  }
  const summed = all.filter(([, n]) => n.basis === 'sum-of-codes').length;
  if (summed > 0 && level !== 'code') {
    notes.push(
      said(level === 'chapter' ? 'productsChaptersSummed' : 'productsHeadingsSummed', { summed: String(summed), all: String(all.length) }),
    );
  }
  if (all.length === 0 && within !== null) notes.push(said('productsNothingUnder', { code: within }));
  return notes;
}
