/**
 * How a checked claim reads: the claim in plain words, the verdict's name, and one line per reading.
 * Shared by the Overview, the Sources view and the briefing's claims block (screen and print).
 */
import type { CheckedClaim, ClaimReading, ClaimSpec } from '../../../db/claims/contract.ts';
import type { SourceRef } from '../../../db/shared-types.ts';
import { usdNumber } from '../../../db/common/core-writing.ts';
import { withSign } from '../../../db/common/signed.ts';
import { i18n, t, tCore, type MessageKey } from '../i18n/i18n.svelte.ts';
import { economyName } from './format.ts';

/** Figures are written in the interface's language, as every other figure of the app. */
const tag = (): string => i18n.tag;
/** The typographic minus, as the app's other signed figures use. */
const minus = (s: string): string => s.replace('-', '−');

/** The verdict's name ("Holds", "Does not hold"…). */
export function verdictLabel(verdict: CheckedClaim['verdict']): string {
  return t(`claims.verdict.${verdict}`);
}

/** A reading's verdict ("Holds", "Differs", "Cannot decide"). */
export function readingLabel(verdict: ClaimReading['verdict']): string {
  return t(`claims.reading.${verdict}`);
}

/** An amount in US dollars to the given decimals of billions, in the language's unit (db/common usdNumber). */
function usdAmount(usd: number, minDecimals: number, maxDecimals: number, signed = false): string {
  const n = usdNumber(usd, tag(), minDecimals, maxDecimals, signed);
  // A signed amount is a difference: it reads "+0.021 bn", without the currency.
  return signed ? t('claims.signedBn', { n }) : t('core.usdAmount', { n });
}

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
    return usdAmount(c.value, d, d);
  }
  const d = decimalsFor(c.precision, 0.01);
  const f = new Intl.NumberFormat(tag(), {
    style: 'percent',
    minimumFractionDigits: d,
    maximumFractionDigits: d,
    signDisplay: c.kind === 'growth' ? 'exceptZero' : 'auto',
  });
  return minus(f.format(c.value));
}

/** A figure of the data in the claim's unit, with the digits it has. */
export function dataFigure(c: ClaimSpec, value: number): string {
  if (c.kind === 'total-value' || c.kind === 'largest-partner') return usdAmount(value, 1, 3);
  return minus(
    new Intl.NumberFormat(tag(), {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 2,
      signDisplay: c.kind === 'growth' ? 'exceptZero' : 'auto',
    }).format(value),
  );
}

/** A signed difference in percentage points, to two decimals: "+0.25", "−1.10", "0.00". */
function pointsSigned(difference: number): string {
  const f = new Intl.NumberFormat(tag(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return withSign(difference, f.format(Math.abs(difference) * 100), f.format(0));
}

/** A signed relative difference, fine enough to show a rounding-level gap: "−0.03%". */
export function relativeDifference(r: number): string {
  const digits = Math.abs(r) < 0.01 ? 2 : 1;
  return minus(
    new Intl.NumberFormat(tag(), {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: 'exceptZero',
    }).format(r),
  );
}

/** The share's measure: a balance has no share, so its claims read as imports (as they always have). */
const SHARE_OF = { total: 'total', export: 'export', import: 'import', balance: 'import' } as const;

/** What the claim asserts, in the app's words: "China's total trade with South Korea in 2021: USD 364.1 bn". */
export function claimSummary(c: ClaimSpec): string {
  const values = {
    reporter: economyName(c.reporter.code, c.reporter.name),
    partner: economyName(c.partner.code, c.partner.name),
    year: c.year,
    from: c.year - 1,
    figure: statedFigure(c),
  };
  const key: MessageKey =
    c.kind === 'largest-partner'
      ? `claims.largest.${c.measure}`
      : c.kind === 'total-value'
        ? `claims.value.${c.measure}`
        : c.kind === 'share'
          ? `claims.share.${SHARE_OF[c.measure]}`
          : `claims.growth.${c.measure}`;
  return t(key, values);
}

/** How a reading's figure is obtained, in the interface's language where the core coded it. */
function basisOf(r: ClaimReading): string {
  return r.basisText ? tCore(r.basisText) : r.basis;
}

/** A reading's note in the interface's language where the core coded it. */
export function readingNote(r: ClaimReading): string | null {
  return r.noteText ? tCore(r.noteText) : r.note;
}

/** One reading in words (without its sources, which the caller marks): "exports + imports = USD 364.079 bn: differs by −0.021 bn (−0.01%)". */
export function readingText(c: ClaimSpec, r: ClaimReading): string {
  if (c.kind === 'largest-partner') {
    const own = r.value === null ? '' : `${economyName(c.partner.code, c.partner.name)} ${dataFigure(c, r.value)}`;
    if (r.verdict === 'differs' && r.leader) {
      const leader = `${economyName(r.leader.economy.code, r.leader.economy.name)} ${dataFigure(c, r.leader.value)}`;
      const by =
        r.difference === null
          ? ''
          : t('claims.largerBy', {
              amount: usdAmount(r.difference, 1, 3),
              relative: r.relative === null ? '' : ` (${relativeDifference(r.relative)})`,
            });
      return t('claims.against', { basis: basisOf(r), leader, own, by });
    }
    const next = r.leader
      ? t('claims.next', { name: economyName(r.leader.economy.code, r.leader.economy.name), figure: dataFigure(c, r.leader.value) })
      : '';
    return `${basisOf(r)}: ${own}${next}`;
  }
  const figure = r.value === null ? t('claims.noFigure') : dataFigure(c, r.value);
  if (r.difference === null) return `${basisOf(r)}: ${figure}`;
  const diff =
    c.kind === 'total-value'
      ? usdAmount(r.difference, 1, 3, true)
      : t('claims.points', {
          n: pointsSigned(r.difference),
        });
  const relative = r.relative === null || c.kind !== 'total-value' ? '' : ` (${relativeDifference(r.relative)})`;
  return t(r.verdict === 'holds' ? 'claims.difference' : 'claims.differsBy', { basis: basisOf(r), figure, diff, relative });
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
