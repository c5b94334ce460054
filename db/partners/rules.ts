/**
 * The partners area's rules, free of SQLite: values by year and partner, the measures (exports,
 * imports, total, balance), competition ranks, the reporter's totals (stated, else the sum over its
 * partners) and shares of them.
 */
import { share as shareOf } from '../common/growth.ts';
import type { SourceRef } from '../shared-types.ts';
import { CHOICE_RULE_TEXT } from '../trade/chosen.ts';
import { codeOf, said } from '../common/core-messages.ts';
import type { PartnerFlow, PartnerMeasure, ReporterTotal } from './contract.ts';
import type { ChosenRow } from './sql.ts';

const PARTNERS = said('rulePartners', { choice: CHOICE_RULE_TEXT });
export const PARTNERS_RULE = PARTNERS.message;
export const PARTNERS_RULE_TEXT = codeOf(PARTNERS);

/** A partner's two flows in one year, as chosen. */
export type YearFlows = { export?: ChosenRow; import?: ChosenRow };

/** Values by year, then partner: { export, import }. */
export type ByYear = Map<number, Map<string, YearFlows>>;

const byYearOf = new WeakMap<readonly ChosenRow[], ByYear>();

/**
 * The rows by year and partner. The answer is shared by every caller given the same array (the kept answer of
 * `chosen` serves the ranking and the rank history again and again): read it, never change it.
 */
export function byYear(rows: readonly ChosenRow[]): ByYear {
  const kept = byYearOf.get(rows);
  if (kept) return kept;
  const out: ByYear = new Map();
  for (const r of rows) {
    let year = out.get(r.year);
    if (!year) out.set(r.year, (year = new Map()));
    let pair = year.get(r.partner);
    if (!pair) year.set(r.partner, (pair = {}));
    pair[r.flow] = r;
  }
  byYearOf.set(rows, out);
  return out;
}

export function measureOf(p: YearFlows | undefined, measure: PartnerMeasure): number | null {
  const x = p?.export?.value_usd;
  const m = p?.import?.value_usd;
  if (measure === 'exports') return x ?? null;
  if (measure === 'imports') return m ?? null;
  if (x === undefined || m === undefined) return null;
  return measure === 'total' ? x + m : x - m;
}

/** Competition ranking, largest first: ties share a rank and the next rank is skipped (1, 1, 3). */
export function competitionRanks(values: ReadonlyMap<string, number | null>): Map<string, number | null> {
  const known = [...values.values()].filter((v): v is number => v !== null).sort((a, b) => b - a);
  const firstIndex = new Map<number, number>();
  known.forEach((v, i) => {
    if (!firstIndex.has(v)) firstIndex.set(v, i);
  });
  const out = new Map<string, number | null>();
  for (const [k, v] of values) out.set(k, v === null ? null : firstIndex.get(v)! + 1);
  return out;
}

/** The reporter's totals of a year: stated (trade with the World) where loaded, else the sum over partner countries. */
export function totalsOf(
  world: YearFlows | undefined,
  partners: ReadonlyMap<string, YearFlows> | undefined,
  source: (id: string) => SourceRef,
): { exports: ReporterTotal | null; imports: ReporterTotal | null; total: ReporterTotal | null } {
  const one = (flow: 'export' | 'import'): ReporterTotal | null => {
    const stated = world?.[flow];
    if (stated) return { value: stated.value_usd, basis: 'stated', partners: null, sources: [source(stated.source_id)] };
    let sum = 0;
    let n = 0;
    const used = new Map<string, SourceRef>();
    for (const p of partners?.values() ?? []) {
      const r = p[flow];
      if (!r) continue;
      sum += r.value_usd;
      n++;
      if (!used.has(r.source_id)) used.set(r.source_id, source(r.source_id));
    }
    return n === 0 ? null : { value: sum, basis: 'sum-of-partners', partners: n, sources: [...used.values()] };
  };
  const exports = one('export');
  const imports = one('import');
  const total: ReporterTotal | null =
    exports && imports
      ? {
          value: exports.value + imports.value,
          basis: exports.basis === 'stated' && imports.basis === 'stated' ? 'stated' : 'sum-of-partners',
          partners:
            exports.basis === 'stated' && imports.basis === 'stated' ? null : Math.max(exports.partners ?? 0, imports.partners ?? 0),
          sources: [...new Map([...exports.sources, ...imports.sources].map((s) => [s.id, s])).values()],
        }
      : null;
  return { exports, imports, total };
}

export function flowOf(r: ChosenRow | undefined, source: (id: string) => SourceRef): PartnerFlow | null {
  return r ? { value: r.value_usd, source: source(r.source_id), alternatives: r.alternatives } : null;
}

/** A share of the total; none of a sum over a single partner (it would read 100 % whatever the trade). */
export function share(value: number | null, total: ReporterTotal | null): number | null {
  if (!total || (total.partners !== null && total.partners < 2)) return null;
  return shareOf(value, total.value);
}

/** Sorted years as runs of consecutive years: [1965, 1966, 1967, 2024] → [[1965, 1967], [2024, 2024]]. */
export function runsOf(years: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const y of years) {
    const last = runs[runs.length - 1];
    if (last && last[1] === y - 1) last[1] = y;
    else runs.push([y, y]);
  }
  return runs;
}

export function yearRange(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}
