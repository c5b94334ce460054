/**
 * Number and unit formatting with Intl in the interface's language ("150.5" in English, Korean and Chinese alike; a
 * grouping or decimal sign is never taken from another locale) and in the money unit the user chose (USD bn, mn or
 * thousand: stores/money-unit.svelte.ts). Reads both, so what a template formats follows a switch of either. The
 * formatting itself: i18n/numbers.ts.
 */
import { formatPreciseDateIn, type PreciseDate } from '../../../db/common/dates.ts';
import { i18n, t } from '../i18n/i18n.svelte.ts';
import { inUnit, type MoneyUnit } from '../../../db/common/units.ts';
import { moneyUnit } from './stores/money-unit.svelte.ts';
import { isLanguage, type Language } from '../../../db/common/languages.ts';
import * as numbers from '../i18n/numbers.ts';

/** The chosen money unit. */
export const currentUnit = (): MoneyUnit => moneyUnit.unit;
/** The chosen unit's name, for a tile, a column heading or an axis: "USD bn", "백만 달러", "千美元". */
export const moneyLabel = (unit: MoneyUnit = moneyUnit.unit): string => t(`unit.${unit}`);
/** A USD value as a number in the chosen unit, for a chart's data (1.5e9 → 1500 in mn). */
export const toUnit = (usd: number): number => inUnit(usd, moneyUnit.unit);
/** A chart's value in the chosen unit back to USD, for its tooltip. */
export const fromUnit = (value: number): number => value / inUnit(1, moneyUnit.unit);

/** In the chosen unit with its decimals, no unit: "150.5" (bn), "150,524.0" (mn). */
export const money = (usd: number): string => numbers.amount(usd, moneyUnit.unit, i18n.tag);
/** In the chosen unit with as many decimals as the figure has (up to two more): "150.524" (bn). */
export const moneyExact = (usd: number): string => numbers.amountExact(usd, moneyUnit.unit, i18n.tag);
/** In the chosen unit with fixed decimals, for columns of monthly figures that must line up: "1.060" (bn). */
export const moneyColumn = (usd: number): string => numbers.amountColumn(usd, moneyUnit.unit, i18n.tag);
/** Signed, in the chosen unit: "+63.0" / "−63.0". */
export const signedMoney = (usd: number): string => numbers.signedAmount(usd, moneyUnit.unit, i18n.tag);
/**
 * An amount in prose, in the chosen unit: "USD 150.5 bn", "USD 150,524.0 mn". Korean and Chinese count billions in
 * 억 / 亿 as their publications do ("US$1505억"); in millions or thousands they write the unit after the figure
 * ("150,524.0백만 달러", "150,524.0百万美元"), the way a table headed in that unit reads.
 */
export function usdMoney(usd: number): string {
  const unit = moneyUnit.unit;
  if (unit === 'bn') return numbers.usdBn(usd, i18n.tag);
  return t(`money.${unit}`, { n: money(usd) });
}

/** For HS-level figures: the chosen unit, but never coarser than millions (most would read 0.0 in billions). */
export const fineUnit = (): MoneyUnit => (moneyUnit.unit === 'bn' ? 'mn' : moneyUnit.unit);
/** In a given unit with its decimals, no unit: "1,060.0" (mn). */
export const moneyIn = (usd: number, unit: MoneyUnit): string => numbers.amount(usd, unit, i18n.tag);

/** An amount in prose in a given unit: "USD 124,817.7 mn", "124,817.7백만 달러". */
export const usdMoneyIn = (usd: number, unit: MoneyUnit): string => t(`money.${unit}`, { n: moneyIn(usd, unit) });
/** An amount in prose to the precision it has, in the chosen unit: "USD 364.079 bn", "364.079십억 달러". */
export const usdMoneyExact = (usd: number): string => t(`money.${moneyUnit.unit}`, { n: moneyExact(usd) });

// The names below predate the unit choice and stay for the views that call them: each follows the chosen unit.
export const billions = money;
export const billionsExact = moneyExact;
export const billions3 = moneyColumn;
export const usdBn = usdMoney;
export const signedBn = signedMoney;
export const percent = (ratio: number): string => numbers.percent(ratio, i18n.tag);
/** A signed change as a percentage: "+5.4%", "−12.9%"; "0.0%" when it rounds to nothing. */
export const signedPercent = (ratio: number): string => numbers.signedPercent(ratio, i18n.tag);
export const integer = (n: number): string => numbers.integer(n, i18n.tag);
export const axisTick = (n: number): string => numbers.axisTick(n, i18n.tag);
/** A file's size: "3 kB", "12.5 MB". */
export const fileSize = (bytes: number): string => numbers.fileSize(bytes, i18n.tag);
/** An exact amount in US dollars. */
export const usd = (amount: number): string => numbers.usd(amount, i18n.tag);

/** Sentences in a row: a space between them, none in Chinese (its full stop "。" needs none). Empty ones are left out. */
export const sentences = (...parts: string[]): string => parts.filter(Boolean).join(i18n.locale === 'zh' ? '' : ' ');

/** A moment (an ISO timestamp) as date and time in the interface's language. */
export const dateTime = (iso: string): string => new Date(iso).toLocaleString(i18n.tag);

/** The active language, the pseudo-locale counting as English. */
export const language = (): Language => (isLanguage(i18n.locale) ? i18n.locale : 'en');

/** A date with its precision in the interface's language ("Oct 2022", "2022년 10월", "2022年10月"). */
export const preciseDate = (date: PreciseDate): string => formatPreciseDateIn(date, language());

/** An economy's name in the interface's language (Intl.DisplayNames), else as stored. */
export { economyName } from '../i18n/i18n.svelte.ts';
