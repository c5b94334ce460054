/**
 * How a checked claim reads: the claim in plain words, the verdict's name, and one line per reading.
 * Shared by the Overview, the Sources view and the briefing's claims block (screen and print).
 */
import type { CheckedClaim, ClaimReading, ClaimSpec } from '../../../db/claims/contract.ts';
import type { SourceRef } from '../../../db/shared-types.ts';
import { billionsExact } from './format.ts';

const locale = typeof navigator !== 'undefined' ? navigator.language : 'en-GB';
/** The typographic minus, as the app's other signed figures use. */
const minus = (s: string): string => s.replace('-', '−');

export const VERDICT_LABEL: Record<CheckedClaim['verdict'], string> = {
  holds: 'Holds',
  mixed: 'Holds by one source, not by another',
  differs: 'Does not hold',
  unchecked: 'Cannot be checked with the data loaded',
};

export const READING_LABEL: Record<ClaimReading['verdict'], string> = { holds: 'Holds', differs: 'Differs', unknown: 'Cannot decide' };

/** Decimals that show a figure to the precision its source gives (0.1 bn → 1; 0.001 as a percentage → 1). */
function decimalsFor(precision: number | null, scale: number): number {
  if (precision === null) return 1;
  return Math.min(4, Math.max(0, Math.ceil(-Math.log10(precision / scale) - 1e-9)));
}

/** The claim's own figure, to the precision the source gives: "USD 364.1 bn", "26.9%". */
export function statedFigure(c: ClaimSpec): string {
  if (c.value === null) return '';
  if (c.kind === 'total-value') {
    const d = decimalsFor(c.precision, 1e9);
    return `USD ${new Intl.NumberFormat(locale, { minimumFractionDigits: d, maximumFractionDigits: d }).format(c.value / 1e9)} bn`;
  }
  const d = decimalsFor(c.precision, 0.01);
  const f = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: d,
    maximumFractionDigits: d,
    signDisplay: c.kind === 'growth' ? 'exceptZero' : 'auto',
  });
  return minus(f.format(c.value));
}

/** A figure of the data in the claim's unit, with the digits it has. */
export function dataFigure(c: ClaimSpec, value: number): string {
  if (c.kind === 'total-value' || c.kind === 'largest-partner') return `USD ${billionsExact(value)} bn`;
  return minus(
    new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 2,
      signDisplay: c.kind === 'growth' ? 'exceptZero' : 'auto',
    }).format(value),
  );
}

/** A signed relative difference, fine enough to show a rounding-level gap: "−0.03%". */
export function relativeDifference(r: number): string {
  const digits = Math.abs(r) < 0.01 ? 2 : 1;
  return minus(
    new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: 'exceptZero',
    }).format(r),
  );
}

function signedUsd(v: number): string {
  const s = billionsExact(Math.abs(v));
  return `${v > 0 ? '+' : v < 0 ? '−' : ''}${s}`;
}

const MEASURE = { export: 'exports to', import: 'imports from', total: 'total trade with', balance: 'trade balance with' } as const;
const RANK = {
  export: 'largest export destination',
  import: 'largest source of imports',
  total: 'largest trading partner',
  balance: 'largest partner',
} as const;

/** What the claim asserts, in the app's words: "China's total trade with South Korea in 2021: USD 364.1 bn". */
export function claimSummary(c: ClaimSpec): string {
  const R = c.reporter.name;
  const P = c.partner.name;
  switch (c.kind) {
    case 'largest-partner':
      return `${P} is ${R}'s ${RANK[c.measure]} in ${c.year}${c.measure === 'total' ? ' (exports + imports)' : ''}`;
    case 'total-value':
      return `${R}'s ${MEASURE[c.measure]} ${P} in ${c.year}: ${statedFigure(c)}`;
    case 'share':
      return `${P}'s share of ${R}'s ${c.measure === 'total' ? 'total trade' : c.measure === 'export' ? 'exports' : 'imports'} in ${c.year}: ${statedFigure(c)}`;
    case 'growth':
      return `${R}'s ${MEASURE[c.measure]} ${P}, change from ${c.year - 1} to ${c.year}: ${statedFigure(c)}`;
  }
}

/** One reading in words (without its sources, which the caller marks): "exports + imports = USD 364.079 bn: differs by −0.021 bn (−0.01%)". */
export function readingText(c: ClaimSpec, r: ClaimReading): string {
  if (c.kind === 'largest-partner') {
    const own = r.value === null ? '' : `${c.partner.name} ${dataFigure(c, r.value)}`;
    if (r.verdict === 'differs' && r.leader) {
      const by =
        r.difference === null
          ? ''
          : `, larger by USD ${billionsExact(r.difference)} bn${r.relative === null ? '' : ` (${relativeDifference(r.relative)})`}`;
      return `${r.basis}: ${r.leader.economy.name} ${dataFigure(c, r.leader.value)} against ${own}${by}`;
    }
    const next = r.leader ? `; next ${r.leader.economy.name} ${dataFigure(c, r.leader.value)}` : '';
    return `${r.basis}: ${own}${next}`;
  }
  const figure = r.value === null ? 'no figure' : dataFigure(c, r.value);
  if (r.difference === null) return `${r.basis}: ${figure}`;
  const diff =
    c.kind === 'total-value'
      ? `${signedUsd(r.difference)} bn`
      : `${r.difference > 0 ? '+' : r.difference < 0 ? '−' : ''}${(Math.abs(r.difference) * 100).toFixed(2)} points`;
  const rel = r.relative === null || c.kind !== 'total-value' ? '' : ` (${relativeDifference(r.relative)})`;
  return `${r.basis} = ${figure}; ${r.verdict === 'holds' ? 'difference' : 'differs by'} ${diff}${rel}`;
}

/** Claims grouped by the statement making them, in order. */
export function byStatement(claims: CheckedClaim[]): { id: string; text: string; source: SourceRef; claims: CheckedClaim[] }[] {
  const byId = new Map<string, { id: string; text: string; source: SourceRef; claims: CheckedClaim[] }>();
  for (const c of claims) {
    const s = byId.get(c.statementId) ?? { id: c.statementId, text: c.text, source: c.source, claims: [] };
    s.claims.push(c);
    byId.set(c.statementId, s);
  }
  return [...byId.values()];
}

/** Every source a reading rests on, once each. */
export function readingSources(r: ClaimReading): SourceRef[] {
  return [...new Map([...r.parts.map((p) => p.source), ...(r.leader?.sources ?? [])].map((s) => [s.id, s])).values()];
}
