/**
 * Number and unit formatting with Intl in the interface's language ("150.5" in English, Korean and Chinese alike; a
 * grouping or decimal sign is never taken from another locale). Reads the active language, so what a template
 * formats follows a language switch. The formatting itself: i18n/numbers.ts.
 */
import { formatPreciseDateIn, type PreciseDate } from '../../../db/common/dates.ts';
import { i18n } from '../i18n/i18n.svelte.ts';
import { economyNameIn } from '../i18n/economies.ts';
import { hsChapterIn, sectorNameIn } from '../i18n/sectors.ts';
import { isLanguage, type Language } from '../../../db/common/languages.ts';
import * as numbers from '../i18n/numbers.ts';

/** Billions with one decimal, no unit: "150.5". */
export const billions = (usd: number): string => numbers.billions(usd, i18n.tag);
/** Billions with as many decimals as the figure has (up to 3): "150.524". */
export const billionsExact = (usd: number): string => numbers.billionsExact(usd, i18n.tag);
/** Billions with three decimals always, for columns of monthly figures that must line up: "1.060". */
export const billions3 = (usd: number): string => numbers.billions3(usd, i18n.tag);
/** "USD 150.5 bn"; "US$1505억" / "US$1505亿" in Korean and Chinese. */
export const usdBn = (usd: number): string => numbers.usdBn(usd, i18n.tag);
/** Signed: "+63.0" / "−63.0". */
export const signedBn = (usd: number): string => numbers.signedBn(usd, i18n.tag);
export const percent = (ratio: number): string => numbers.percent(ratio, i18n.tag);
export const integer = (n: number): string => numbers.integer(n, i18n.tag);
/** An exact amount in US dollars. */
export const usd = (amount: number): string => numbers.usd(amount, i18n.tag);

/** A moment (an ISO timestamp) as date and time in the interface's language. */
export const dateTime = (iso: string): string => new Date(iso).toLocaleString(i18n.tag);

/** The active language, the pseudo-locale counting as English. */
const language = (): Language => (isLanguage(i18n.locale) ? i18n.locale : 'en');

/** A date with its precision in the interface's language ("Oct 2022", "2022년 10월", "2022年10月"). */
export const preciseDate = (date: PreciseDate): string => formatPreciseDateIn(date, language());

/** An economy's name in the interface's language (Intl.DisplayNames), else as stored. */
export const economyName = (code: string, stored: string): string => economyNameIn(code, stored, i18n.tag);

/** A sector's name in the interface's language: a built-in sector's translation, else as stored (users' names are never translated). */
export const sectorName = (id: string, stored: string): string => sectorNameIn(id, stored, language());

/** The title of an HS code's chapter in the interface's language, when the app has it. */
export const hsChapter = (code: string): string | undefined => hsChapterIn(code, language());
