import type { Context } from '../context.ts';
import type { HandlersOf } from '../area.ts';
import { dateSortKey, latestPossibleDay, type PreciseDate } from '../common/dates.ts';
import { eventDate } from '../events/queries.ts';
import type { Db } from '../open.ts';
import { sourceLookup } from '../refs.ts';
import type { ProjectStatus } from '../common/vocabulary.ts';
import type { FieldBreakdown, ProjectItem, projectsContract, ProjectsResult } from './contract.ts';

interface ProjectRow {
  id: string;
  title: string;
  project_count: number;
  partner_code: string;
  partner_name: string | null;
  region_label: string | null;
  counterpart_code: string | null;
  counterpart_name: string | null;
  status: ProjectStatus;
  signed_precision: PreciseDate['precision'] | null;
  signed_value: string | null;
  signed_part: 'early' | 'mid' | 'late' | null;
  signed_event_id: string | null;
  event_title: string | null;
  ev_precision: PreciseDate['precision'] | null;
  ev_value: string | null;
  ev_part: 'early' | 'mid' | 'late' | null;
  rel_anchor_id: string | null;
  rel_weekday: number | null;
  rel_relation: 'before-anchor' | 'week-of-anchor' | null;
  rel_note: string | null;
  value_usd: number | null;
  split_reported: number;
  note: string | null;
  source_id: string;
  fields: string | null;
}

export interface ProjectFilter {
  region?: string | undefined;
  field?: string | undefined;
  status?: ProjectStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** Completes a partial filter date: the earliest ("from") or latest ("to") day it can mean. */
function bound(value: string, end: boolean): string {
  if (value.length === 10) return value;
  if (value.length === 4) return end ? `${value}-12-31` : `${value}-01-01`;
  return end ? (latestPossibleDay({ precision: 'month', value }) ?? `${value}-31`) : `${value}-01`;
}

export function listProjects(db: Db, filter: ProjectFilter): ProjectsResult {
  const source = sourceLookup(db);
  // The signing date of a batch signed "the Thursday before the report" is relative to the anchor's publication;
  // its known month is in signed_value. The anchor id comes from the signing event when there is one.
  const rows = db
    .prepare(
      `
    SELECT p.id, p.title, p.project_count, p.partner_code, e.name AS partner_name, e.region_label, p.counterpart_code, c.name AS counterpart_name,
      p.status, p.signed_precision, p.signed_value, p.signed_part, p.signed_event_id, ev.title AS event_title,
      ev.date_precision AS ev_precision, ev.date_value AS ev_value, ev.date_part AS ev_part, ev.rel_anchor_id, ev.rel_weekday, ev.rel_relation, ev.rel_note,
      p.value_usd, p.split_reported, p.note, p.source_id,
      (SELECT json_group_array(field) FROM (SELECT field FROM project_field WHERE project_id = p.id ORDER BY position)) AS fields
    FROM project p
    LEFT JOIN economy e ON e.code = p.partner_code
    LEFT JOIN economy c ON c.code = p.counterpart_code
    LEFT JOIN event ev ON ev.id = p.signed_event_id
    WHERE (:region IS NULL OR p.partner_code = :region OR e.parent_code = :region)
      AND (:status IS NULL OR p.status = :status)
      AND (:field IS NULL OR EXISTS (SELECT 1 FROM project_field f WHERE f.project_id = p.id AND lower(f.field) = lower(:field)))
    ORDER BY p.title`,
    )
    .all({ region: filter.region ?? null, status: filter.status ?? null, field: filter.field ?? null }) as ProjectRow[];

  const from = filter.from ? bound(filter.from, false) : null;
  const to = filter.to ? bound(filter.to, true) : null;
  const projects: ProjectItem[] = [];
  for (const r of rows) {
    // A relative signing date ("the Thursday before the report") is the date of the event it was signed at;
    // without one, what is known is its month.
    const signed: PreciseDate | null = !r.signed_precision
      ? null
      : r.signed_precision !== 'relative'
        ? { precision: r.signed_precision, value: r.signed_value, part: r.signed_part }
        : r.ev_precision === 'relative' && r.rel_anchor_id
          ? eventDate(
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
            )
          : r.signed_value
            ? { precision: r.signed_value.length === 7 ? 'month' : 'day', value: r.signed_value, part: r.signed_part }
            : null;
    if (from || to) {
      // A project is in the range when the period its date can mean overlaps the range.
      if (!signed?.value) continue;
      const earliest = dateSortKey(signed);
      const latest = latestPossibleDay(signed) ?? earliest;
      if ((from && latest < from) || (to && earliest > to)) continue;
    }
    projects.push({
      id: r.id,
      title: r.title,
      count: r.project_count,
      region: { code: r.partner_code, name: r.partner_name ?? r.partner_code, regionLabel: r.region_label },
      counterpart: r.counterpart_code ? { code: r.counterpart_code, name: r.counterpart_name ?? r.counterpart_code } : null,
      status: r.status,
      signed,
      signedAtEvent: r.signed_event_id ? { id: r.signed_event_id, title: r.event_title ?? '' } : null,
      valueUsd: r.value_usd,
      fields: JSON.parse(r.fields ?? '[]') as string[],
      splitReported: r.split_reported === 1,
      note: r.note,
      source: source(r.source_id),
    });
  }
  return {
    projects,
    total: {
      projects: projects.reduce((n, p) => n + p.count, 0),
      entries: projects.length,
      batches: projects.filter((p) => p.count > 1).length,
    },
    fields: fieldBreakdown(projects),
    byRegion: byRegion(projects),
    options: {
      regions: db
        .prepare(`SELECT DISTINCT e.code, e.name FROM project p JOIN economy e ON e.code = p.partner_code ORDER BY e.name`)
        .all() as { code: string; name: string }[],
      fields: db.prepare('SELECT DISTINCT field FROM project_field ORDER BY lower(field)').pluck().all() as string[],
      statuses: db.prepare('SELECT DISTINCT status FROM project ORDER BY status').pluck().all() as ProjectStatus[],
    },
  };
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

function byRegion(projects: readonly ProjectItem[]): ProjectsResult['byRegion'] {
  const map = new Map<string, ProjectsResult['byRegion'][number]>();
  for (const p of projects) {
    const r = map.get(p.region.code) ?? { region: p.region, projects: 0, entries: 0 };
    r.projects += p.count;
    r.entries += 1;
    map.set(p.region.code, r);
  }
  return [...map.values()].sort((a, b) => b.projects - a.projects || a.region.name.localeCompare(b.region.name));
}

export function projectsHandlers(ctx: Context): HandlersOf<typeof projectsContract> {
  return { listProjects: (input) => listProjects(ctx.db, input) };
}
