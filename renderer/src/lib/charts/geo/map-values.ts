/**
 * What the world map of a reporter's partners shows for a partner, on screen (the Partners view) and in print (the
 * map block): its figure for the measure, and that figure written in the chosen unit.
 */
import type { PartnerRow } from '../../../../../db/partners/contract.ts';
import type { MapMeasure } from '../../../../../db/common/vocabulary.ts';
import { i18n, t } from '../../../i18n/i18n.svelte.ts';
import { UNIT_DECIMALS } from '../../../../../db/common/units.ts';
import { billions, currentUnit, signedBn, toUnit } from '../../format.ts';
import { plainNumber } from '../../../i18n/numbers.ts';

/** The partner's exports, imports or balance with the reporter; null when not reported (never drawn as zero). */
export function mapValue(p: PartnerRow | undefined, measure: MapMeasure): number | null {
  if (!p) return null;
  return measure === 'exports' ? (p.exports?.value ?? null) : measure === 'imports' ? (p.imports?.value ?? null) : p.balance;
}

/** One formatter per language: a map writes a figure for each of a few hundred partners, and making one costs more than using it. */
const formatters = new Map<string, Intl.NumberFormat>();
function threeDigits(tag: string): Intl.NumberFormat {
  let f = formatters.get(tag);
  if (!f) formatters.set(tag, (f = new Intl.NumberFormat(tag, { maximumSignificantDigits: 3 })));
  return f;
}

/**
 * A map's figure in the chosen unit (named in the caption and the legend); in billions, each value says bn or mn, as
 * a value under a billion is written in millions (a log scale's lower ticks would all read 0.0 bn).
 */
export function mapValueText(v: number, measure: MapMeasure): string {
  if (currentUnit() !== 'bn') return measure === 'balance' ? signedBn(v) : billions(v);
  if (Math.abs(v) >= 1e9 || v === 0) return t('partners.map.bn', { n: measure === 'balance' ? signedBn(v) : billions(v) });
  const millions = threeDigits(i18n.tag).format(Math.abs(v) / 1e6);
  return t('partners.map.mn', { n: `${v < 0 ? '−' : measure === 'balance' ? '+' : ''}${millions}` });
}

/**
 * A value on the legend's colour bar, as plain as a chart's axis tick: "1 bn", "100 bn", "10 mn", "0", "+44.4 bn" (not
 * "1.0 bn" or "0.0 bn": a log scale's ticks are round powers of ten). A country's own figure keeps the unit's decimals.
 */
export function mapTickText(v: number, measure: MapMeasure): string {
  const sign = v < 0 ? '−' : measure === 'balance' && v > 0 ? '+' : '';
  const unit = currentUnit();
  if (unit !== 'bn') return `${sign}${plainNumber(Math.abs(toUnit(v)), UNIT_DECIMALS[unit], i18n.tag)}`;
  if (Math.abs(v) >= 1e9 || v === 0)
    return t('partners.map.bn', { n: `${sign}${plainNumber(Math.abs(v) / 1e9, UNIT_DECIMALS.bn, i18n.tag)}` });
  return t('partners.map.mn', { n: `${sign}${threeDigits(i18n.tag).format(Math.abs(v) / 1e6)}` });
}
