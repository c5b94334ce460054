/**
 * What the edit forms hold while the user types (strings, as inputs give them), and how it becomes
 * a contract input. Validation is not done here: the contract's schemas check the result.
 */
import type { MonthPart, PreciseDate } from '../../../../db/common/dates.ts';

export interface DateDraft {
  precision: '' | 'day' | 'month' | 'year';
  value: string;
  part: '' | MonthPart;
}

export const emptyDate = (): DateDraft => ({ precision: '', value: '', part: '' });

/** The contract's date (absent when no precision is chosen). */
export function dateInput(
  d: DateDraft,
):
  | { precision: 'day'; value: string }
  | { precision: 'month'; value: string; part?: MonthPart }
  | { precision: 'year'; value: string }
  | undefined {
  if (d.precision === '') return undefined;
  const value = d.value.trim();
  if (d.precision === 'month') return d.part ? { precision: 'month', value, part: d.part } : { precision: 'month', value };
  return { precision: d.precision, value };
}

/**
 * A stored date as a draft. A date stated relative to a report ("the Friday before publication")
 * cannot be edited as such: its known month (if any) is offered, and `relative` says so.
 */
export function dateDraft(date: PreciseDate | null | undefined): { draft: DateDraft; relative: boolean } {
  if (!date) return { draft: emptyDate(), relative: false };
  if (date.precision === 'relative') {
    const v = date.value ?? '';
    const precision = v.length === 10 ? 'day' : v.length === 7 ? 'month' : '';
    return { draft: { precision, value: v, part: precision === 'month' ? (date.part ?? '') : '' }, relative: true };
  }
  return { draft: { precision: date.precision, value: date.value ?? '', part: date.part ?? '' }, relative: false };
}

/** Keeps what still holds when the precision changes: 2022-09-30 → 2022-09 → 2022. */
export function changePrecision(d: DateDraft, precision: DateDraft['precision']): DateDraft {
  const v = d.value.trim();
  let value = '';
  if (precision === 'year') value = v.slice(0, 4);
  else if (precision === 'month' && v.length >= 7) value = v.slice(0, 7);
  else if (precision === 'day' && v.length === 10) value = v;
  return { precision, value, part: precision === 'month' ? d.part : '' };
}

/** "auto parts, cosmetics; food" → ['auto parts', 'cosmetics', 'food']. */
export function splitList(text: string): string[] {
  return text
    .split(/[,;\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** A number input's value (Svelte binds null when empty) as an optional contract number. */
export function optionalNumber(n: number | null | undefined): number | undefined {
  return n === null || n === undefined || Number.isNaN(n) ? undefined : n;
}

/** Drops empty optional strings. */
export function optionalText(text: string): string | undefined {
  const t = text.trim();
  return t === '' ? undefined : t;
}
