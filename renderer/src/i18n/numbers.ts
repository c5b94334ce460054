/**
 * Numbers, percentages and US dollars with Intl for a given language tag and money unit (pure: lib/format.ts applies
 * the active language and the chosen unit; the tests call these with each tag and unit).
 */
import { withSign } from '../../../db/common/signed.ts';
import { inUnit, UNIT_DECIMALS, type MoneyUnit } from '../../../db/common/units.ts';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(name: string, options: Intl.NumberFormatOptions, tag: string): Intl.NumberFormat {
  const key = `${tag}|${name}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(tag, options);
    cache.set(key, f);
  }
  return f;
}

/** A figure in the unit with the unit's decimals, no unit: "150.5" (bn), "150,524.0" (mn), "150,524,000" (thousand). */
export function amount(usd: number, unit: MoneyUnit, tag: string): string {
  const d = UNIT_DECIMALS[unit];
  return formatter(`amount${d}`, { minimumFractionDigits: d, maximumFractionDigits: d }, tag).format(inUnit(usd, unit));
}

/** A figure in the unit with as many decimals as it has, up to two more than the unit's own: "150.524" (bn). */
export function amountExact(usd: number, unit: MoneyUnit, tag: string): string {
  const d = UNIT_DECIMALS[unit];
  return formatter(`amountExact${d}`, { minimumFractionDigits: d, maximumFractionDigits: d + 2 }, tag).format(inUnit(usd, unit));
}

/**
 * Decimals that make a column of monthly figures line up at a resolution of USD 1 mn or finer: "1.060" (bn),
 * "1,060.0" (mn), "1,060,000" (thousand).
 */
const COLUMN_DECIMALS: Record<MoneyUnit, number> = { bn: 3, mn: 1, thousand: 0 };

/** A figure in the unit with fixed decimals, for columns that must line up. */
export function amountColumn(usd: number, unit: MoneyUnit, tag: string): string {
  const d = COLUMN_DECIMALS[unit];
  return formatter(`amountColumn${d}`, { minimumFractionDigits: d, maximumFractionDigits: d }, tag).format(inUnit(usd, unit));
}

/** Signed, in the unit: "+63.0" / "−63.0" (bn), "−63,000.0" (mn). */
export function signedAmount(usd: number, unit: MoneyUnit, tag: string): string {
  return withSign(usd, amount(Math.abs(usd), unit, tag), amount(0, unit, tag));
}

/** Billions with one decimal, no unit: "150.5". */
export function billions(usd: number, tag: string): string {
  return amount(usd, 'bn', tag);
}

/** Billions with as many decimals as the figure has (up to 3): "150.524". */
export function billionsExact(usd: number, tag: string): string {
  return amountExact(usd, 'bn', tag);
}

/** Billions with three decimals always, for columns of monthly figures that must line up: "1.060". */
export function billions3(usd: number, tag: string): string {
  return amountColumn(usd, 'bn', tag);
}

/**
 * "USD 150.5 bn" in English; in Korean and Chinese the short form their publications use, in units of 10⁸
 * (억 / 亿), as Intl writes it: "US$1505억", "US$1505亿". Negative values keep their sign.
 */
export function usdBn(usd: number, tag: string): string {
  if (tag.startsWith('en')) return `USD ${billions(usd, tag)} bn`;
  return formatter('usdCompact', { style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 }, tag).format(usd);
}

/** Signed: "+63.0" / "−63.0". */
export function signedBn(usd: number, tag: string): string {
  return signedAmount(usd, 'bn', tag);
}

/** "12.3%" ("12.3%" in Korean and Chinese too; Intl places the sign per language). */
export function percent(ratio: number, tag: string): string {
  return formatter('pct1', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }, tag).format(ratio);
}

/** A signed change as a percentage: "+5.4%", "−12.9%", "0.0%" for one that rounds to nothing. */
export function signedPercent(ratio: number, tag: string): string {
  return withSign(ratio, percent(Math.abs(ratio), tag), percent(0, tag));
}

/** As many decimals as `n` has, up to `decimals`, none forced: "180", "2.5". */
export function plainNumber(n: number, decimals: number, tag: string): string {
  return formatter(`plain${decimals}`, { maximumFractionDigits: decimals }, tag).format(n);
}

/** A value on a chart's axis ("180", "2.5"): the axis title names the unit, so a tick carries none. */
export function axisTick(n: number, tag: string): string {
  return plainNumber(n, 3, tag);
}

export function integer(n: number, tag: string): string {
  return formatter('int', { maximumFractionDigits: 0 }, tag).format(n);
}

/** A file's size: "3 kB" up to a megabyte (whole kilobytes, rounded up), then "12.5 MB", in the language's way. */
export function fileSize(bytes: number, tag: string): string {
  if (bytes >= 1e6)
    return formatter('mb', { style: 'unit', unit: 'megabyte', minimumFractionDigits: 1, maximumFractionDigits: 1 }, tag).format(
      bytes / 1e6,
    );
  return formatter('kb', { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }, tag).format(Math.ceil(bytes / 1000));
}

/** An exact amount in US dollars: "$1,234,567", "US$1,234,567". */
export function usd(amount: number, tag: string): string {
  return formatter('usd', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 }, tag).format(amount);
}
