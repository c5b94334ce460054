/**
 * How the data core's coded messages (core-messages.ts) are written in a language: their values (a quantity, an
 * economy, months, an amount, a nested message) and the code's sentence, by the rules the page and the desktop app's
 * main process share. Apart from the sentences themselves, so that a writer can load before the sentences it writes
 * (the page's first paint holds only the ones its first view shows).
 */
import { withKoreanParticles } from './korean-particles.ts';
import { withSign } from './signed.ts';

/**
 * The codes of the core's messages. core-messages.ts, which holds their sentences, registers them here (declaration
 * merging), so that the writer does not import the sentences.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by core-messages.ts
export interface CoreMessageCodes {}
type CoreMessageCode = keyof CoreMessageCodes & string;

/** A coded message: what the page writes in its language. */
export interface CoreText {
  messageCode: CoreMessageCode;
  params: CoreParams;
}
/** An economy as a value: its code, by which the page names it in its language, and the name stored for it. */
export interface EconomyValue {
  economy: string;
  name: string;
}
/** Messages written one after another with the code `joinedBy`'s text between them (arrays use importListJoin). */
export interface CoreList {
  items: CoreText[];
  joinedBy: CoreMessageCode;
}
/** Months of a year (1–12), written with the language's month names in runs: "Jan–Jul, Sep". */
export interface MonthsValue {
  months: number[];
}
/** An amount in US dollars, written as the page writes amounts ("USD 10.7 bn"; in Korean and Chinese in units of 10⁸). */
export interface UsdValue {
  usd: number;
}
export type CoreValue = string | number | CoreText | CoreText[] | EconomyValue | CoreList | MonthsValue | UsdValue;
export type CoreParams = { [name: string]: CoreValue };

export function isEconomyValue(value: CoreValue): value is EconomyValue {
  return typeof value === 'object' && !Array.isArray(value) && 'economy' in value;
}

export function isCoreList(value: CoreValue): value is CoreList {
  return typeof value === 'object' && !Array.isArray(value) && 'joinedBy' in value;
}

export function isMonthsValue(value: CoreValue): value is MonthsValue {
  return typeof value === 'object' && !Array.isArray(value) && 'months' in value;
}

export function isUsdValue(value: CoreValue): value is UsdValue {
  return typeof value === 'object' && !Array.isArray(value) && 'usd' in value;
}

/** Runs of consecutive months, each [first, last] (1–12), in order; repeats dropped. */
export function monthRuns(months: readonly number[]): [number, number][] {
  const sorted = [...new Set(months)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    runs.push([sorted[i]!, sorted[j]!]);
    i = j + 1;
  }
  return runs;
}

/** Months in runs, each month written by `name` (1–12): "Jan–Jul, Sep". */
export function monthsText(months: readonly number[], name: (month: number) => string, join: string): string {
  return monthRuns(months)
    .map(([first, last]) => (first === last ? name(first) : `${name(first)}–${name(last)}`))
    .join(join);
}

/** How a coded message is written in one language: the same rules for the page and the desktop app's main process. */
export interface CoreWriting {
  /** The BCP 47 tag numbers and months are written in. */
  tag: string;
  /** The code's sentence in the language with its values put in. */
  say(code: CoreMessageCode, values?: Record<string, string>): string;
  /** An economy's name in the language (the stored name where none is known). */
  economyName(code: string, stored: string): string;
}

/** A coded message in a language: a quantity grouped, a nested message written, an economy named, text as it is. */
export function writeCore(text: CoreText, w: CoreWriting): string {
  const value = (v: CoreValue): string => {
    if (typeof v === 'number') return new Intl.NumberFormat(w.tag).format(v);
    if (typeof v === 'string') return v;
    if (Array.isArray(v)) return v.map(value).join(w.say('importListJoin'));
    if (isEconomyValue(v)) return w.economyName(v.economy, v.name);
    if (isCoreList(v)) return v.items.map(value).join(w.say(v.joinedBy));
    if (isMonthsValue(v)) return monthsText(v.months, (m) => monthName(m, w.tag), w.say('monthRunJoin'));
    if (isUsdValue(v)) return w.say('usdAmount', { n: usdNumber(v.usd, w.tag) });
    return writeCore(v, w);
  };
  const written = w.say(text.messageCode, Object.fromEntries(Object.entries(text.params).map(([name, v]) => [name, value(v)])));
  return w.tag.startsWith('ko') ? withKoreanParticles(written) : written;
}

/**
 * An amount in US dollars as the number of its unit in a language: billions in English; Korean and Chinese count in
 * units of 10⁸ (억 / 亿), as their publications do, with one decimal fewer so the precision stays the same.
 */
export function usdNumber(usd: number, tag: string, minDecimals = 1, maxDecimals = 1, signed = false): string {
  const tenToEight = tag.startsWith('ko') || tag.startsWith('zh');
  const less = tenToEight ? 1 : 0;
  const format = new Intl.NumberFormat(tag, {
    minimumFractionDigits: Math.max(0, minDecimals - less),
    maximumFractionDigits: Math.max(0, maxDecimals - less),
  });
  return withSign(usd, format.format(Math.abs(usd) / (tenToEight ? 1e8 : 1e9)), format.format(0), signed);
}

/** A month's short name in a language ("Jul", "7월", "7月"). */
export function monthName(month: number, tag: string): string {
  return new Intl.DateTimeFormat(tag, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1));
}
