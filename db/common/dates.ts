/**
 * Dates with precision. A source may give a day, a month ("October 2022"), part of a month
 * ("end of September 2022"), a year, or a day known only relative to a report's publication
 * ("the Friday before publication"). The app keeps exactly what the source says.
 * Pure TypeScript: used by the core and by the renderer.
 */
import type { Language } from './languages.ts';

export type DatePrecision = 'day' | 'month' | 'year' | 'relative';
export type MonthPart = 'early' | 'mid' | 'late';
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export type RelativeRelation = 'before-anchor' | 'week-of-anchor';

export interface RelativeDate {
  /** The source whose publication anchors the date. */
  anchorId: string;
  anchorLabel?: string;
  weekday: Weekday;
  relation: RelativeRelation;
  note?: string;
}

export interface PreciseDate {
  precision: DatePrecision;
  /** 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY'; for 'relative', the calendar value known from the anchor, if any. */
  value: string | null;
  part?: MonthPart | null;
  relative?: RelativeDate | null;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const PARTS: Record<MonthPart, string> = { early: 'early', mid: 'mid', late: 'end of' };

export function weekdayName(day: Weekday): string {
  return WEEKDAYS[day];
}

function monthLabel(value: string, locale: string): string {
  const [y, m] = value.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, 1)).toLocaleDateString(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** "Oct 2022", "end of Sep 2022", "Fri before the report (S1), Aug 2022", "26 Aug 2022". */
export function formatPreciseDate(date: PreciseDate, locale = 'en-GB'): string {
  const { precision, value } = date;
  if (precision === 'day' && value) {
    const [y, m, d] = value.split('-').map(Number);
    return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).toLocaleDateString(locale, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  if (precision === 'month' && value) {
    const month = monthLabel(value, locale);
    return date.part ? `${PARTS[date.part]} ${month}` : month;
  }
  if (precision === 'year' && value) return value.slice(0, 4);
  if (precision === 'relative' && date.relative) {
    const r = date.relative;
    const anchor = r.anchorLabel ? `the report (${r.anchorLabel})` : 'the report';
    const phrase =
      r.relation === 'before-anchor' ? `${weekdayName(r.weekday)} before ${anchor}` : `${weekdayName(r.weekday)} of the week of ${anchor}`;
    if (!value) return phrase;
    const when = value.length === 7 ? monthLabel(value, locale) : value;
    return `${phrase}, ${date.part ? `${PARTS[date.part]} ` : ''}${when}`;
  }
  return 'date not stated';
}

/** The languages a precise date is written in: the interface's (languages.ts). */
export type DateLanguage = Language;

/** How Korean and Chinese write the parts of a month and a date relative to a report. */
const WORDS: Record<
  Exclude<DateLanguage, 'en'>,
  {
    tag: string;
    parts: Record<MonthPart, string>;
    report: (label: string | undefined) => string;
    before: (weekday: string, anchor: string) => string;
    weekOf: (weekday: string, anchor: string) => string;
    listSep: string;
    notStated: string;
  }
> = {
  ko: {
    tag: 'ko',
    parts: { early: '초', mid: '중순', late: '말' },
    report: (label) => (label ? `보고서(${label})` : '보고서'),
    before: (weekday, anchor) => `${anchor} 발표 전 ${weekday}`,
    weekOf: (weekday, anchor) => `${anchor} 발표 주 ${weekday}`,
    listSep: ', ',
    notStated: '날짜 미상',
  },
  zh: {
    tag: 'zh-CN',
    parts: { early: '初', mid: '中', late: '底' },
    report: (label) => (label ? `报告（${label}）` : '报告'),
    before: (weekday, anchor) => `${anchor}发布前的${weekday}`,
    weekOf: (weekday, anchor) => `${anchor}发布当周的${weekday}`,
    listSep: '，',
    notStated: '日期不详',
  },
};

function utc(value: string): Date {
  const [y, m, d] = value.split('-').map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1));
}

/**
 * A precise date in the interface's language: English exactly as formatPreciseDate writes it (exports and prints
 * compare it byte for byte); Korean "2022년 10월", "2022년 9월 말", "2022년 8월 26일"; Chinese "2022年10月",
 * "2022年9月底", "2022年8月26日". The part of a month follows the month, as both languages write it.
 */
export function formatPreciseDateIn(date: PreciseDate, language: DateLanguage): string {
  if (language === 'en') return formatPreciseDate(date);
  const w = WORDS[language];
  const { precision, value } = date;
  const month = (v: string): string => {
    const text = utc(v).toLocaleDateString(w.tag, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    return date.part ? `${text}${language === 'ko' ? ' ' : ''}${w.parts[date.part]}` : text;
  };
  if (precision === 'day' && value)
    return utc(value).toLocaleDateString(w.tag, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  if (precision === 'month' && value) return month(value);
  if (precision === 'year' && value) return language === 'ko' ? `${value.slice(0, 4)}년` : `${value.slice(0, 4)}年`;
  if (precision === 'relative' && date.relative) {
    const r = date.relative;
    // 2023-01-01 was a Sunday: day r.weekday of that week names the weekday in the language.
    const weekday = new Date(Date.UTC(2023, 0, 1 + r.weekday)).toLocaleDateString(w.tag, { weekday: 'long', timeZone: 'UTC' });
    const anchor = w.report(r.anchorLabel);
    const phrase = r.relation === 'before-anchor' ? w.before(weekday, anchor) : w.weekOf(weekday, anchor);
    if (!value) return phrase;
    return `${phrase}${w.listSep}${value.length === 7 ? month(value) : value}`;
  }
  return w.notStated;
}

/** A sortable key: the earliest calendar day the date can mean (relative dates sort by their known month). */
export function dateSortKey(date: PreciseDate): string {
  const v = date.value ?? '9999';
  const start = v.length === 4 ? `${v}-01-01` : v.length === 7 ? `${v}-01` : v;
  if (date.part && v.length === 7) return `${v}-${date.part === 'early' ? '01' : date.part === 'mid' ? '11' : '21'}`;
  return start;
}

/** The latest calendar day the date can mean, used to decide past vs upcoming. */
export function latestPossibleDay(date: PreciseDate): string | null {
  const v = date.value;
  if (!v) return null;
  if (v.length === 10) return v;
  if (v.length === 4) return `${v}-12-31`;
  const [y, m] = v.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 1970, m ?? 1, 0)).getUTCDate();
  return `${v}-${String(last).padStart(2, '0')}`;
}

/** Past when even the latest day the date can mean is before today; upcoming otherwise. */
export function isPast(date: PreciseDate, today: string): boolean {
  const last = latestPossibleDay(date);
  return last !== null && last < today;
}

/** Today in the machine's time zone, as YYYY-MM-DD (a briefing's "today" is the analyst's, not UTC's). */
export function localToday(now: Date = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}
