/**
 * The projects area's rules, free of SQLite: the signing date a project carries (its own, or the date
 * of the event it was signed at), whether it falls in a range of dates, and how projects are counted by
 * field and by region (a batch counts as its number of projects and is never split among its fields).
 */
import { dateSortKey, latestPossibleDay, type PreciseDate } from '../common/dates.ts';
import type { SourceRef } from '../shared-types.ts';
import { eventDate } from '../events/rules.ts';
import type { FieldBreakdown, ProjectItem, ProjectsResult } from './contract.ts';
import type { ProjectRow } from './sql.ts';

/** Completes a partial filter date ("2022", "2022-10"): the earliest ("from") or latest ("to") day it can mean. */
export function bound(value: string, end: boolean): string {
  if (value.length === 10) return value;
  if (value.length === 4) return end ? `${value}-12-31` : `${value}-01-01`;
  return end ? (latestPossibleDay({ precision: 'month', value }) ?? `${value}-31`) : `${value}-01`;
}

/**
 * A project's signing date. A relative signing date ("the Thursday before the report") is the date of the
 * event it was signed at; without one, what is known is its month (or day) in signed_value.
 */
export function signedDate(r: ProjectRow, source: (id: string) => SourceRef): PreciseDate | null {
  if (!r.signed_precision) return null;
  if (r.signed_precision !== 'relative') return { precision: r.signed_precision, value: r.signed_value, part: r.signed_part };
  if (r.ev_precision === 'relative' && r.rel_anchor_id)
    return eventDate(
      {
        date_precision: 'relative',
        date_value: r.ev_value,
        date_part: r.ev_part,
        rel_anchor_id: r.rel_anchor_id,
        rel_weekday: r.rel_weekday,
        rel_relation: r.rel_relation,
        rel_note: r.rel_note,
      },
      source,
    );
  return r.signed_value ? { precision: r.signed_value.length === 7 ? 'month' : 'day', value: r.signed_value, part: r.signed_part } : null;
}

/**
 * Whether a signing date falls in the range of days from `from` to `to` (either may be absent): it does
 * when the period the date can mean overlaps the range. Without a range every project is in; with one, a
 * project without a date is out.
 */
export function inRange(signed: PreciseDate | null, from: string | null, to: string | null): boolean {
  if (!from && !to) return true;
  if (!signed?.value) return false;
  const earliest = dateSortKey(signed);
  const latest = latestPossibleDay(signed) ?? earliest;
  return !((from && latest < from) || (to && earliest > to));
}

/**
 * Projects by field. A project with one field counts for it; a batch whose split is reported is stored as one entry
 * per field by its source, so it counts where stated; a batch over several fields without a reported split is never
 * divided: it is listed whole beside the fields.
 */
export function fieldBreakdown(projects: readonly ProjectItem[]): FieldBreakdown {
  const byField = new Map<string, number>();
  const unsplitBatches: FieldBreakdown['unsplitBatches'] = [];
  for (const p of projects) {
    if (p.fields.length === 1 || (p.count === 1 && p.fields.length > 0 && p.splitReported)) {
      for (const f of p.fields) byField.set(f, (byField.get(f) ?? 0) + p.count);
    } else if (p.fields.length > 1) {
      unsplitBatches.push({ id: p.id, title: p.title, count: p.count, fields: p.fields });
    } else {
      byField.set('Field not stated', (byField.get('Field not stated') ?? 0) + p.count);
    }
  }
  return {
    byField: [...byField.entries()]
      .map(([field, n]) => ({ field, projects: n }))
      .sort((a, b) => b.projects - a.projects || a.field.localeCompare(b.field)),
    unsplitBatches,
  };
}

/** Projects (a batch as its count) and entries by region, most projects first. */
export function byRegion(projects: readonly ProjectItem[]): ProjectsResult['byRegion'] {
  const map = new Map<string, ProjectsResult['byRegion'][number]>();
  for (const p of projects) {
    const r = map.get(p.region.code) ?? { region: p.region, projects: 0, entries: 0 };
    r.projects += p.count;
    r.entries += 1;
    map.set(p.region.code, r);
  }
  return [...map.values()].sort((a, b) => b.projects - a.projects || a.region.name.localeCompare(b.region.name));
}

/** How many projects (a batch as its count), entries and batches of more than one project. */
export function projectTotals(projects: readonly ProjectItem[]): ProjectsResult['total'] {
  return {
    projects: projects.reduce((n, p) => n + p.count, 0),
    entries: projects.length,
    batches: projects.filter((p) => p.count > 1).length,
  };
}
