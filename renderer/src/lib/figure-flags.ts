/**
 * The flags a stated figure carries beside its value, in the same words wherever it stands (screen,
 * chart labels, tables, drill, print): the months a part of a year covers ("Jan–Sep only", as the data
 * core writes it), and "unit inferred" where the source does not state the unit.
 */
import type { CoreText } from '../../../db/common/core-messages.ts';
import { t, tPeriod } from '../i18n/i18n.svelte.ts';

export interface FlaggedFigure {
  periodNote: string | null;
  /** The period coded (db/common/core-messages.ts periodTextOfNote): its months named in the page's language. */
  periodText?: CoreText | null;
  unitInferred: boolean;
}

export function figureFlags(f: FlaggedFigure): string[] {
  return [...(f.periodNote ? [tPeriod(f)] : []), ...(f.unitInferred ? [t('sectors.unitInferred')] : [])];
}

/** "2018, Jan–Nov only", "2023, unit inferred", "2021": a figure's year with its flags. */
export function yearWithFlags(f: FlaggedFigure & { year: number }): string {
  return [String(f.year), ...figureFlags(f)].join(', ');
}
